// The Effect 4 twins of docs/examples (docs/examples/effect4, included verbatim in docs/*.md beside the Effect 3
// ones; scripts/check-jsdoc-effect4.mjs type-checks them and checks that the pages hold them unchanged), each run
// against this edition's emulator instead of AWS, as test/docs-recipes.test.ts runs the Effect 3 ones against that
// edition's: a program needs a PersonalizeClient, its `main` provides AWS, and the test provides the emulator (in
// memory, with scripted faults where a test needs them, or over HTTP for the AWS SDK and the scripts).
import { PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import { PersonalizeAws } from "@effect-personalize/aws"
import type { BatchSegmentJob, PersonalizeClient, PersonalizeError } from "@effect-personalize/core"
import { PersonalizeEmulator } from "@effect-personalize/emulator"
import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import type { Duration } from "effect"
import { Context, Effect, FileSystem, Layer, Logger, Redacted, References, Schedule } from "effect"
import { FetchHttpClient } from "effect/http"
import type { HttpClient } from "effect/http"
import { KeyValueStore } from "effect/persistence"
import { TestClock } from "effect/testing"
import * as Path from "node:path"
import { gunzipSync } from "node:zlib"
import type { ScriptResult } from "./utils.js"
import { captureConsole, job, localServer, script, tempDir } from "./utils.js"

// Imported at run time, their shape declared here (their types are checked by scripts/check-jsdoc-effect4.mjs).
const recipe = <A>(name: string): Promise<A> => import(`../${name}.ts`)

type Client = PersonalizeClient.PersonalizeClient
type Failure = PersonalizeError.PersonalizeError

describe("docs/examples/effect4, against the emulator", () => {
  it.effect("failed-jobs: only the failed jobs, with their reasons", () =>
    Effect.gen(function*() {
      const { program } = yield* Effect.promise(() =>
        recipe<{ readonly program: Effect.Effect<void, Failure, Client> }>("failed-jobs")
      )
      const out = yield* captureConsole
      yield* out.run(program).pipe(Effect.provide(PersonalizeEmulator.layerClient({
        seed: [
          job("weekly-1", "ACTIVE", "2025-03-01T00:00:00Z"),
          job("weekly-2", "CREATE FAILED", "2025-03-02T00:00:00Z", { failureReason: "no data in the input" }),
          job("weekly-3", "IN PROGRESS", "2025-03-03T00:00:00Z"),
          job("weekly-4", "CREATE FAILED", "2025-03-04T00:00:00Z")
        ]
      })))
      // the emulator lists the newest first, as the service does
      assert.deepStrictEqual(out.lines, [
        "weekly-4\t(no reason given)",
        "weekly-2\tno data in the input",
        "2 failed job(s)"
      ])
    }))

  it.live("ndjson-file: every job, one JSON object per line, the file replaced on each run", () =>
    Effect.gen(function*() {
      const { writeNdjson } = yield* Effect.promise(() =>
        recipe<{
          readonly writeNdjson: (path: string) => Effect.Effect<void, unknown, Client | FileSystem.FileSystem>
        }>("ndjson-file")
      )
      const fs = yield* FileSystem.FileSystem
      const file = Path.join(yield* tempDir, "jobs.ndjson")
      const out = yield* captureConsole
      yield* out.run(writeNdjson(file)).pipe(Effect.provide(PersonalizeEmulator.layerClient({
        generate: { solutionVersions: 3, jobsPerVersion: 50, seed: 3 }
      })))
      const lines = (yield* fs.readFileString(file)).split("\n")
      assert.strictEqual(lines.pop(), "") // every line ends with \n
      assert.strictEqual(lines.length, 150)
      for (const line of lines) {
        const parsed = JSON.parse(line) as Record<string, unknown>
        assert.match(String(parsed.batchSegmentJobArn), /^arn:aws:personalize:/)
        assert.strictEqual(typeof parsed.creationDateTime, "number") // epoch seconds, as on the wire
      }
      yield* out.run(writeNdjson(file)).pipe(Effect.provide(PersonalizeEmulator.layerClient({
        seed: [job("only-one", "ACTIVE", "2025-03-01T00:00:00Z")]
      })))
      const again = (yield* fs.readFileString(file)).trimEnd().split("\n")
      assert.strictEqual(again.length, 1)
      assert.strictEqual(JSON.parse(again[0]!).jobName, "only-one")
      assert.deepStrictEqual(out.lines, [`150 job(s) written to ${file}`, `1 job(s) written to ${file}`])
    }).pipe(Effect.scoped, Effect.provide(NodeServices.layer)))

  it.live("notify-failures: one message per job that fails, posted through HttpClient", () =>
    Effect.gen(function*() {
      const { notifyFailures } = yield* Effect.promise(() =>
        recipe<{
          readonly notifyFailures: (options: {
            readonly webhook: string
            readonly schedule: Schedule.Schedule<unknown>
            readonly untilTerminal?: boolean
          }) => Effect.Effect<void, unknown, Client | HttpClient.HttpClient>
        }>("notify-failures")
      )
      const received: Array<{ readonly text: string }> = []
      const webhook = yield* localServer((_path, body, res) => {
        received.push(JSON.parse(body.toString("utf8")))
        // the first post is refused once: the recipe's HttpClient retries it
        res.writeHead(received.length === 1 ? 503 : 200).end()
      })
      const lifecycle = (
        outcome: "ACTIVE" | "CREATE FAILED",
        failureReason?: string
      ): Partial<PersonalizeEmulator.SeedJob> => ({
        lifecycle: { pendingFor: "100 millis", runFor: "200 millis", outcome, failureReason }
      })
      yield* notifyFailures({ webhook: `${webhook}/hook`, schedule: Schedule.spaced("50 millis"), untilTerminal: true })
        .pipe(
          Effect.provide(PersonalizeEmulator.layerClient({
            seed: [
              // failed before the watch started: not news
              job("old-failure", "CREATE FAILED", "2025-03-01T00:00:00Z", { failureReason: "old" }),
              job("a", "PENDING", "2025-03-02T00:00:00Z", lifecycle("CREATE FAILED", "the input bucket is empty")),
              job("b", "PENDING", "2025-03-02T00:00:01Z", lifecycle("ACTIVE")),
              job("c", "PENDING", "2025-03-02T00:00:02Z", lifecycle("CREATE FAILED"))
            ].map((seed) => ({ ...seed, creationDateTime: undefined, lastUpdatedDateTime: undefined }))
          })),
          Effect.provide(FetchHttpClient.layer),
          Effect.timeout("30 seconds")
        )
      const texts = received.map((body) => body.text)
      // one message per failure, none for the job that had failed before; the refused post came again
      assert.strictEqual(texts.length, 3)
      const messages = [...new Set(texts)].sort()
      assert.strictEqual(messages.length, 2)
      assert.strictEqual(messages[0], "Batch segment job a failed: the input bucket is empty")
      // without a reason of its own, the emulator gives c one
      assert.match(messages[1]!, /^Batch segment job c failed: \S/)
    }).pipe(Effect.scoped), { timeout: 60_000 })

  it.effect("nightly-report: the last 24 hours by status, and the failures", () =>
    Effect.gen(function*() {
      const { report } = yield* Effect.promise(() =>
        recipe<{ readonly report: (period?: Duration.Input) => Effect.Effect<void, Failure, Client> }>(
          "nightly-report"
        )
      )
      // the report's "now", on Effect's Clock
      yield* TestClock.setTime(Date.parse("2025-03-02T06:00:00Z"))
      const out = yield* captureConsole
      yield* out.run(report()).pipe(Effect.provide(PersonalizeEmulator.layerClient({
        seed: [
          job("last-week", "CREATE FAILED", "2025-02-23T06:00:00Z", { failureReason: "too old to count" }),
          job("yesterday-early", "ACTIVE", "2025-03-01T05:00:00Z"),
          job("yesterday", "ACTIVE", "2025-03-01T07:00:00Z"),
          job("tonight-1", "CREATE FAILED", "2025-03-02T01:00:00Z", { failureReason: "no data" }),
          job("tonight-2", "ACTIVE", "2025-03-02T02:00:00Z"),
          job("tonight-3", "IN PROGRESS", "2025-03-02T05:00:00Z"),
          // created before, but changed within the last 24 hours
          job("long-runner", "ACTIVE", "2025-02-28T00:00:00Z", { lastUpdatedDateTime: "2025-03-01T23:00:00Z" })
        ]
      })))
      assert.deepStrictEqual(out.lines, [
        "Batch segment jobs since 2025-03-01T06:00:00.000Z: 5",
        "  ACTIVE: 3",
        "  CREATE FAILED: 1",
        "  IN PROGRESS: 1",
        "Failed: tonight-1: no data"
      ])
    }))

  it.effect("all-regions: one client layer per region, a failing region reported", () =>
    Effect.gen(function*() {
      const { listRegions } = yield* Effect.promise(() =>
        recipe<{
          readonly listRegions: <E>(
            regions: ReadonlyArray<string>,
            clientFor: (region: string) => Layer.Layer<Client, E>
          ) => Effect.Effect<void>
        }>("all-regions")
      )
      const out = yield* captureConsole
      const regions = ["us-east-1", "eu-west-1", "ap-south-1"]
      const clientFor = (region: string) => {
        const index = regions.indexOf(region)
        return region === "eu-west-1"
          // a region whose answers do not match the model: reported, and the others go on
          ? PersonalizeEmulator.layerClient({ region, faults: { script: () => "wrongTypes" } })
          : PersonalizeEmulator.layerClient({
            region,
            generate: { solutionVersions: 1, jobsPerVersion: 2 + index, seed: index, region }
          })
      }
      yield* out.run(listRegions(regions, clientFor))
      const of = (region: string) => out.lines.filter((line) => line.startsWith(region))
      assert.strictEqual(of("us-east-1").length, 3)
      assert.strictEqual(of("us-east-1").at(-1), "us-east-1: 2 job(s)")
      assert.strictEqual(of("ap-south-1").length, 5)
      assert.strictEqual(of("ap-south-1").at(-1), "ap-south-1: 4 job(s)")
      assert.match(of("ap-south-1")[0]!, /^ap-south-1\t\S+\t[A-Z ]+$/)
      assert.strictEqual(of("eu-west-1").length, 1)
      assert.match(of("eu-west-1")[0]!, /^eu-west-1: failed: The response of Amazon Personalize does not match/)
    }))

  it.effect("checkpoint-kv: a restarted process continues after the last job it handled", () =>
    Effect.gen(function*() {
      const { exportJobs } = yield* Effect.promise(() =>
        recipe<{
          readonly exportJobs: <E, R>(
            handle: (job: BatchSegmentJob.BatchSegmentJobSummary) => Effect.Effect<void, E, R>
          ) => Effect.Effect<void, unknown, Client | KeyValueStore.KeyValueStore | R>
        }>("checkpoint-kv")
      )
      const emulator = yield* PersonalizeEmulator.Emulator
      const all = (yield* emulator.jobs).map((job) => job.jobName)
      assert.strictEqual(all.length, 150) // two pages of the service's default 100
      const handled: Array<string | undefined> = []
      // the first run stops while handling the 120th job
      const crash = yield* Effect.flip(exportJobs((job) =>
        handled.length === 119 ? Effect.fail("crash" as const) : Effect.sync(() => void handled.push(job.jobName))
      ))
      assert.strictEqual(crash, "crash")
      assert.strictEqual(handled.length, 119)
      const store = yield* KeyValueStore.KeyValueStore
      assert.isDefined(yield* store.get("batch-segment-jobs/resume-token"))
      // the restart handles the 120th job and the rest, once each
      yield* exportJobs((job) =>
        Effect.sync(() => void handled.push(job.jobName))
      )
      assert.deepStrictEqual(handled, all)
      // a complete listing leaves no checkpoint: the next run starts from the beginning
      assert.isUndefined(yield* store.get("batch-segment-jobs/resume-token"))
      const requests = (yield* emulator.requestLog).map((entry) => entry.body as { nextToken?: string })
      // run 1: page 1, page 2; run 2: page 2 only (from the checkpoint)
      assert.strictEqual(requests.length, 3)
      assert.isDefined(requests[2]!.nextToken)
    }).pipe(
      Effect.provide(
        PersonalizeEmulator.layerClient({ generate: { solutionVersions: 3, jobsPerVersion: 50, seed: 9 } })
      ),
      Effect.provide(KeyValueStore.layerMemory)
    ))

  it.effect("fan-out: many solution versions, a failing one reported with how to resume it", () =>
    Effect.gen(function*() {
      const { countJobs } = yield* Effect.promise(() =>
        recipe<{ readonly countJobs: (arns: ReadonlyArray<string>) => Effect.Effect<void, never, Client> }>("fan-out")
      )
      const emulator = yield* PersonalizeEmulator.Emulator
      const arns = [...new Set((yield* emulator.jobs).map((job) => job.solutionVersionArn!))].sort()
      assert.strictEqual(arns.length, 4)
      const broken = arns[1]!
      yield* emulator.setFaults({
        script: ({ body }) =>
          (body as { solutionVersionArn?: string }).solutionVersionArn === broken ? "wrongTypes" : undefined
      })
      const out = yield* captureConsole
      yield* out.run(countJobs(arns))
      assert.deepStrictEqual(out.lines, [
        `${broken}: ResponseDecodeError; resume it with no token (from the start)`,
        ...arns.map((arn) => `${arn}: ${arn === broken ? 0 : 120} job(s)`)
      ])
    }).pipe(
      Effect.provide(
        PersonalizeEmulator.layerClient({ generate: { solutionVersions: 4, jobsPerVersion: 120, seed: 5 } })
      )
    ))

  it.live(
    "migrate: the SDK's paginator and the stream find the same failed jobs, over HTTP",
    () =>
      Effect.gen(function*() {
        // the "before" program has no Effect in it: the same file for both editions
        const before = yield* Effect.promise(() =>
          import("../../migrate-sdk.ts" as string) as Promise<
            { readonly failedJobs: (client: SdkClient, arn?: string) => Promise<ReadonlyArray<{ jobName?: string }>> }
          >
        )
        const after = yield* Effect.promise(() =>
          recipe<{
            readonly failedJobs: (
              arn?: string
            ) => Effect.Effect<ReadonlyArray<{ jobName?: string | undefined }>, Failure, Client>
          }>("migrate-effect")
        )
        const { url } = yield* PersonalizeEmulator.EmulatorServer
        const credentials = PersonalizeEmulator.testCredentials
        const sdkClient = yield* Effect.acquireRelease(
          Effect.sync(() =>
            new SdkClient({
              region: "us-east-1",
              endpoint: url,
              credentials: {
                accessKeyId: credentials.accessKeyId,
                secretAccessKey: Redacted.value(credentials.secretAccessKey)
              }
            })
          ),
          (sdk) => Effect.sync(() => sdk.destroy())
        )
        const sdk = yield* Effect.promise(() => before.failedJobs(sdkClient))
        const effect = yield* after.failedJobs().pipe(
          Effect.provide(PersonalizeAws.layer({ region: "us-east-1", endpoint: url, credentials }))
        )
        assert.isAbove(sdk.length, 0)
        assert.deepStrictEqual(effect.map((job) => job.jobName), sdk.map((job) => job.jobName))
      }).pipe(
        Effect.provide(
          PersonalizeEmulator.layerServer({ generate: { solutionVersions: 3, jobsPerVersion: 80, seed: 2 } })
        ),
        Effect.scoped
      ),
    { timeout: 60_000 }
  )

  it.live(
    "observability: the spans, metrics and log lines that observability.md names, sent over OTLP",
    () =>
      Effect.gen(function*() {
        const { Telemetry, program } = yield* Effect.promise(() =>
          recipe<{
            readonly Telemetry: (baseUrl: string) => Layer.Layer<never>
            readonly program: Effect.Effect<void, Failure, Client>
          }>("observability")
        )
        // an OTLP collector: what the exporter posts to /v1/traces, /v1/metrics, /v1/logs
        const posted: Array<{ readonly path: string; readonly body: any }> = []
        const collector = yield* localServer((path, body, res) => {
          const text = body[0] === 0x1f ? gunzipSync(body).toString("utf8") : body.toString("utf8")
          posted.push({ path, body: JSON.parse(text) })
          res.writeHead(200, { "content-type": "application/json" }).end("{}")
        })
        const logs: Array<{ level: string; message: string; annotations: Record<string, unknown> }> = []
        const logger = Logger.make(({ fiber, logLevel, message }) => {
          logs.push({
            level: logLevel,
            message: String(Array.isArray(message) ? message[0] : message),
            annotations: { ...fiber.getRef(References.CurrentLogAnnotations) }
          })
        })
        const out = yield* captureConsole
        // the exporter sends what is left when its layer closes, at the end of the program
        yield* out.run(program).pipe(
          Effect.provide(PersonalizeEmulator.layerClient({
            generate: { solutionVersions: 2, jobsPerVersion: 30, seed: 4 },
            // the second request is throttled once
            faults: { script: [{ on: 2, kind: "throttle" }] }
          })),
          Effect.provide(Telemetry(collector)),
          Effect.provide(Logger.layer([logger])),
          Effect.provideService(References.MinimumLogLevel, "Debug")
        )
        assert.deepStrictEqual(out.lines, ["60 jobs"])

        const spans = posted.filter((p) => p.path === "/v1/traces").flatMap((p) =>
          p.body.resourceSpans.flatMap((r: any) => r.scopeSpans.flatMap((s: any) => s.spans))
        )
        const attribute = (span: any, key: string) => {
          const value = span.attributes.find((a: any) => a.key === key)?.value
          return value === undefined ? undefined : value.stringValue ?? Number(value.intValue ?? value.doubleValue)
        }
        const named = (name: string) => spans.filter((span: any) => span.name === name)
        assert.strictEqual(named("count-jobs").length, 1)
        assert.strictEqual(named("ListBatchSegmentJobs.pages").length, 1)
        const pages = named("ListBatchSegmentJobs.page")
        assert.strictEqual(pages.length, 3) // 60 jobs, 25 a page
        for (const span of [...pages, ...named("ListBatchSegmentJobs.pages")]) {
          assert.strictEqual(attribute(span, "rpc.system"), "aws-api")
          assert.strictEqual(attribute(span, "rpc.service"), "Personalize")
          assert.strictEqual(attribute(span, "rpc.method"), "ListBatchSegmentJobs")
        }
        assert.deepStrictEqual(pages.map((span: any) => attribute(span, "personalize.attempts")), [1, 2, 1])
        assert.strictEqual(attribute(named("ListBatchSegmentJobs.pages")[0], "personalize.items"), 60)

        const exported = new Set(
          posted.filter((p) => p.path === "/v1/metrics").flatMap((p) =>
            p.body.resourceMetrics.flatMap((r: any) =>
              r.scopeMetrics.flatMap((s: any) => s.metrics.map((m: any) => m.name))
            )
          )
        )
        for (
          const name of [
            "rpc.client.duration",
            "personalize.client.requests",
            "personalize.client.pages",
            "personalize.client.jobs",
            "personalize.client.errors",
            "personalize.client.retries",
            "personalize.client.throttles"
          ]
        ) assert.isTrue(exported.has(name), `${name} exported`)

        const messages = logs.map((log) => `${log.level} ${log.message}`)
        assert.strictEqual(messages.filter((m) => m === "Debug ListBatchSegmentJobs request").length, 3)
        assert.strictEqual(messages.filter((m) => m === "Debug ListBatchSegmentJobs request failed").length, 1)
        assert.strictEqual(messages.filter((m) => m === "Warn ListBatchSegmentJobs retry").length, 1)
        const retry = logs.find((log) => log.message === "ListBatchSegmentJobs retry")!
        assert.strictEqual(retry.annotations.error, "ThrottlingException")
        // the log lines went to the collector too
        assert.isTrue(posted.some((p) => p.path === "/v1/logs"))
      }).pipe(Effect.scoped),
    { timeout: 60_000 }
  )
})

// Recipes run as a user runs them (`npx tsx recipe.ts`): their `main`, with AWS configured by the environment, here
// pointed at the emulator over HTTP. One test per script, each with its own emulator, its own folder and its own
// time limit: a loaded machine makes them slower, not failed. notify-failures runs until stopped.
describe("docs/examples/effect4 as scripts, each main against the emulator's HTTP endpoint", () => {
  /**
   * Runs the script in a fresh folder against a fresh emulator over HTTP with 3 solution versions of 20 jobs; gives
   * its output, the folder, and the emulator's jobs (newest first, as listed).
   */
  const run = (name: string, extra: Record<string, string> = {}) =>
    Effect.gen(function*() {
      const context = yield* Layer.build(
        PersonalizeEmulator.layerServer({ generate: { solutionVersions: 3, jobsPerVersion: 20, seed: 8 } })
      )
      const { url } = Context.get(context, PersonalizeEmulator.EmulatorServer)
      const jobs = yield* Context.get(context, PersonalizeEmulator.Emulator).jobs
      const arns = [...new Set(jobs.map((job) => job.solutionVersionArn!))].sort()
      const cwd = yield* tempDir
      const env = {
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_"))),
        AWS_REGION: "us-east-1",
        AWS_ENDPOINT_URL_PERSONALIZE: url,
        AWS_ACCESS_KEY_ID: PersonalizeEmulator.testCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: Redacted.value(PersonalizeEmulator.testCredentials.secretAccessKey),
        REGIONS: "us-east-1,eu-west-1",
        SOLUTION_VERSION_ARNS: arns.join(","),
        ...extra
      }
      const result: ScriptResult = yield* script(name, { cwd, env })
      assert.strictEqual(result.code, 0, `${name}: exit code ${result.code}\n${result.stdout}\n${result.stderr}`)
      return { lines: result.stdout.trimEnd().split("\n"), output: result.stdout, cwd, jobs, arns }
    })

  it.live("failed-jobs: the failed jobs with their reasons, and their count", () =>
    Effect.gen(function*() {
      const { jobs, lines } = yield* run("failed-jobs")
      const expected = jobs.filter((job) => job.status === "CREATE FAILED").map((job) =>
        `${job.jobName}\t${job.failureReason ?? "(no reason given)"}`
      )
      assert.isAbove(expected.length, 0)
      assert.deepStrictEqual(lines, [...expected, `${expected.length} failed job(s)`])
    }).pipe(Effect.scoped), { timeout: 120_000 })

  it.live("ndjson-file: every job written to jobs.ndjson", () =>
    Effect.gen(function*() {
      const { cwd, lines } = yield* run("ndjson-file")
      assert.deepStrictEqual(lines, ["60 job(s) written to jobs.ndjson"])
      const fs = yield* FileSystem.FileSystem
      const written = (yield* fs.readFileString(Path.join(cwd, "jobs.ndjson"))).trimEnd().split("\n")
      assert.strictEqual(written.length, 60)
    }).pipe(Effect.scoped, Effect.provide(NodeServices.layer)), { timeout: 120_000 })

  it.live("all-regions: each region of REGIONS listed", () =>
    Effect.gen(function*() {
      const { lines } = yield* run("all-regions")
      assert.includeMembers(lines, ["us-east-1: 60 job(s)", "eu-west-1: 60 job(s)"])
    }).pipe(Effect.scoped), { timeout: 120_000 })

  it.live("checkpoint-kv: every job exported, and no checkpoint left", () =>
    Effect.gen(function*() {
      const { cwd, jobs, lines } = yield* run("checkpoint-kv")
      assert.deepStrictEqual(
        lines.filter((line) => line.startsWith("exported ")),
        jobs.map((job) => `exported ${job.jobName}`)
      )
      const fs = yield* FileSystem.FileSystem
      assert.deepStrictEqual(yield* fs.readDirectory(Path.join(cwd, "checkpoints")), [])
    }).pipe(Effect.scoped, Effect.provide(NodeServices.layer)), { timeout: 120_000 })

  it.live("fan-out: each solution version of SOLUTION_VERSION_ARNS counted", () =>
    Effect.gen(function*() {
      const { arns, lines } = yield* run("fan-out")
      assert.deepStrictEqual(lines, arns.map((arn) => `${arn}: 20 job(s)`))
    }).pipe(Effect.scoped), { timeout: 120_000 })

  it.live(
    "observability: the count, the debug lines in logfmt, and the spans sent to OTLP_URL",
    () =>
      Effect.gen(function*() {
        const paths: Array<string> = []
        const names: Array<string> = []
        const collector = yield* localServer((path, body, res) => {
          paths.push(path)
          const text = body[0] === 0x1f ? gunzipSync(body).toString("utf8") : body.toString("utf8")
          if (path === "/v1/traces") {
            for (const r of JSON.parse(text).resourceSpans) {
              for (const s of r.scopeSpans) for (const span of s.spans) names.push(span.name)
            }
          }
          res.writeHead(200, { "content-type": "application/json" }).end("{}")
        })
        const { output } = yield* run("observability", { OTLP_URL: collector })
        assert.include(output, "60 jobs")
        assert.match(output, /level=DEBUG .*message="ListBatchSegmentJobs request"/)
        assert.includeMembers(names, ["count-jobs", "ListBatchSegmentJobs.pages", "ListBatchSegmentJobs.page"])
        assert.includeMembers(paths, ["/v1/traces", "/v1/metrics"])
      }).pipe(Effect.scoped),
    { timeout: 120_000 }
  )
})
