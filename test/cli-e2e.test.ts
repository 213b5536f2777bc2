/**
 * The built `personalize-jobs` (packages/cli/dist/bin.js) as a child process, against the emulator over HTTP
 * on a free port: the real wire path (AWS SDK, SigV4, awsJson1_1). Build first (`pnpm build`).
 */
import { PersonalizeEmulator } from "@effect-personalize/emulator"
import { assert, describe, it } from "@effect/vitest"
import { Context, Effect, Layer, Redacted, Schedule } from "effect"
import type { Scope } from "effect"
import { spawn, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as net from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { type Child, killGroup, type Result, spawnScoped } from "./processes.js"

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..")
const bin = path.join(root, "packages", "cli", "dist", "bin.js")

const baseEnv: Record<string, string> = {
  PATH: process.env.PATH ?? "",
  AWS_ACCESS_KEY_ID: PersonalizeEmulator.testCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: Redacted.value(PersonalizeEmulator.testCredentials.secretAccessKey),
  // nothing from this machine's AWS setup
  AWS_CONFIG_FILE: "/nonexistent/aws-config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
  AWS_EC2_METADATA_DISABLED: "true"
}

/** Starts the CLI (see `spawnScoped`). */
const start = (
  args: ReadonlyArray<string>,
  env: Record<string, string> = baseEnv
): Effect.Effect<Child, never, Scope.Scope> =>
  Effect.suspend(() => {
    if (!fs.existsSync(bin)) return Effect.die(new Error(`${bin} is missing: build first with pnpm build`))
    return spawnScoped(process.execPath, [bin, ...args], { env })
  })

const run = (args: ReadonlyArray<string>, env?: Record<string, string>) =>
  Effect.scoped(Effect.flatMap(start(args, env), (child) => child.result))

/** `script` from util-linux, which runs a command on a pseudo-terminal of its own: stdout is then a terminal. */
const hasScript = process.platform === "linux" && spawnSync("script", ["--version"]).status === 0

/** The CLI with stdout on a terminal (see `hasScript`); its output comes back through `script`'s stdout. */
const runOnTerminal = (args: ReadonlyArray<string>, env: Record<string, string>) =>
  Effect.scoped(Effect.gen(function*() {
    const line = [process.execPath, bin, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(" ")
    const child = yield* spawnScoped("script", ["--quiet", "--return", "--command", line, "/dev/null"], { env })
    return yield* child.result
  }))

/** `/dev/full`, the Linux device on which every write fails with ENOSPC, as a full disk does. */
const hasDevFull = process.platform === "linux" && fs.existsSync("/dev/full")

/**
 * The CLI with stdout on `/dev/full` (see `hasDevFull`), in a process group of its own, killed when the scope closes.
 */
const runOnFullDisk = (args: ReadonlyArray<string>) =>
  Effect.scoped(Effect.gen(function*() {
    const full = yield* Effect.acquireRelease(
      Effect.sync(() => fs.openSync("/dev/full", "w")),
      (fd) => Effect.sync(() => fs.closeSync(fd))
    )
    const child = yield* Effect.acquireRelease(
      Effect.sync(() =>
        spawn(process.execPath, [bin, ...args], { env: baseEnv, stdio: ["ignore", full, "pipe"], detached: true })
      ),
      (child) => Effect.sync(() => killGroup(child.pid))
    )
    let stderr = ""
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    const code = yield* Effect.async<number | null>((resume) => {
      child.on("close", (code) => resume(Effect.succeed(code)))
    }).pipe(Effect.timeoutFail({ duration: "40 seconds", onTimeout: () => new Error("timed out") }), Effect.orDie)
    return { code, stderr }
  }))

/** Waits until `condition` holds (checked every 20 ms, at most 30 seconds). */
const until = (condition: () => boolean, what: string) => untilEffect(Effect.sync(condition), what)

/** Waits until the effect says yes (asked every 20 ms, at most 30 seconds). */
const untilEffect = (condition: Effect.Effect<boolean>, what: string) =>
  Effect.flatMap(condition, (holds) => holds ? Effect.void : Effect.fail("not yet" as const)).pipe(
    Effect.retry(Schedule.spaced("20 millis")),
    Effect.timeoutFail({ duration: "30 seconds", onTimeout: () => new Error(`waited in vain for ${what}`) }),
    Effect.orDie
  )

/** An emulator over HTTP on 127.0.0.1 and a free port, for the scope. */
const emulator = (options: PersonalizeEmulator.Options = {}) =>
  Effect.gen(function*() {
    const context = yield* Layer.build(PersonalizeEmulator.layerServer(options))
    const { url } = Context.get(context, PersonalizeEmulator.EmulatorServer)
    return {
      url,
      handle: Context.get(context, PersonalizeEmulator.Emulator),
      at: ["--endpoint", url, "--region", "us-east-1"]
    }
  }).pipe(Effect.orDie)

const account = "arn:aws:personalize:us-east-1:123456789012"
const shoes = `${account}:solution/shoes/3f2a1b4c`
const hats = `${account}:solution/hats/0a1b2c3d`

const seed: ReadonlyArray<PersonalizeEmulator.SeedJob> = [
  {
    batchSegmentJobArn: `${account}:batch-segment-job/spring-launch`,
    jobName: "spring-launch",
    status: "ACTIVE",
    creationDateTime: "2024-03-01T10:00:00Z",
    lastUpdatedDateTime: "2024-03-01T10:42:17Z",
    solutionVersionArn: shoes
  },
  {
    batchSegmentJobArn: `${account}:batch-segment-job/winback`,
    jobName: "winback",
    status: "CREATE FAILED",
    creationDateTime: "2024-03-02T08:00:00Z",
    lastUpdatedDateTime: "2024-03-02T08:05:00Z",
    failureReason: "Bucket \"in\", not found",
    solutionVersionArn: shoes
  },
  {
    batchSegmentJobArn: `${account}:batch-segment-job/draft`,
    jobName: "draft",
    status: "PENDING",
    creationDateTime: "2024-03-03T09:00:00Z",
    lastUpdatedDateTime: "2024-03-03T09:00:00Z",
    solutionVersionArn: hats
  }
]

const ndjsonLines = [
  `{"batchSegmentJobArn":"${account}:batch-segment-job/draft","jobName":"draft","status":"PENDING",` +
  `"creationDateTime":"2024-03-03T09:00:00Z","lastUpdatedDateTime":"2024-03-03T09:00:00Z",` +
  `"solutionVersionArn":"${hats}"}`,
  `{"batchSegmentJobArn":"${account}:batch-segment-job/winback","jobName":"winback","status":"CREATE FAILED",` +
  `"creationDateTime":"2024-03-02T08:00:00Z","lastUpdatedDateTime":"2024-03-02T08:05:00Z",` +
  `"failureReason":"Bucket \\"in\\", not found","solutionVersionArn":"${shoes}"}`,
  `{"batchSegmentJobArn":"${account}:batch-segment-job/spring-launch","jobName":"spring-launch","status":"ACTIVE",` +
  `"creationDateTime":"2024-03-01T10:00:00Z","lastUpdatedDateTime":"2024-03-01T10:42:17Z",` +
  `"solutionVersionArn":"${shoes}"}`
]

const arns = (ndjson: string): Array<string> =>
  ndjson.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line).batchSegmentJobArn)

