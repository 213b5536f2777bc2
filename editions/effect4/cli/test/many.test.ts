import { PersonalizeClient, PersonalizeError } from "@effect-personalize/core"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import { Cli, Connection, Output } from "../src/index.js"
import { fake, interruptExit, jobArn, runCli } from "./fixtures.js"

const account = "arn:aws:personalize:us-east-1:123456789012"
const arn = (name: string) => `${account}:solution/${name}/1`
const [shoes, hats, socks] = [arn("shoes"), arn("hats"), arn("socks")]

interface Service {
  readonly layer: Layer.Layer<PersonalizeClient.PersonalizeClient>
  readonly requests: Array<PersonalizeClient.WireRequest>
  /** Requests sent and not answered yet. */
  readonly inFlight: () => number
}

/**
 * A service with the jobs of each solution version over pages of `pageSize` (the service leaves
 * `solutionVersionArn` out of the jobs of `bare`). Each answer waits for `gate` when given.
 */
const byArn = (
  jobs: Record<string, number>,
  options: {
    readonly pageSize?: number
    readonly bare?: string
    readonly gate?: Deferred.Deferred<void>
    readonly fail?: (request: PersonalizeClient.WireRequest) => PersonalizeError.PersonalizeError | undefined
  } = {}
): Service => {
  const requests: Array<PersonalizeClient.WireRequest> = []
  let waiting = 0
  const size = options.pageSize ?? 2
  const layer = PersonalizeClient.layerTest((request) =>
    Effect.gen(function*() {
      requests.push(request)
      const error = options.fail?.(request)
      if (error !== undefined) return yield* error
      waiting++
      if (options.gate !== undefined) yield* Deferred.await(options.gate)
      waiting--
      const solution = request.solutionVersionArn ?? ""
      const all = Array.from({ length: jobs[solution] ?? 0 }, (_, i) => {
        const name = `${solution.split("/")[1]}-${i}`
        return {
          batchSegmentJobArn: jobArn(name),
          jobName: name,
          status: "ACTIVE",
          ...(solution === options.bare ? {} : { solutionVersionArn: solution })
        }
      })
      const start = request.nextToken === undefined ? 0 : Number(request.nextToken)
      return {
        body: {
          batchSegmentJobs: all.slice(start, start + size),
          ...(start + size < all.length ? { nextToken: String(start + size) } : {})
        }
      }
    })
  )
  return { layer, requests, inFlight: () => waiting }
}

const rows = (ndjson: string): Array<{ jobName: string; solutionVersionArn?: string }> =>
  ndjson.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line))

const several = ["--solution-version-arn", shoes, "--solution-version-arn", hats, "--solution-version-arn", socks]