const resumeToken = (stderr: string): string | undefined => /Resume with: --starting-token (\S+)$/m.exec(stderr)?.[1]

/** A fresh directory for the scope. */
const tempDir = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "personalize-jobs-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
)

/** A port that nothing listens on. */
const closedPort = Effect.promise(() =>
  new Promise<number>((resolve) => {
    const server = net.createServer()
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
)

describe("personalize-jobs as a process, against the emulator over HTTP", () => {
  it.live("each format's exact output for a known seed", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at } = yield* emulator({ seed })
      const [table, json, ndjson, csv, paged] = yield* Effect.all([
        run(["list", ...at]),
        run(["list", ...at, "--format", "json"]),
        run(["list", ...at, "--format", "ndjson"]),
        run(["list", ...at, "--format", "csv"]),
        run(["list", ...at, "--format", "ndjson", "--page-size", "1"])
      ], { concurrency: "unbounded" })
      for (const result of [table, json, ndjson, csv, paged]) {
        assert.strictEqual(result.code, 0, result.stderr)
        assert.strictEqual(result.stderr, result === table ? "3 jobs, 1 failed.\n" : "")
      }
      assert.strictEqual(
        table.stdout,
        [
          "JOB NAME       STATUS         CREATED (UTC)        LAST UPDATED (UTC)   SOLUTION VERSION  FAILURE REASON",
          "draft          PENDING        2024-03-03 09:00:00  2024-03-03 09:00:00  hats/0a1b2c3d     -",
          "winback        CREATE FAILED  2024-03-02 08:00:00  2024-03-02 08:05:00  shoes/3f2a1b4c    Bucket \"in\", not found",
          "spring-launch  ACTIVE         2024-03-01 10:00:00  2024-03-01 10:42:17  shoes/3f2a1b4c    -",
          ""
        ].join("\n")
      )
      assert.strictEqual(json.stdout, `[\n${ndjsonLines.map((line) => `  ${line}`).join(",\n")}\n]\n`)
      assert.strictEqual(ndjson.stdout, ndjsonLines.map((line) => `${line}\n`).join(""))
      assert.strictEqual(paged.stdout, ndjson.stdout)
      assert.strictEqual(
        csv.stdout,
        "batchSegmentJobArn,jobName,status,creationDateTime,lastUpdatedDateTime,failureReason,solutionVersionArn\n" +
          `${account}:batch-segment-job/draft,draft,PENDING,2024-03-03T09:00:00Z,2024-03-03T09:00:00Z,,${hats}\n` +
          `${account}:batch-segment-job/winback,winback,CREATE FAILED,2024-03-02T08:00:00Z,2024-03-02T08:05:00Z,` +
          `"Bucket ""in"", not found",${shoes}\n` +
          `${account}:batch-segment-job/spring-launch,spring-launch,ACTIVE,2024-03-01T10:00:00Z,` +
          `2024-03-01T10:42:17Z,,${shoes}\n`
      )
    })))

  it.live("text from the service with control characters and formulas: escaped in table and csv, exact in ndjson", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at } = yield* emulator({
        seed: [{
          batchSegmentJobArn: `${account}:batch-segment-job/evil`,
          jobName: "evil\u001b]0;owned\u0007\u001b[2J",
          status: "CREATE FAILED\r",
          creationDateTime: "2024-03-01T10:00:00Z",
          lastUpdatedDateTime: "2024-03-01T10:00:00Z",
          failureReason: "=HYPERLINK(\"https://example.com\")\n\u009b2J",
          solutionVersionArn: shoes
        }]
      })
      const [table, csv, ndjson] = yield* Effect.all([
        run(["list", ...at]),
        run(["list", ...at, "--format", "csv"]),
        run(["list", ...at, "--format", "ndjson"])
      ], { concurrency: "unbounded" })
      assert.strictEqual(
        table.stdout,
        "JOB NAME                     STATUS           CREATED (UTC)        LAST UPDATED (UTC)   SOLUTION VERSION  " +
          "FAILURE REASON\n" +
          "evil\\x1b]0;owned\\x07\\x1b[2J  CREATE FAILED\\r  2024-03-01 10:00:00  2024-03-01 10:00:00  shoes/3f2a1b4c    " +
          "=HYPERLINK(\"https://example.com\")\\n\\x9b2J\n"
      )
      assert.strictEqual(
        csv.stdout,
        "batchSegmentJobArn,jobName,status,creationDateTime,lastUpdatedDateTime,failureReason,solutionVersionArn\n" +
          `${account}:batch-segment-job/evil,evil\\x1b]0;owned\\x07\\x1b[2J,CREATE FAILED\\r,2024-03-01T10:00:00Z,` +
          `2024-03-01T10:00:00Z,"'=HYPERLINK(""https://example.com"")\\n\\x9b2J",${shoes}\n`
      )
      assert.strictEqual(JSON.parse(ndjson.stdout).jobName, "evil\u001b]0;owned\u0007\u001b[2J")
      assert.strictEqual(JSON.parse(ndjson.stdout).failureReason, "=HYPERLINK(\"https://example.com\")\n\u009b2J")
      for (const result of [table, csv, ndjson]) assert.strictEqual(result.code, 0, result.stderr)
    })))

  it.live("--status and --solution-version-arn filter", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at } = yield* emulator({ seed })
      const [failed, two, shoesOnly] = yield* Effect.all([
        run(["list", ...at, "--format", "ndjson", "--status", "create failed"]),
        run(["list", ...at, "--format", "ndjson", "--status", "ACTIVE", "--status", "Pending"]),
        run(["list", ...at, "--format", "ndjson", "--solution-version-arn", shoes])
      ], { concurrency: "unbounded" })
      assert.deepStrictEqual(arns(failed.stdout), [`${account}:batch-segment-job/winback`])
      assert.deepStrictEqual(arns(two.stdout), [
        `${account}:batch-segment-job/draft`,
        `${account}:batch-segment-job/spring-launch`
      ])
      assert.deepStrictEqual(arns(shoesOnly.stdout), [
        `${account}:batch-segment-job/winback`,
        `${account}:batch-segment-job/spring-launch`
      ])
    })))

  it.live("--max-items and the printed resume token: both runs together are the full listing, once", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at } = yield* emulator({ generate: { solutionVersions: 3, jobsPerVersion: 7, seed: 11 } })
      const full = yield* run(["list", ...at, "--format", "ndjson"])
      const all = arns(full.stdout)
      assert.strictEqual(all.length, 21)
      // cut inside a page (5 of pages of 3), then continue to the end
      const first = yield* run(["list", ...at, "--format", "ndjson", "--page-size", "3", "--max-items", "5"])
      assert.strictEqual(first.code, 0, first.stderr)
      const token = resumeToken(first.stderr)
      assert.isDefined(token, first.stderr)
      const second = yield* run(["list", ...at, "--format", "ndjson", "--page-size", "3", "--starting-token", token!])
      assert.strictEqual(second.code, 0, second.stderr)
      assert.isUndefined(resumeToken(second.stderr))
      assert.deepStrictEqual(arns(first.stdout), all.slice(0, 5))
      assert.deepStrictEqual([...arns(first.stdout), ...arns(second.stdout)], all)
    })))

  it.live("watch prints each new job and each transition once as the emulator advances, then ends", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at, handle } = yield* emulator({
        seed: [
          {
            batchSegmentJobArn: `${account}:batch-segment-job/fast`,
            jobName: "fast",
            status: "PENDING",
            creationDateTime: "2024-03-01T10:00:00Z",
            lifecycle: { pendingFor: "1 hour", runFor: "1 hour", outcome: "ACTIVE" }
          },
          {
            batchSegmentJobArn: `${account}:batch-segment-job/doomed`,
            jobName: "doomed",
            status: "PENDING",
            creationDateTime: "2024-03-01T09:00:00Z",
            lifecycle: { pendingFor: "1 hour", runFor: "2 hours", outcome: "CREATE FAILED", failureReason: "no data" }
          }
        ]
      })
      const child = yield* start(["watch", ...at, "--interval", "100ms", "--until-terminal", "--format", "ndjson"])
      const lines = () => child.stdout().split("\n").filter((line) => line !== "")
      /** How many requests the emulator has answered (one per poll: every listing is one page). */
      const answered = Effect.map(handle.requestLog, (log) => log.filter((entry) => entry.status !== undefined).length)
      /** Waits until the emulator has answered `n` more polls than it had now. */
      const polls = (n: number) =>
        Effect.flatMap(
          answered,
          (now) => untilEffect(Effect.map(answered, (count) => count >= now + n), `${n} more polls`)
        )
      yield* until(() => lines().length === 2, "the first poll")
      yield* polls(3) // with nothing new
      assert.strictEqual(lines().length, 2)
      yield* handle.advance("1 hour")
      yield* until(() => lines().length === 4, "both jobs IN PROGRESS")
      yield* handle.advance("1 hour")
      yield* until(() => lines().length === 5, "fast ACTIVE")
      yield* polls(2)
      assert.strictEqual(lines().length, 5)
      yield* handle.advance("1 hour")
      const result = yield* child.result
      assert.strictEqual(result.code, 0, result.stderr)
      const events = lines().map((line) => {
        const e = JSON.parse(line)
        return `${e.event} ${e.jobName} ${e.previousStatus ?? ""}->${e.status}${
          e.failureReason ? ` (${e.failureReason})` : ""
        }`
      })
      assert.deepStrictEqual(events, [
        "new fast ->PENDING",
        "new doomed ->PENDING",
        "changed fast PENDING->IN PROGRESS",
        "changed doomed PENDING->IN PROGRESS",
        "changed fast IN PROGRESS->ACTIVE",
        "changed doomed IN PROGRESS->CREATE FAILED (no data)"
      ])
      assert.strictEqual(result.stderr, "Every watched job is terminal.\n")
    })))

  it.live("watch --once --state-file: every job new, then only what changed, then nothing; a cut file: exit 2", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at, handle } = yield* emulator({
        seed: [
          {
            batchSegmentJobArn: `${account}:batch-segment-job/fast`,
            jobName: "fast",
            status: "PENDING",
            creationDateTime: "2024-03-01T10:00:00Z",
            solutionVersionArn: shoes,
            lifecycle: { pendingFor: "1 hour", runFor: "1 hour", outcome: "ACTIVE" }
          },
          seed[0]!
        ]
      })
      const file = path.join(yield* tempDir, "watch.state")
      const once = ["watch", ...at, "--once", "--state-file", file, "--format", "ndjson"]
      const events = (result: Result) => {
        assert.strictEqual(result.code, 0, result.stderr)
        assert.strictEqual(result.stderr, "")
        return result.stdout.split("\n").filter((line) => line !== "").map((line) => {
          const e = JSON.parse(line)
          return `${e.event} ${e.jobName} ${e.previousStatus ?? ""}->${e.status}`
        })
      }
      const requests = Effect.map(handle.requestLog, (log) => log.length)

      assert.deepStrictEqual(events(yield* run(once)), ["new fast ->PENDING", "new spring-launch ->ACTIVE"])
      assert.deepStrictEqual(events(yield* run(once)), [], "an unchanged service")
      yield* handle.advance("1 hour")
      assert.deepStrictEqual(events(yield* run(once)), ["changed fast PENDING->IN PROGRESS"])
      assert.deepStrictEqual(events(yield* run(once)), [])
      assert.strictEqual(yield* requests, 4, "one request a run")

      // a copy cut in half, and a whole copy run with another filter: both refused, both left as they were
      const whole = fs.readFileSync(file)
      const half = whole.subarray(0, Math.floor(whole.length / 2))
      const cutFile = `${file}.cut`
      fs.writeFileSync(cutFile, half)
      const [cut, other] = yield* Effect.all([
        run(["watch", ...at, "--once", "--state-file", cutFile]),
        run([...once, "--solution-version-arn", hats])
      ], { concurrency: "unbounded" })
      assert.strictEqual(cut.code, 2, cut.stderr)
      assert.strictEqual(cut.stdout, "")
      assert.include(cut.stderr, `Error: The state file ${cutFile} is not a watch state that can be read`)
      assert.strictEqual(cut.stderr.split("\n").length, 2, cut.stderr)
      assert.isTrue(fs.readFileSync(cutFile).equals(half), "the file is left as it was")
      assert.strictEqual(other.code, 2, other.stderr)
      assert.include(other.stderr, `belongs to a watch of every job, not of ${hats}`)
      assert.isTrue(fs.readFileSync(file).equals(whole))
      assert.strictEqual(yield* requests, 4, "nothing sent")
    })))

  it.live("several --solution-version-arn: each listed, every row with its solution version; --max-rps", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at, handle } = yield* emulator({ seed })
      const [both, limited, badRps] = yield* Effect.all([
        run(["list", ...at, "--solution-version-arn", hats, "--solution-version-arn", shoes, "--format", "ndjson"]),
        run([
          "list",
          ...at,
          "--solution-version-arn",
          hats,
          "--solution-version-arn",
          shoes,
          "--format",
          "ndjson",
          "--max-rps",
          "20",
          "--concurrency",
          "1"
        ]),
        run(["list", ...at, "--max-rps", "0"])
      ], { concurrency: "unbounded" })
      for (const result of [both, limited]) {
        assert.strictEqual(result.code, 0, result.stderr)
        const rows = result.stdout.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line))
        assert.deepStrictEqual(
          rows.map((row) => `${row.jobName} ${row.solutionVersionArn}`).sort(),
          [`draft ${hats}`, `spring-launch ${shoes}`, `winback ${shoes}`]
        )
      }
      assert.strictEqual(badRps.code, 2)
      assert.include(badRps.stderr, "Invalid --max-rps: expected a positive number of requests per second")
      const sent = (yield* handle.requestLog).map((entry) =>
        (entry.body as { solutionVersionArn?: string } | undefined)?.solutionVersionArn
      )
      assert.deepStrictEqual(sent.sort(), [hats, hats, shoes, shoes].sort())
    })))

  it.live("no credentials at all: exit code 4, says none could be loaded and nothing was sent", () =>
    Effect.scoped(Effect.gen(function*() {
      const { url, handle } = yield* emulator({ seed })
      const dir = yield* tempDir
      const home = path.join(dir, "home")
      fs.mkdirSync(home)
      const config = path.join(dir, "config")
      const credentials = path.join(dir, "credentials")
      fs.writeFileSync(config, "")
      fs.writeFileSync(credentials, "")
      const env = {
        PATH: baseEnv.PATH!,
        HOME: home,
        AWS_CONFIG_FILE: config,
        AWS_SHARED_CREDENTIALS_FILE: credentials,
        AWS_EC2_METADATA_DISABLED: "true"
      }
      const [plain, toEmulator] = yield* Effect.all([
        run(["list", "--region", "us-east-1", "--max-attempts", "1"], env),
        run(["list", "--region", "us-east-1", "--endpoint", url, "--max-attempts", "1"], env)
      ], { concurrency: "unbounded" })
      for (const result of [plain, toEmulator]) {
        assert.strictEqual(result.code, 4, result.stderr)
        assert.strictEqual(result.stdout, "")
        assert.include(result.stderr, "Error: No AWS credentials could be loaded")
        assert.include(result.stderr, "Nothing was sent to Amazon Personalize")
        assert.notInclude(result.stderr, "Access denied")
        assert.strictEqual(result.stderr.split("\n").length, 2, result.stderr)
      }
      assert.deepStrictEqual(yield* handle.requestLog, [], "nothing reached the emulator")
    })))

  it.live("plain http:// to another host: refused with exit code 2 before anything is sent; allowed with the flag", () =>
    Effect.scoped(Effect.gen(function*() {
      const { handle, url } = yield* emulator({ seed })
      const port = new URL(url).port
      // 0.0.0.0 is not loopback to the AWS layer's rule (localhost, 127.0.0.0/8, ::1), yet a connection to it stays
      // on this machine (Linux connects it to the local host): were the refusal broken, nothing would leave.
      const offMachine = `http://0.0.0.0:${port}`
      const [refused, fromEnvironment, allowed] = yield* Effect.all([
        run(["list", "--endpoint", offMachine, "--region", "us-east-1"]),
        run(["watch", "--once", "--region", "us-east-1"], { ...baseEnv, AWS_ENDPOINT_URL: offMachine }),
        run([
          "list",
          "--endpoint",
          offMachine,
          "--region",
          "us-east-1",
          "--allow-insecure-endpoint",
          "--format",
          "ndjson"
        ])
      ], { concurrency: "unbounded" })
      for (const result of [refused, fromEnvironment]) {
        assert.strictEqual(result.code, 2, result.stderr)
        assert.strictEqual(result.stdout, "")
        assert.include(result.stderr, `Error: Refusing the endpoint (--endpoint, AWS_ENDPOINT_URL_PERSONALIZE or `)
        assert.include(result.stderr, `${offMachine} is plain http://`)
        assert.include(result.stderr, "pass --allow-insecure-endpoint")
        assert.strictEqual(result.stderr.split("\n").length, 2, result.stderr)
      }
      assert.strictEqual(allowed.code, 0, allowed.stderr)
      assert.deepStrictEqual(arns(allowed.stdout).length, 3)
      assert.strictEqual((yield* handle.requestLog).length, 1, "only the allowed run reached the emulator")
    })))

  it.live.skipIf(!hasDevFull)(
    "stdout on a full disk: one line on stderr, exit code 1, no resume token",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const { at } = yield* emulator({ seed })
        const line =
          "Error: Could not write to stdout: no space left on device (ENOSPC). Free some space, or send the " +
          "output elsewhere.\n"
        const [list, cut, watch] = yield* Effect.all([
          runOnFullDisk(["list", ...at, "--format", "ndjson"]),
          runOnFullDisk(["list", ...at, "--max-items", "1"]),
          runOnFullDisk(["watch", ...at, "--once"])
        ], { concurrency: "unbounded" })
        for (const result of [list, cut, watch]) assert.deepStrictEqual(result, { code: 1, stderr: line })
      }))
  )

  it.live("a reader that stops reading (list | head): exit code 0, nothing on stderr", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at } = yield* emulator({ generate: { solutionVersions: 10, jobsPerVersion: 100, seed: 3 } })
      const child = yield* Effect.acquireRelease(
        Effect.sync(() =>
          spawn(process.execPath, [bin, "list", ...at, "--format", "ndjson"], {
            env: baseEnv,
            stdio: ["ignore", "pipe", "pipe"],
            detached: true
          })
        ),
        (child) => Effect.sync(() => killGroup(child.pid))
      )
      let stderr = ""
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
      // like head -1: the first chunk, then the pipe closed
      child.stdout.once("data", () => child.stdout.destroy())
      const code = yield* Effect.async<number | null>((resume) => {
        child.on("close", (code) => resume(Effect.succeed(code)))
      }).pipe(Effect.timeoutFail({ duration: "40 seconds", onTimeout: () => new Error("timed out") }), Effect.orDie)
      assert.deepStrictEqual({ code, stderr }, { code: 0, stderr: "" })
    })))

  it.live("--emulator: a token printed by one run continues in the next (the demo's token key is fixed)", () =>
    Effect.gen(function*() {
      const full = yield* run(["list", "--emulator", "--format", "ndjson"])
      const first = yield* run(["list", "--emulator", "--format", "ndjson", "--page-size", "2", "--max-items", "3"])
      const token = resumeToken(first.stderr)
      assert.isDefined(token, first.stderr)
      const rest = yield* run(["list", "--emulator", "--format", "ndjson", "--starting-token", token!])
      assert.strictEqual(rest.code, 0, rest.stderr)
      assert.deepStrictEqual([...arns(first.stdout), ...arns(rest.stdout)], arns(full.stdout))
    }))

  it.live("a region that is not a region name (--region or the environment's): exit code 2, nothing sent", () =>
    Effect.scoped(Effect.gen(function*() {
      const { handle, url } = yield* emulator({ seed })
      const [flag, environment] = yield* Effect.all([
        run(["list", "--endpoint", url, "--region", "evil.com#"]),
        run(["list", "--endpoint", url], { ...baseEnv, AWS_REGION: "us-east-1/../x" })
      ], { concurrency: "unbounded" })
      assert.deepStrictEqual(flag, {
        code: 2,
        signal: null,
        stdout: "",
        stderr: "Error: Invalid --region 'evil.com#': expected a region name such as us-east-1 (letters, digits and " +
          "'-', at most 63). Nothing was sent.\n"
      })
      assert.deepStrictEqual(environment, {
        code: 2,
        signal: null,
        stdout: "",
        stderr: "Error: Invalid region in AWS_REGION or AWS_DEFAULT_REGION 'us-east-1/../x': expected a region name " +
          "such as us-east-1 (letters, digits and '-', at most 63). Nothing was sent.\n"
      })
      assert.strictEqual((yield* handle.requestLog).length, 0)
    })))

  it.live("--profile: the credentials of a named profile, not those of the environment", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at } = yield* emulator({ seed })
      const credentials = path.join(yield* tempDir, "credentials")
      fs.writeFileSync(
        credentials,
        `[demo]\naws_access_key_id = ${baseEnv.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${baseEnv.AWS_SECRET_ACCESS_KEY}\n`
      )
      const env = {
        ...baseEnv,
        AWS_SHARED_CREDENTIALS_FILE: credentials,
        AWS_ACCESS_KEY_ID: "AKIAWRONGWRONGWRONG1",
        AWS_SECRET_ACCESS_KEY: "nope"
      }
      const [withProfile, withoutProfile, unknownProfile] = yield* Effect.all([
        run(["list", ...at, "--profile", "demo", "--format", "ndjson"], env),
        run(["list", ...at, "--format", "ndjson"], env),
        run(["list", ...at, "--profile", "nobody", "--max-attempts", "1"], env)
      ], { concurrency: "unbounded" })
      assert.strictEqual(withProfile.code, 0, withProfile.stderr)
      assert.strictEqual(arns(withProfile.stdout).length, 3)
      assert.strictEqual(withoutProfile.code, 4, withoutProfile.stderr)
      // a profile that does not exist: named, nothing is sent
      assert.strictEqual(unknownProfile.code, 4, unknownProfile.stderr)
      assert.include(
        unknownProfile.stderr,
        `Error: No AWS credentials could be loaded (ProfileNotFound): there is no profile 'nobody' (--profile) in ` +
          `${credentials} or /nonexistent/aws-config, whose profiles are demo.`
      )
    })))

  it.live("Ctrl-C: stops, prints the token of the last printed job, exit code 130; the token continues", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at, handle } = yield* emulator({ seed })
      // every request after the first page hangs
      yield* handle.setFaults({
        script: (request) =>
          typeof request.body === "object" && request.body !== null && "nextToken" in request.body ? "hang" : undefined
      })
      const child = yield* start(["list", ...at, "--format", "ndjson", "--page-size", "2"])
      yield* until(() => arns(child.stdout()).length === 2, "the first page")
      yield* untilEffect(
        Effect.map(
          handle.requestLog,
          (log) => log.some((entry) => entry.fault === "hang" && entry.status === undefined)
        ),
        "the second request, in flight"
      )
      child.kill("SIGINT")
      const result = yield* child.result
      assert.strictEqual(result.code, 130, result.stderr)
      assert.include(result.stderr, "Interrupted after 2 jobs.")
      const token = resumeToken(result.stderr)
      assert.isDefined(token, result.stderr)
      yield* handle.setFaults(undefined)
      const rest = yield* run(["list", ...at, "--format", "ndjson", "--page-size", "2", "--starting-token", token!])
      assert.strictEqual(rest.code, 0, rest.stderr)
      assert.deepStrictEqual([...arns(result.stdout), ...arns(rest.stdout)], [
        `${account}:batch-segment-job/draft`,
        `${account}:batch-segment-job/winback`,
        `${account}:batch-segment-job/spring-launch`
      ])
    })))

  it.live("`pnpm start`: list --emulator prints a table of demo jobs and exits 0", () =>
    Effect.gen(function*() {
      const result = yield* run(["list", "--emulator"], { PATH: baseEnv.PATH! })
      assert.strictEqual(result.code, 0, result.stderr)
      assert.match(result.stderr, /^Using the embedded Personalize emulator at http:\/\/127\.0\.0\.1:\d+ /)
      const lines = result.stdout.trimEnd().split("\n")
      assert.match(
        lines[0]!,
        /^JOB NAME +STATUS +CREATED \(UTC\) +LAST UPDATED \(UTC\) +SOLUTION VERSION +FAILURE REASON$/
      )
      assert.strictEqual(lines.length, 1 + 32)
      for (const status of ["PENDING", "IN PROGRESS", "ACTIVE", "CREATE FAILED"]) {
        assert.isTrue(lines.some((line) => line.includes(`  ${status}  `)), status)
      }
    }))

  it.live("--help for every command, with examples", () =>
    Effect.gen(function*() {
      const results = yield* Effect.all([run(["--help"]), run(["list", "--help"]), run(["watch", "--help"])], {
        concurrency: "unbounded"
      })
      for (const result of results) {
        assert.strictEqual(result.code, 0)
        assert.include(result.stdout, "EXAMPLES")
        assert.include(result.stdout, "EXIT CODES")
        assert.include(result.stdout, "  130  interrupted (Ctrl-C)")
      }
      assert.include(results[1]!.stdout, "--starting-token")
      assert.include(results[1]!.stdout, "[--status STATUS...]")
      assert.include(results[2]!.stdout, "--until-terminal")
    }))

  it.live("--help into a pipe: no escape character at all, NO_COLOR or not", () =>
    Effect.gen(function*() {
      const results = yield* Effect.all([
        run(["--help"]),
        run(["list", "--help"]),
        run(["watch", "--help"]),
        run(["list", "--help"], { ...baseEnv, NO_COLOR: "1" }),
        run(["watch", "--interval", "soon"])
      ], { concurrency: "unbounded" })
      for (const result of results) {
        assert.notInclude(result.stdout, "\u001b", result.stdout)
        assert.notInclude(result.stderr, "\u001b", result.stderr)
      }
      assert.include(
        results[1]!.stdout,
        "USAGE\n\n$ personalize-jobs list [--solution-version-arn ARN...] [--status STATUS...]"
      )
    }))

  it.live.skipIf(!hasScript)("--help on a terminal: styled, and plain with NO_COLOR", () =>
    Effect.gen(function*() {
      const [styled, noColor] = yield* Effect.all([
        runOnTerminal(["list", "--help"], baseEnv),
        runOnTerminal(["list", "--help"], { ...baseEnv, NO_COLOR: "1" })
      ], { concurrency: "unbounded" })
      assert.strictEqual(styled.code, 0, styled.stderr)
      assert.strictEqual(noColor.code, 0, noColor.stderr)
      assert.include(styled.stdout, "\u001b[", "a terminal gets the styles")
      assert.include(noColor.stdout, "USAGE")
      assert.notInclude(noColor.stdout, "\u001b")
    }))

  it.live("durations: --interval \"1 minute\" or \"1 hour\" accepted, a bad one rejected with exit code 2", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at } = yield* emulator({ seed: seed.filter((job) => job.status !== "PENDING") })
      const [minute, hour, bad, bare] = yield* Effect.all([
        run(["watch", ...at, "--interval", "1 minute", "--until-terminal", "--format", "ndjson"]),
        run(["watch", ...at, "--interval", "1 hour", "--until-terminal", "--format", "ndjson"]),
        run(["watch", ...at, "--interval", "5 parsecs"]),
        run(["watch", ...at, "--interval", "30"])
      ], { concurrency: "unbounded" })
      for (const result of [minute, hour]) {
        assert.strictEqual(result.code, 0, result.stderr)
        assert.strictEqual(arns(result.stdout).length, 2)
      }
      assert.strictEqual(bad.code, 2)
      assert.include(bad.stderr, "Invalid --interval: expected a duration such as \"30 seconds\", \"1 minute\"")
      assert.include(bad.stderr, "got '5 parsecs'")
      assert.strictEqual(bare.code, 2)
      assert.include(bare.stderr, "Invalid --interval: '30' has no unit: write \"30 seconds\" (or 30s)")
    })))
})