describe("list with several --solution-version-arn", () => {
  it.effect("lists each one; every row names its solution version; each one's jobs in their order", () =>
    Effect.gen(function*() {
      const service = byArn({ [shoes]: 3, [hats]: 2, [socks]: 0 }, { bare: hats })
      const result = yield* runCli(["list", ...several, "--format", "ndjson"], service.layer)
      assert.strictEqual(result.code, 0, result.stderr)
      const printed = rows(result.stdout)
      assert.strictEqual(printed.length, 5)
      for (const row of printed) {
        assert.strictEqual(row.solutionVersionArn, arn(row.jobName.split("-")[0]!), row.jobName)
      }
      assert.deepStrictEqual(
        printed.filter((row) => row.solutionVersionArn === shoes).map((row) => row.jobName),
        ["shoes-0", "shoes-1", "shoes-2"]
      )
      assert.deepStrictEqual(
        service.requests.map((request) => `${request.solutionVersionArn?.split("/")[1]} ${request.nextToken ?? ""}`)
          .sort(),
        ["hats ", "shoes ", "shoes 2", "socks "]
      )
      // the same ARN twice is listed once
      const twice = yield* runCli(
        ["list", "--solution-version-arn", shoes, "--solution-version-arn", shoes, "--format", "ndjson"],
        byArn({ [shoes]: 3 }).layer
      )
      assert.strictEqual(rows(twice.stdout).length, 3)
    }))

  it.effect("the table and json formats, and the empty listing", () =>
    Effect.gen(function*() {
      const json = yield* runCli(["list", ...several, "--format", "json"], byArn({ [shoes]: 3, [hats]: 1 }).layer)
      assert.strictEqual((JSON.parse(json.stdout) as Array<unknown>).length, 4)
      const table = yield* runCli(["list", ...several], byArn({ [hats]: 1 }).layer)
      assert.deepStrictEqual(table.stdout.trimEnd().split("\n").map((line) => line.split(/\s+/)[0]), [
        "JOB",
        "hats-0"
      ])
      assert.include(table.stdout, "hats/1")
      const empty = yield* runCli(["list", ...several], byArn({}).layer)
      assert.deepStrictEqual(empty, { code: 0, stdout: "", stderr: "No batch segment jobs found.\n" })
    }))

  it.effect("--concurrency N: at most N listings at once (default 4); less than 1 is refused", () =>
    Effect.gen(function*() {
      const five = [shoes, hats, socks, arn("caps"), arn("belts")]
      const flags = five.flatMap((solution) => ["--solution-version-arn", solution])
      for (const [extra, expected] of [[["--concurrency", "2"], 2], [[], 4], [["--concurrency", "1"], 1]] as const) {
        const gate = yield* Deferred.make<void>()
        const service = byArn(Object.fromEntries(five.map((solution) => [solution, 1])), { gate })
        const fiber = yield* Effect.forkChild(runCli(["list", ...flags, ...extra, "--format", "ndjson"], service.layer))
        // every fiber that can run has run: nothing more starts until the gate opens
        yield* TestClock.adjust("1 second")
        assert.strictEqual(service.inFlight(), expected, extra.join(" "))
        assert.strictEqual(service.requests.length, expected, extra.join(" "))
        yield* Deferred.succeed(gate, void 0)
        const result = yield* Fiber.join(fiber)
        assert.strictEqual(result.code, 0, result.stderr)
        assert.strictEqual(rows(result.stdout).length, 5)
      }
      for (const value of ["0", "-1", "two"]) {
        const service = byArn({ [shoes]: 1 })
        const result = yield* runCli(["list", ...several, "--concurrency", value], service.layer)
        assert.strictEqual(result.code, 2, value)
        assert.strictEqual(
          result.stderr,
          `Error: Invalid --concurrency: expected a whole number of at least 1, got '${value}'. ` +
            "Run 'personalize-jobs list --help' for its options.\n"
        )
        assert.strictEqual(service.requests.length, 0)
      }
    }))

  it.effect("--starting-token and --max-items take one solution version at most: exit code 2, nothing sent", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
        [["--starting-token", "abc"], "--starting-token continues the listing of one solution version, and 3 are"],
        [["--max-items", "2"], "--max-items needs exactly one --solution-version-arn (or none), and 3 are given"]
      ]
      for (const [extra, message] of cases) {
        const service = byArn({ [shoes]: 3 })
        const result = yield* runCli(["list", ...several, ...extra], service.layer)
        assert.strictEqual(result.code, 2, result.stderr)
        assert.include(result.stderr, `Error: ${message}`)
        assert.strictEqual(service.requests.length, 0)
      }
    }))

  it.effect("a malformed ARN among them: exit code 2 before anything is sent, naming the option", () =>
    Effect.gen(function*() {
      const service = byArn({ [shoes]: 3 })
      const result = yield* runCli(
        ["list", "--solution-version-arn", shoes, "--solution-version-arn", "shoes-v3", "--format", "ndjson"],
        service.layer
      )
      assert.strictEqual(result.code, 2, result.stderr)
      assert.include(result.stderr, "Error: Invalid --solution-version-arn")
      assert.include(result.stderr, "arn:aws:personalize:REGION:ACCOUNT:solution/NAME/VERSION")
      assert.strictEqual(result.stdout, "")
      assert.strictEqual(service.requests.length, 0)
    }))

  it.effect("the first one that fails ends the command with its exit code (fail fast)", () =>
    Effect.gen(function*() {
      const service = byArn({ [shoes]: 3, [socks]: 2 }, {
        pageSize: 1,
        fail: (request) =>
          request.solutionVersionArn === hats
            ? new PersonalizeError.AccessDeniedException({ origin: "service", code: "AccessDeniedException" })
            : undefined
      })
      const result = yield* runCli(["list", ...several, "--format", "json", "--concurrency", "1"], service.layer)
      assert.strictEqual(result.code, 4, result.stderr)
      assert.include(result.stderr, "Error: Access denied")
      // shoes was listed whole before hats failed; socks never started; the array is closed
      assert.deepStrictEqual((JSON.parse(result.stdout) as Array<{ jobName: string }>).map((job) => job.jobName), [
        "shoes-0",
        "shoes-1",
        "shoes-2"
      ])
      assert.isFalse(service.requests.some((request) => request.solutionVersionArn === socks))
    }))

  it.effect("Ctrl-C: how many jobs were printed, and no token", () =>
    Effect.gen(function*() {
      const gate = yield* Deferred.make<void>()
      const service = byArn({ [shoes]: 1 }, { gate })
      const fiber = yield* Effect.forkChild(
        Cli.run(["node", "personalize-jobs", "list", ...several]).pipe(
          Effect.provideService(Connection.ClientProvider, () => service.layer)
        )
      )
      yield* TestClock.adjust("1 second")
      assert.strictEqual(Cli.exitCode(yield* interruptExit(fiber)), 130)
      const stderr = yield* (yield* Output.Capture).stderr
      assert.include(stderr, "Interrupted after 0 jobs. No resume token with several solution versions")
      assert.notInclude(stderr, "--starting-token")
    }).pipe(Effect.provide(Layer.merge(Output.layerTest(), NodeServices.layer))))

  it.effect("a progress line of jobs (not pages) on a terminal", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(
        Cli.run(["node", "personalize-jobs", "list", ...several, "--format", "ndjson"]).pipe(
          Effect.provideService(Connection.ClientProvider, () => byArn({ [shoes]: 3, [hats]: 2 }).layer)
        )
      )
      assert.strictEqual(Cli.exitCode(exit), 0)
      const stderr = yield* (yield* Output.Capture).stderr
      assert.include(stderr, "Listing: 5 jobs")
      assert.notInclude(stderr, "page")
    }).pipe(Effect.provide(Layer.merge(Output.layerTest({ stderrIsTTY: true }), NodeServices.layer))))
})