/** A run that failed: its exit code, nothing on stdout, each fragment on stderr, and no stack trace. */
const failed = (result: Result, code: number, ...fragments: ReadonlyArray<string>) => {
  assert.strictEqual(result.code, code, result.stderr)
  assert.strictEqual(result.stdout, "")
  for (const fragment of fragments) assert.include(result.stderr, fragment)
  assert.notInclude(result.stderr, "    at ", "no stack trace")
}

// One test per kind of answer, each with its own emulator and its own time limit: no test runs many processes one
// after the other under a single limit (a loaded machine must not fail them).
describe("personalize-jobs errors: one line on stderr and the exit code of each class", () => {
  it.live("refused before or without an answer: a bad ARN, token, credentials, a closed port, no region, a format", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at } = yield* emulator({ seed })
      const port = yield* closedPort
      const [badArn, badToken, badCredentials, endpointDown, noRegion, badFormat] = yield* Effect.all([
        run(["list", ...at, "--solution-version-arn", "shoes-v3"]),
        run(["list", ...at, "--starting-token", "not-a-token"]),
        run(["list", ...at], { ...baseEnv, AWS_ACCESS_KEY_ID: "AKIAWRONGWRONGWRONG1", AWS_SECRET_ACCESS_KEY: "nope" }),
        run(["list", "--endpoint", `http://127.0.0.1:${port}`, "--region", "us-east-1", "--max-attempts", "1"]),
        run(["list"]),
        run(["list", ...at, "--format", "xml"])
      ], { concurrency: "unbounded" })
      failed(
        badArn,
        2,
        "Error: Invalid --solution-version-arn",
        "arn:aws:personalize:REGION:ACCOUNT:solution/NAME/VERSION"
      )
      failed(badToken, 3, "Error: Amazon Personalize rejected the nextToken")
      failed(badCredentials, 4, "Error: Access denied", "Check the credentials")
      failed(endpointDown, 7, "Error: No response from Amazon Personalize", `127.0.0.1:${port}`, "ConnectionRefused")
      failed(noRegion, 2, "Error: No AWS region is configured", "AWS_REGION", "--region", "--emulator")
      failed(badFormat, 2, "Error: Invalid --format: expected table, json, ndjson or csv, got 'xml'. Run ")
      for (const result of [badArn, badToken, badCredentials, endpointDown, noRegion, badFormat]) {
        assert.strictEqual(result.stderr.split("\n").length, 2, result.stderr)
      }
    })))

  it.live("throttled on every attempt: exit code 5, each attempt sent", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at, handle } = yield* emulator({ seed })
      yield* handle.setFaults({ script: () => "throttle" })
      const throttled = yield* run(["list", ...at, "--max-attempts", "2"])
      failed(throttled, 5, "Error: Amazon Personalize throttled the request (ThrottlingException", "--max-attempts")
      const verbose = yield* run(["list", ...at, "--max-attempts", "1", "--verbose"])
      assert.strictEqual(verbose.code, 5)
      assert.include(verbose.stderr, "ThrottlingException")
      const requests = (yield* handle.requestLog).filter((entry) => entry.fault === "throttle")
      assert.strictEqual(requests.length, 3, "2 attempts, then 1")
    })))

  it.live("no answer within --timeout: exit code 7", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at, handle } = yield* emulator({ seed })
      yield* handle.setFaults({ script: () => "hang" })
      const hanging = yield* run(["list", ...at, "--max-attempts", "1", "--timeout", "300ms"])
      failed(hanging, 7, "Error: No response from Amazon Personalize", "(Timeout)")
    })))

  it.live("a server error: exit code 6", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at, handle } = yield* emulator({ seed })
      yield* handle.setFaults({ script: () => "internalError" })
      const serverError = yield* run(["list", ...at, "--max-attempts", "1"])
      failed(
        serverError,
        6,
        "Error: Amazon Personalize answered with InternalServerError",
        "HTTP 500",
        "try again later"
      )
    })))

  it.live("an answer that does not match the service model: exit code 8", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at, handle } = yield* emulator({ seed })
      yield* handle.setFaults({ script: () => "wrongTypes" })
      const badResponse = yield* run(["list", ...at, "--max-attempts", "1"])
      failed(badResponse, 8, "Error: The response of Amazon Personalize does not match the service model")
    })))

  it.live("the same nextToken twice: exit code 9, the pages before it printed", () =>
    Effect.scoped(Effect.gen(function*() {
      const { at, handle } = yield* emulator({ seed })
      yield* handle.setFaults({ script: () => "repeatToken" })
      const loop = yield* run(["list", ...at, "--max-attempts", "1", "--page-size", "1", "--format", "ndjson"])
      assert.strictEqual(loop.code, 9, loop.stderr)
      assert.include(loop.stderr, "Error: Amazon Personalize sent the same nextToken twice")
      // the first page is printed; the page that repeats its token is not
      assert.strictEqual(arns(loop.stdout).length, 1)
    })))
})