describe("watch with several --solution-version-arn", () => {
  it.effect("a retry warning names its feed's solution version", () =>
    Effect.gen(function*() {
      const throttled = new Set<string>()
      const service = PersonalizeClient.layerTest((request) =>
        Effect.suspend(() => {
          const solution = request.solutionVersionArn!
          if (solution === hats && !throttled.has(hats)) {
            throttled.add(hats)
            return Effect.fail(new PersonalizeError.ThrottlingException({ code: "ThrottlingException" }))
          }
          const name = solution.split("/")[1]!
          return Effect.succeed({
            body: { batchSegmentJobs: [{ batchSegmentJobArn: jobArn(name), jobName: name, status: "ACTIVE" }] }
          })
        })
      )
      const fiber = yield* Effect.forkChild(
        runCli([
          "watch",
          "--solution-version-arn",
          shoes,
          "--solution-version-arn",
          hats,
          "--once",
          "--log-level",
          "warning",
          "--format",
          "ndjson"
        ], service)
      )
      yield* TestClock.adjust("10 seconds")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.code, 0, result.stderr)
      const warnings = result.stderr.split("\n").filter((line) => line.includes("level=WARN"))
      assert.strictEqual(warnings.length, 1, result.stderr)
      assert.include(warnings[0]!, `solutionVersionArn=${hats}`)
    }))

  it.effect("one feed each, printed together; a feed's retryable failure is reported with its ARN", () =>
    Effect.gen(function*() {
      let calls = 0
      const status: Record<string, string> = { [shoes]: "PENDING", [hats]: "PENDING" }
      const service = PersonalizeClient.layerTest((request) =>
        Effect.suspend(() => {
          const solution = request.solutionVersionArn!
          // the second poll of hats (the order of the two feeds' requests is the scheduler's)
          if (solution === hats) calls++
          if (solution === hats && calls === 2) {
            return Effect.fail(new PersonalizeError.ThrottlingException({ code: "ThrottlingException" }))
          }
          const name = solution.split("/")[1]!
          return Effect.succeed({
            body: {
              batchSegmentJobs: [{ batchSegmentJobArn: jobArn(name), jobName: name, status: status[solution] }]
            }
          })
        })
      )
      const fiber = yield* Effect.forkChild(
        runCli([
          "watch",
          "--solution-version-arn",
          shoes,
          "--solution-version-arn",
          hats,
          "--interval",
          "10s",
          "--until-terminal",
          "--max-attempts",
          "1",
          "--format",
          "ndjson"
        ], service)
      )
      yield* TestClock.adjust("1 second")
      status[shoes] = "ACTIVE"
      status[hats] = "ACTIVE"
      yield* TestClock.adjust("10 seconds") // one of the two polls is throttled
      yield* TestClock.adjust("10 seconds")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.code, 0, result.stderr)
      const events = result.stdout.trimEnd().split("\n").map((line) => {
        const e = JSON.parse(line)
        return `${e.event} ${e.jobName} ${e.previousStatus ?? ""}->${e.status}`
      })
      assert.deepStrictEqual(events.slice(0, 2).sort(), ["new hats ->PENDING", "new shoes ->PENDING"])
      assert.deepStrictEqual(events.slice(2).sort(), ["changed hats PENDING->ACTIVE", "changed shoes PENDING->ACTIVE"])
      assert.include(result.stderr, `Poll failed for ${hats}: Amazon Personalize throttled`)
      assert.include(result.stderr, "Every watched job is terminal.")
    }))

  it.effect("a malformed ARN among them: exit code 2 before anything is sent", () =>
    Effect.gen(function*() {
      const service = fake([[]])
      const result = yield* runCli(
        ["watch", "--solution-version-arn", shoes, "--solution-version-arn", "nope", "--once"],
        service.layer
      )
      assert.strictEqual(result.code, 2, result.stderr)
      assert.include(result.stderr, "Invalid --solution-version-arn")
      assert.strictEqual(service.requests.length, 0)
    }))
})

describe("--max-rps", () => {
  it.effect("spaces the requests of the whole command: 2 a second", () =>
    Effect.gen(function*() {
      const service = byArn({ [shoes]: 5 }, { pageSize: 1 })
      const fiber = yield* Effect.forkChild(
        runCli(["list", "--solution-version-arn", shoes, "--max-rps", "2", "--format", "ndjson"], service.layer)
      )
      yield* TestClock.adjust("499 millis")
      assert.strictEqual(service.requests.length, 1)
      yield* TestClock.adjust("1 millis")
      assert.strictEqual(service.requests.length, 2)
      yield* TestClock.adjust("1500 millis")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.code, 0, result.stderr)
      assert.strictEqual(rows(result.stdout).length, 5)
      assert.strictEqual(service.requests.length, 5)
    }))

  it.effect("shared by every listing side by side, and by the feeds of watch", () =>
    Effect.gen(function*() {
      const list = byArn({ [shoes]: 1, [hats]: 1, [socks]: 1 })
      const listing = yield* Effect.forkChild(runCli(["list", ...several, "--max-rps", "0.5"], list.layer))
      yield* TestClock.adjust("1 second")
      assert.strictEqual(list.requests.length, 1)
      yield* TestClock.adjust("2 seconds")
      assert.strictEqual(list.requests.length, 2)
      yield* TestClock.adjust("2 seconds")
      assert.strictEqual((yield* Fiber.join(listing)).code, 0)

      const watch = byArn({ [shoes]: 1, [hats]: 1, [socks]: 1 })
      const watching = yield* Effect.forkChild(runCli(["watch", ...several, "--once", "--max-rps", "1"], watch.layer))
      // the first request of a feed waits for the limiter's first check (within 100 ms) in this edition's core
      yield* TestClock.adjust("100 millis")
      assert.strictEqual(watch.requests.length, 1)
      yield* TestClock.adjust("2 seconds")
      assert.strictEqual((yield* Fiber.join(watching)).code, 0)
      assert.strictEqual(watch.requests.length, 3)
    }))

  it.effect("without it, nothing waits", () =>
    Effect.gen(function*() {
      const service = byArn({ [shoes]: 5 }, { pageSize: 1 })
      const result = yield* runCli(["list", "--solution-version-arn", shoes], service.layer)
      assert.strictEqual(result.code, 0)
      assert.strictEqual(service.requests.length, 5)
    }))

  it.effect("a value that is not a positive number: exit code 2, a clear message, nothing sent", () =>
    Effect.gen(function*() {
      for (const value of ["0", "-3", "abc", "", "Infinity", "NaN"]) {
        for (const command of ["list", "watch"]) {
          const service = byArn({ [shoes]: 1 })
          const result = yield* runCli([command, "--max-rps", value], service.layer)
          assert.strictEqual(result.code, 2, `${command} ${value}`)
          assert.include(
            result.stderr,
            `Invalid --max-rps: expected a positive number of requests per second, e.g. 5 or 0.5, got '${value}'`
          )
          assert.strictEqual(service.requests.length, 0)
        }
      }
    }))
})
