import type { PersonalizeClient } from "@effect-personalize/core"
import { PersonalizeError } from "@effect-personalize/core"
import * as DurationText from "@effect-personalize/protocol/DurationText"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { afterAll, assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Deferred, Effect, Fiber, Layer, Option, Redacted } from "effect"
import { TestClock } from "effect/testing"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Cli, Connection, ExitCode, Output } from "../src/index.js"
import { awsOptions } from "../src/internal/source.js"
import { fake, interruptExit, jobArn, solutionVersionArn, wireJobs } from "./fixtures.js"

// a function: Effect 4 memoizes a layer value across provides, so one constant would share its captured streams
const env = () => Layer.merge(Output.layerTest(), NodeServices.layer)

interface Result {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs a command line in-process against `client`; the connection the command asked for is recorded. */
const runWith = (
  args: ReadonlyArray<string>,
  client: Layer.Layer<PersonalizeClient.PersonalizeClient>,
  seen: Array<[Connection.Connection, Connection.Purpose]> = []
) =>
  Cli.run(["node", "personalize-jobs", ...args]).pipe(
    Effect.provideService(Connection.ClientProvider, (connection, purpose) => {
      seen.push([connection, purpose])
      return client
    })
  )

const run = (
  args: ReadonlyArray<string>,
  client: Layer.Layer<PersonalizeClient.PersonalizeClient> = fake([wireJobs]).layer,
  seen?: Array<[Connection.Connection, Connection.Purpose]>
): Effect.Effect<Result> =>
  Effect.gen(function*() {
    const exit = yield* Effect.exit(runWith(args, client, seen))
    const capture = yield* Output.Capture
    return { code: Cli.exitCode(exit), stdout: yield* capture.stdout, stderr: yield* capture.stderr }
  }).pipe(Effect.provide(env()))

const resumeToken = (stderr: string): string => {
  const match = /Resume with: --starting-token (\S+)/.exec(stderr)
  assert.isNotNull(match, stderr)
  return match![1]!
}

const names = (ndjson: string) =>
  ndjson.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line).batchSegmentJobArn as string)

/** Seven jobs over pages of 3, 3 and 1. */
const seven = Array.from({ length: 7 }, (_, i) => ({
  batchSegmentJobArn: jobArn(`job-${i}`),
  jobName: `job-${i}`,
  status: i % 3 === 0 ? "CREATE FAILED" : "ACTIVE",
  creationDateTime: 1_700_000_000 + i
}))
const sevenPages = [seven.slice(0, 3), seven.slice(3, 6), seven.slice(6)]

describe("list", () => {
  it.effect("prints every job of every page, exit code 0, nothing on stderr when it is not a terminal", () =>
    Effect.gen(function*() {
      const service = fake(sevenPages)
      const result = yield* run(["list", "--format", "ndjson"], service.layer)
      assert.strictEqual(result.code, 0)
      assert.deepStrictEqual(names(result.stdout), seven.map((j) => j.batchSegmentJobArn))
      assert.strictEqual(result.stderr, "")
      assert.strictEqual(service.requests.length, 3)
    }))

  it.effect("--since with --status: both hold, an undated job matches no --since, and nothing matched names both", () =>
    Effect.gen(function*() {
      const undated = { batchSegmentJobArn: jobArn("undated"), jobName: "undated", status: "ACTIVE" }
      const service = fake([...sevenPages.slice(0, 2), [...sevenPages[2]!, undated]])
      const both = yield* run(
        ["list", "--format", "ndjson", "--since", "2023-11-14T22:13:23Z", "--status", "active"],
        service.layer
      )
      assert.strictEqual(both.code, 0, both.stderr)
      assert.deepStrictEqual(names(both.stdout), [jobArn("job-4"), jobArn("job-5")])
      assert.strictEqual(both.stderr, "")
      const none = yield* run(["list", "--since", "2030-01-01", "--status", "active"], service.layer)
      assert.strictEqual(none.code, 0, none.stderr)
      assert.strictEqual(none.stderr, "No batch segment job matches --status and --since.\n")
      const table = yield* run(["list", "--since", "2023-11-14T22:13:23Z"], service.layer)
      assert.strictEqual(table.stderr, "4 jobs, 2 failed.\n")
    }))

  it.effect("--max-items of every job there is: every job, and no resume token (there is nothing after)", () =>
    Effect.gen(function*() {
      const service = fake(sevenPages)
      const result = yield* run(["list", "--format", "ndjson", "--max-items", "7"], service.layer)
      assert.strictEqual(result.code, 0, result.stderr)
      assert.deepStrictEqual(names(result.stdout), seven.map((j) => j.batchSegmentJobArn))
      assert.notInclude(result.stderr, "Resume with")
      const fewer = yield* run(["list", "--format", "ndjson", "--max-items", "6"], service.layer)
      assert.include(fewer.stderr, "Resume with: --starting-token ")
    }))

  it.effect("the options reach the request: solution version, page size", () =>
    Effect.gen(function*() {
      const service = fake([wireJobs])
      const arn = "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"
      const result = yield* run(["list", "--solution-version-arn", arn, "--page-size", "25"], service.layer)
      assert.strictEqual(result.code, 0, result.stderr)
      assert.deepStrictEqual(service.requests, [{ solutionVersionArn: arn, maxResults: 25 }])
    }))

  it.effect("--status filters, case-insensitive and repeatable", () =>
    Effect.gen(function*() {
      const result = yield* run(["list", "--format", "csv", "--status", "active", "--status", "Create Failed"])
      assert.strictEqual(result.code, 0)
      const lines = result.stdout.trimEnd().split("\n")
      assert.strictEqual(lines.length, 3)
      assert.include(lines[1], "spring-launch,ACTIVE")
      assert.include(lines[2], "winback,CREATE FAILED")
      const pending = yield* run(["list", "--format", "ndjson", "--status", "PENDING"])
      assert.deepStrictEqual(names(pending.stdout), [jobArn("draft")])
    }))

  it.effect("--max-items cuts inside a page; the token resumes right after the last printed job", () =>
    Effect.gen(function*() {
      const all: Array<string> = []
      let token: string | undefined
      const runs: Array<number> = []
      for (let i = 0; i < 10; i++) {
        const result = yield* run([
          "list",
          "--format",
          "ndjson",
          "--max-items",
          "2",
          ...(token === undefined ? [] : ["--starting-token", token])
        ], fake(sevenPages).layer)
        assert.strictEqual(result.code, 0, result.stderr)
        all.push(...names(result.stdout))
        runs.push(names(result.stdout).length)
        if (!result.stderr.includes("Resume with")) break
        token = resumeToken(result.stderr)
      }
      assert.deepStrictEqual(all, seven.map((j) => j.batchSegmentJobArn))
      assert.deepStrictEqual(runs, [2, 2, 2, 1])
    }))

  it.effect("--max-items, jobs created, --starting-token: no job printed twice, none lost", () =>
    Effect.gen(function*() {
      // newest first, three a page, page tokens that count: the new jobs shift every page
      const listed = [...seven]
      const service = fake(() => [listed.slice(0, 3), listed.slice(3, 6), listed.slice(6)])
      const first = yield* run(["list", "--format", "ndjson", "--max-items", "4"], service.layer)
      listed.unshift(
        ...["new-1", "new-0"].map((name) => ({ ...seven[0]!, batchSegmentJobArn: jobArn(name), jobName: name }))
      )
      const rest = yield* run(
        ["list", "--format", "ndjson", "--starting-token", resumeToken(first.stderr)],
        service.layer
      )
      assert.deepStrictEqual([...names(first.stdout), ...names(rest.stdout)], seven.map((j) => j.batchSegmentJobArn))
    }))

  it.effect("--max-items at the very end of the listing prints no token", () =>
    Effect.gen(function*() {
      const result = yield* run(["list", "--format", "ndjson", "--max-items", "7"], fake(sevenPages).layer)
      assert.strictEqual(names(result.stdout).length, 7)
      assert.notInclude(result.stderr, "Resume with")
    }))

  it.effect("--max-items counts printed jobs after --status; no page is fetched beyond them", () =>
    Effect.gen(function*() {
      const service = fake(sevenPages)
      const first = yield* run(
        ["list", "--format", "ndjson", "--status", "CREATE FAILED", "--max-items", "2"],
        service.layer
      )
      assert.deepStrictEqual(names(first.stdout), [jobArn("job-0"), jobArn("job-3")])
      assert.strictEqual(service.requests.length, 2)
      const rest = yield* run([
        "list",
        "--format",
        "ndjson",
        "--status",
        "CREATE FAILED",
        "--starting-token",
        resumeToken(first.stderr)
      ], fake(sevenPages).layer)
      assert.deepStrictEqual(names(rest.stdout), [jobArn("job-6")])
    }))

  it.effect("json is one array even with several pages", () =>
    Effect.gen(function*() {
      const result = yield* run(["list", "--format", "json"], fake(sevenPages).layer)
      const parsed = JSON.parse(result.stdout) as Array<{ jobName: string }>
      assert.deepStrictEqual(parsed.map((j) => j.jobName), seven.map((j) => j.jobName))
    }))

  it.effect("--fail-on-status: the listing printed whole, then exit code 11 when a listed job is in that status", () =>
    Effect.gen(function*() {
      const failed = yield* run(["list", "--format", "ndjson", "--fail-on-status", "create_failed"])
      assert.strictEqual(failed.code, 11)
      assert.strictEqual(names(failed.stdout).length, 3)
      assert.strictEqual(
        failed.stderr,
        "Error: 1 of the jobs listed is in a status of --fail-on-status (CREATE FAILED: 1). List them with " +
          "--status \"CREATE FAILED\".\n"
      )
      const two = ["--fail-on-status", "active", "--fail-on-status", "Create Failed", "--format", "ndjson"]
      const several = yield* run(["list", ...two], fake(sevenPages).layer)
      assert.strictEqual(several.code, 11)
      assert.include(
        several.stderr,
        "7 of the jobs listed are in a status of --fail-on-status (ACTIVE: 4, CREATE FAILED: 3)"
      )
      const many = ["--solution-version-arn", solutionVersionArn, "--solution-version-arn", `${solutionVersionArn}0`]
      assert.strictEqual((yield* run(["list", ...many, ...two], fake(sevenPages).layer)).code, 11)
      // none printed in that status: 0
      const filtered = yield* run([
        "list",
        "--status",
        "pending",
        "--fail-on-status",
        "create failed",
        "--format",
        "ndjson"
      ])
      assert.deepStrictEqual([filtered.code, filtered.stderr], [0, ""])
      const cut = yield* run(["list", "--max-items", "1", "--fail-on-status", "create failed"], fake(sevenPages).layer)
      assert.strictEqual(cut.code, 11, "job-0 is CREATE FAILED")
      const bad = yield* run(["list", "--fail-on-status", "failed"])
      assert.strictEqual(bad.code, 2)
      assert.include(bad.stderr, "Error: Invalid --fail-on-status 'failed': expected PENDING, IN PROGRESS, ACTIVE or")
    }))

  it.effect("--since: only the jobs created at or after a time, or a duration back from now; every page read", () =>
    Effect.gen(function*() {
      const arns = (from: number) => seven.slice(from).map((j) => j.batchSegmentJobArn)
      const service = fake(sevenPages)
      // job-i was created at 1700000000 + i seconds: 2023-11-14T22:13:20Z + i
      const at = yield* run(["list", "--format", "ndjson", "--since", "2023-11-14T22:13:23Z"], service.layer)
      assert.deepStrictEqual(names(at.stdout), arns(3))
      assert.strictEqual(service.requests.length, 3, "every page: the service's order is not documented")
      const offset = yield* run(["list", "--format", "ndjson", "--since", "2023-11-14T23:13:24+01:00"], service.layer)
      assert.deepStrictEqual(names(offset.stdout), arns(4))
      const noZone = yield* run(["list", "--format", "ndjson", "--since", "2023-11-14 22:13:25"], service.layer)
      assert.deepStrictEqual(names(noZone.stdout), arns(5), "UTC")
      yield* TestClock.setTime(1_700_000_005_000)
      const ago = yield* run(["list", "--format", "ndjson", "--since", "3s"], service.layer)
      assert.deepStrictEqual(names(ago.stdout), arns(2))
      const none = yield* run(["list", "--since", "2030-01-01"], service.layer)
      assert.deepStrictEqual([none.code, none.stdout, none.stderr], [0, "", "No batch segment job matches --since.\n"])
      const bad = yield* run(["list", "--since", "yesterday"], service.layer)
      assert.strictEqual(bad.code, 2)
      assert.strictEqual(
        bad.stderr,
        "Error: Invalid --since: expected a time such as 2024-03-01 or 2024-03-01T10:00:00Z (UTC unless it has an " +
          "offset), or a duration back from now such as \"2 hours\", \"7 days\" or 30m, got 'yesterday'. Run " +
          "'personalize-jobs list --help' for its options.\n"
      )
    }))

  it.effect("json that fails before its first page is still a closed array, csv still has its header", () =>
    Effect.gen(function*() {
      const refused = new PersonalizeError.TransportError({ reason: "ConnectionRefused", detail: "refused" })
      const down = () => fake(sevenPages, { fail: () => refused }).layer
      const two = ["--solution-version-arn", solutionVersionArn, "--solution-version-arn", `${solutionVersionArn}0`]
      const json = yield* run(["list", "--format", "json", "--max-attempts", "1"], down())
      assert.strictEqual(json.code, 7)
      assert.strictEqual(json.stdout, "[]\n")
      const many = yield* run(["list", "--format", "json", "--max-attempts", "1", ...two], down())
      assert.strictEqual(many.code, 7)
      assert.strictEqual(many.stdout, "[]\n")
      const badArn = yield* run(["list", "--format", "json", ...two, "--solution-version-arn", "nope"], down())
      assert.strictEqual(badArn.code, 2)
      assert.strictEqual(badArn.stdout, "[]\n")
      const csv = yield* run(["list", "--format", "csv", "--max-attempts", "1"], down())
      assert.strictEqual(csv.code, 7)
      assert.strictEqual(
        csv.stdout,
        "batchSegmentJobArn,jobName,status,creationDateTime,lastUpdatedDateTime,failureReason,solutionVersionArn\n"
      )
    }))

  it.effect("table is the default, with a summary line on stderr; an empty listing says so", () =>
    Effect.gen(function*() {
      const result = yield* run(["list"])
      assert.isTrue(result.stdout.startsWith("JOB NAME"))
      assert.strictEqual(result.stdout.trimEnd().split("\n").length, 4)
      assert.strictEqual(result.stderr, "3 jobs, 1 failed.\n")
      const one = yield* run(["list", "--max-items", "1"], fake(sevenPages).layer)
      assert.match(one.stderr, /^1 job, 1 failed\.\nResume with: --starting-token \S+\n$/)
      const several = ["--solution-version-arn", solutionVersionArn, "--solution-version-arn", `${solutionVersionArn}0`]
      assert.strictEqual(
        (yield* run(["list", ...several, "--status", "active"], fake(sevenPages).layer)).stderr,
        "8 jobs.\n"
      )
      assert.strictEqual((yield* run(["list", "--format", "csv"])).stderr, "")
      const empty = yield* run(["list"], fake([[]]).layer)
      assert.strictEqual(empty.stdout, "")
      assert.strictEqual(empty.stderr, "No batch segment jobs found.\n")
      assert.strictEqual(empty.code, 0)
    }))

  it.effect("a progress line on stderr when it is a terminal, counting rows printed, cleared at the end", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(
        runWith(["list", "--format", "ndjson", "--status", "active"], fake(sevenPages).layer)
      )
      const capture = yield* Output.Capture
      const stderr = yield* capture.stderr
      assert.strictEqual(Cli.exitCode(exit), 0)
      // the rows printed, as many as stdout has, not the jobs fetched (7)
      assert.include(stderr, "Listing: 1 page, 2 jobs")
      assert.include(stderr, "Listing: 3 pages, 4 jobs")
      assert.notInclude(stderr, "7 jobs")
      assert.isTrue(stderr.endsWith("\r\u001b[2K"))
      assert.strictEqual(names(yield* capture.stdout).length, 4)
    }).pipe(Effect.provide(Layer.merge(Output.layerTest({ stderrIsTTY: true }), NodeServices.layer))))

  it.effect("Ctrl-C (interruption) prints the token of the last printed job; exit code 130", () =>
    Effect.gen(function*() {
      const waiting = yield* Deferred.make<void>()
      const service = fake(sevenPages, {
        hang: (call) => {
          if (call === 2) Deferred.doneUnsafe(waiting, Effect.void)
          return call === 2
        }
      })
      const fiber = yield* Effect.forkChild(runWith(["list", "--format", "ndjson"], service.layer))
      yield* Deferred.await(waiting)
      const exit = yield* interruptExit(fiber)
      assert.strictEqual(Cli.exitCode(exit), 130)
      const capture = yield* Output.Capture
      const stdout = yield* capture.stdout
      const stderr = yield* capture.stderr
      assert.deepStrictEqual(names(stdout), seven.slice(0, 3).map((j) => j.batchSegmentJobArn))
      assert.include(stderr, "Interrupted after 3 jobs.")
      const rest = yield* run(
        ["list", "--format", "ndjson", "--starting-token", resumeToken(stderr)],
        fake(sevenPages).layer
      )
      assert.deepStrictEqual(names(rest.stdout), seven.slice(3).map((j) => j.batchSegmentJobArn))
    }).pipe(Effect.provide(env())))
})

describe("errors", () => {
  const failing = (error: PersonalizeError.PersonalizeError) => fake([wireJobs], { fail: () => error }).layer

  it.effect("each error class: one line on stderr, its exit code, no stack trace", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [PersonalizeError.PersonalizeError, number, string]> = [
        [new PersonalizeError.InvalidInputException({ origin: "service", detail: "bad" }), 2, "rejected the request"],
        [new PersonalizeError.InvalidNextTokenException({ origin: "service", detail: "old" }), 3, "nextToken"],
        [
          new PersonalizeError.AccessDeniedException({ origin: "service", code: "ExpiredTokenException" }),
          4,
          "Check the credentials"
        ],
        [new PersonalizeError.ThrottlingException({ code: "ThrottlingException" }), 5, "throttled"],
        [new PersonalizeError.PersonalizeServiceException({ code: "Boom", fault: "server", status: 503 }), 6, "Boom"],
        [new PersonalizeError.TransportError({ reason: "ConnectionRefused", detail: "refused" }), 7, "No response"],
        [new PersonalizeError.ResponseDecodeError({ path: ["x"], detail: "no" }), 8, "does not match"],
        [new PersonalizeError.PaginationLoopError({ token: "t", pages: 2 }), 9, "same nextToken twice"]
      ]
      for (const [error, code, fragment] of cases) {
        const result = yield* run(["list", "--max-attempts", "1"], failing(error))
        assert.strictEqual(result.code, code, error._tag)
        assert.isTrue(result.stderr.startsWith("Error: "), result.stderr)
        assert.include(result.stderr, fragment)
        assert.strictEqual(result.stderr.split("\n").length, 2, result.stderr)
        assert.notInclude(result.stderr, "    at ")
      }
    }))

  it.effect("an error message quoting the service: its control characters escaped on stderr", () =>
    Effect.gen(function*() {
      const result = yield* run(
        ["list", "--max-attempts", "1"],
        failing(
          new PersonalizeError.PersonalizeServiceException({
            code: "Boom\u001b]0;owned\u0007",
            fault: "client",
            status: 400,
            detail: "bad\r\u001b[2Jthing"
          })
        )
      )
      assert.strictEqual(result.code, 6)
      assert.strictEqual(
        result.stderr,
        "Error: Amazon Personalize answered with Boom\\x1b]0;owned\\x07 (HTTP 400): bad\\r\\x1b[2Jthing\n"
      )
    }))

  it.effect("client-side validation: a malformed ARN is invalid input naming the option", () =>
    Effect.gen(function*() {
      const service = fake([wireJobs])
      const result = yield* run(["list", "--solution-version-arn", "not-an-arn"], service.layer)
      assert.strictEqual(result.code, 2)
      assert.include(result.stderr, "Invalid --solution-version-arn")
      assert.include(result.stderr, "arn:aws:personalize:REGION:ACCOUNT:solution/NAME/VERSION")
      assert.strictEqual(service.requests.length, 0)
    }))

  it.effect("a resume token that was tampered with is an invalid token (3)", () =>
    Effect.gen(function*() {
      const first = yield* run(["list", "--max-items", "1"], fake(sevenPages).layer)
      const token = resumeToken(first.stderr)
      const result = yield* run(["list", "--starting-token", `${token.slice(0, -2)}xx`], fake(sevenPages).layer)
      assert.strictEqual(result.code, 3, result.stderr)
      assert.include(result.stderr, "--starting-token")
    }))

  it.effect("a token refused by the service names --starting-token only when it was that token", () =>
    Effect.gen(function*() {
      const expired = new PersonalizeError.InvalidNextTokenException({ origin: "service", detail: "expired" })
      const refusedAt = (n: number) => fake(sevenPages, { fail: (call) => call === n ? expired : undefined }).layer
      const tail = "Tokens are tied to the request that produced them; start the listing again.\n"
      const ownToken = "Error: Amazon Personalize rejected the nextToken: expired (a token it sent itself, with a " +
        `page of this listing). ${tail}`

      const midListing = yield* run(["list", "--format", "ndjson"], refusedAt(2))
      assert.strictEqual(midListing.code, 3)
      assert.strictEqual(midListing.stderr, ownToken)
      assert.deepStrictEqual(names(midListing.stdout), seven.slice(0, 3).map((j) => j.batchSegmentJobArn))

      const given = yield* run(["list", "--format", "ndjson", "--starting-token", "p1"], refusedAt(1))
      assert.strictEqual(given.code, 3)
      assert.strictEqual(
        given.stderr,
        `Error: Amazon Personalize rejected the nextToken: expired (the token of --starting-token). ${tail}`
      )

      const givenThenOwn = yield* run(["list", "--format", "ndjson", "--starting-token", "p1"], refusedAt(2))
      assert.strictEqual(givenThenOwn.code, 3)
      assert.strictEqual(givenThenOwn.stderr, ownToken)
    }))

  it.effect("--verbose adds the full cause", () =>
    Effect.gen(function*() {
      const result = yield* run(
        ["list", "--verbose", "--max-attempts", "1"],
        failing(new PersonalizeError.ThrottlingException({ code: "ThrottlingException" }))
      )
      assert.strictEqual(result.code, 5)
      assert.include(result.stderr, "ThrottlingException")
      assert.isAbove(result.stderr.split("\n").length, 2)
    }))

  it.effect("the log of the libraries: none by default, on stderr with --log-level, never on stdout", () =>
    Effect.gen(function*() {
      const throttledOnce = () =>
        fake([wireJobs], {
          fail: (call) =>
            call === 1 ? new PersonalizeError.ThrottlingException({ code: "ThrottlingException" }) : undefined
        }).layer
      for (const level of [[], ["--log-level", "debug"]]) {
        const fiber = yield* Effect.forkChild(
          run(["list", ...level, "--format", "ndjson", "--max-attempts", "2"], throttledOnce())
        )
        yield* TestClock.adjust("10 seconds")
        const result = yield* Fiber.join(fiber)
        assert.strictEqual(result.code, 0, result.stderr)
        assert.strictEqual(names(result.stdout).length, 3, result.stdout)
        if (level.length > 0) assert.match(result.stderr, /^timestamp=\S+ level=(DEBUG|WARN) /m)
        else assert.strictEqual(result.stderr, "")
      }
    }))

  it.effect("--log-level anywhere after the command, and in the usage line of each command", () =>
    Effect.gen(function*() {
      const lines = [
        ["list", "--log-level", "debug", "--format", "ndjson"],
        ["list", "--format", "ndjson", "--log-level", "debug"],
        ["list", "--format", "ndjson", "--log-level", "debug", "--page-size", "50"],
        ["watch", "--once", "--log-level", "debug", "--format", "ndjson"]
      ]
      for (const args of lines) {
        const result = yield* run(args)
        assert.strictEqual(result.code, 0, `${args.join(" ")}: ${result.stderr}`)
        assert.match(
          result.stderr,
          /^timestamp=\S+ level=DEBUG .*message="ListBatchSegmentJobs request"/m,
          args.join(" ")
        )
        assert.strictEqual(names(result.stdout).length, 3)
      }
      const quiet = yield* run(["list", "--format", "ndjson", "--log-level", "none"])
      assert.strictEqual(quiet.stderr, "")
      for (const command of ["list", "watch"]) {
        const help = yield* run([command, "--help"])
        const usage = help.stdout.split("\n").find((line) => line.startsWith(`$ personalize-jobs ${command} `)) ?? ""
        assert.include(usage, " [--log-level all|trace|debug|info|warning|error|fatal|none]", command)
      }
    }))

  it.effect("a retry warning names the listing: its region, endpoint and solution version", () =>
    Effect.gen(function*() {
      const throttledOnce = fake([wireJobs], {
        fail: (call) =>
          call === 1 ? new PersonalizeError.ThrottlingException({ code: "ThrottlingException" }) : undefined
      })
      const fiber = yield* Effect.forkChild(run([
        "list",
        "--solution-version-arn",
        solutionVersionArn,
        "--region",
        "eu-west-1",
        "--endpoint",
        "https://personalize.example.com",
        "--log-level",
        "warning",
        "--format",
        "ndjson"
      ], throttledOnce.layer))
      yield* TestClock.adjust("10 seconds")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.code, 0, result.stderr)
      const warning = result.stderr.split("\n").find((line) => line.includes("level=WARN")) ?? ""
      assert.include(warning, "message=\"ListBatchSegmentJobs retry\"")
      assert.include(warning, "region=eu-west-1")
      assert.include(warning, "endpoint=https://personalize.example.com")
      assert.include(warning, `solutionVersionArn=${solutionVersionArn}`)
    }))

  it.effect("a retry warning names the region and endpoint of the environment, or the embedded emulator", () =>
    Effect.gen(function*() {
      const warningOf = (args: ReadonlyArray<string>, environment: ReadonlyArray<readonly [string, string]>) =>
        Effect.gen(function*() {
          const throttledOnce = fake([wireJobs], {
            fail: (call) =>
              call === 1 ? new PersonalizeError.ThrottlingException({ code: "ThrottlingException" }) : undefined
          })
          const fiber = yield* Effect.forkChild(
            run(["list", ...args, "--log-level", "warning", "--format", "ndjson"], throttledOnce.layer).pipe(
              Effect.provideService(
                ConfigProvider.ConfigProvider,
                ConfigProvider.fromEnvRecord(Object.fromEntries(environment))
              )
            )
          )
          yield* TestClock.adjust("10 seconds")
          const result = yield* Fiber.join(fiber)
          assert.strictEqual(result.code, 0, result.stderr)
          return result.stderr.split("\n").find((line) => line.includes("level=WARN")) ?? ""
        })
      // the second name of each, when the first is not set
      const fallback = yield* warningOf([], [
        ["AWS_DEFAULT_REGION", "eu-west-2"],
        ["AWS_ENDPOINT_URL", "https://fallback.example.com"]
      ])
      assert.include(fallback, "region=eu-west-2")
      assert.include(fallback, "endpoint=https://fallback.example.com")
      // the first name wins over the second
      const first = yield* warningOf([], [
        ["AWS_REGION", "ap-south-1"],
        ["AWS_DEFAULT_REGION", "eu-west-2"],
        ["AWS_ENDPOINT_URL_PERSONALIZE", "https://personalize.example.com"],
        ["AWS_ENDPOINT_URL", "https://fallback.example.com"]
      ])
      assert.include(first, "region=ap-south-1")
      assert.include(first, "endpoint=https://personalize.example.com")
      // --emulator: no region or endpoint of the environment, the emulator instead
      const emulator = yield* warningOf(["--emulator"], [["AWS_REGION", "ap-south-1"]])
      assert.include(emulator, "endpoint=\"embedded emulator\"")
      assert.notInclude(emulator, "region=")
    }))

  it.effect("the edges of the numeric and choice options are accepted: --page-size 100, --max-attempts 20, any case", () =>
    Effect.gen(function*() {
      const service = fake([wireJobs])
      const result = yield* run(
        ["list", "--format", " JSON ", "--page-size", "100", "--max-attempts", "20", "--max-items", "1"],
        service.layer
      )
      assert.strictEqual(result.code, 0, result.stderr)
      assert.strictEqual(JSON.parse(result.stdout).length, 1)
      assert.strictEqual(service.requests[0]?.maxResults, 100)
    }))

  it.effect("retries with --max-attempts: a throttle then a success", () =>
    Effect.gen(function*() {
      const service = fake([wireJobs], {
        fail: (call) =>
          call === 1 ? new PersonalizeError.ThrottlingException({ code: "ThrottlingException" }) : undefined
      })
      const fiber = yield* Effect.forkChild(run(["list", "--format", "ndjson", "--max-attempts", "2"], service.layer))
      yield* TestClock.adjust("10 seconds")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.code, 0, result.stderr)
      assert.strictEqual(names(result.stdout).length, 3)
      assert.strictEqual(service.requests.length, 2)
    }))

  it.effect("no region and no --emulator: a clear usage error", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Cli.run(["node", "personalize-jobs", "list"]))
      const capture = yield* Output.Capture
      assert.strictEqual(Cli.exitCode(exit), 2)
      const stderr = yield* capture.stderr
      assert.include(stderr, "No AWS region is configured")
      assert.include(stderr, "--region")
      assert.include(stderr, "--emulator")
    }).pipe(
      Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnvRecord({})),
      Effect.provide(env())
    ))
})

describe("arguments", () => {
  it.effect("the connection options reach the client provider; a watch that is to end asks for no new jobs", () =>
    Effect.gen(function*() {
      const seen: Array<[Connection.Connection, Connection.Purpose]> = []
      yield* run(
        [
          "list",
          "--region",
          "eu-west-1",
          "--endpoint",
          "http://127.0.0.1:1",
          "--profile",
          "dev",
          "--allow-insecure-endpoint"
        ],
        undefined,
        seen
      )
      yield* run(["watch", "--emulator", "--until-terminal"], fake([[wireJobs[0]]]).layer, seen)
      const fiber = yield* Effect.forkChild(run(["watch", "--emulator"], fake([[wireJobs[0]]]).layer, seen))
      yield* TestClock.adjust("1 second")
      yield* interruptExit(fiber)
      assert.deepStrictEqual(seen.map(([_, purpose]) => purpose), ["list", "list", "watch"])
      assert.deepStrictEqual(seen.slice(0, 2), [
        [{
          region: Option.some("eu-west-1"),
          endpoint: Option.some("http://127.0.0.1:1"),
          profile: Option.some("dev"),
          emulator: false,
          allowInsecureEndpoint: true
        }, "list"],
        [{
          region: Option.none(),
          endpoint: Option.none(),
          profile: Option.none(),
          emulator: true,
          allowInsecureEndpoint: false
        }, "list"]
      ])
    }))

  it.effect("rejected command lines: exit code 2, one line 'Error: <what>. <what to do>' naming the option", () =>
    Effect.gen(function*() {
      const list = "Run 'personalize-jobs list --help' for its options."
      const watch = "Run 'personalize-jobs watch --help' for its options."
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
        [["list", "--format", "xml"], `Invalid --format: expected table, json, ndjson or csv, got 'xml'. ${list}`],
        [["list", "--page-size", "0"], `Invalid --page-size: expected a whole number from 1 to 100, got '0'. ${list}`],
        [
          ["list", "--page-size", "101"],
          `Invalid --page-size: expected a whole number from 1 to 100, got '101'. ${list}`
        ],
        [["list", "--max-items", "0"], `Invalid --max-items: expected a whole number of at least 1, got '0'. ${list}`],
        [
          ["list", "--max-items", "ten"],
          `Invalid --max-items: expected a whole number of at least 1, got 'ten'. ${list}`
        ],
        [
          ["list", "--max-items", "1.5"],
          `Invalid --max-items: expected a whole number of at least 1, got '1.5'. ${list}`
        ],
        // digits only: not a number JavaScript reads otherwise
        [
          ["list", "--max-items", "1e1"],
          `Invalid --max-items: expected a whole number of at least 1, got '1e1'. ${list}`
        ],
        [
          ["list", "--page-size", "0x10"],
          `Invalid --page-size: expected a whole number from 1 to 100, got '0x10'. ${list}`
        ],
        [["list", "--max-items"], `--max-items needs a value. ${list}`],
        [["list", "--status"], `--status needs a value. ${list}`],
        [["list", "--status", "--format", "json"], `--status needs a value. ${list}`],
        [["watch", "--solution-version-arn", "--once"], `--solution-version-arn needs a value. ${watch}`],
        [
          ["list", "--format", "csv", "--format", "json"],
          `--format is given more than once: give it once. ${list}`
        ],
        [
          ["watch", "--interval", "1m", "--once", "--interval", "2m"],
          `--interval is given more than once: give it once. ${watch}`
        ],
        [
          ["list", "--max-attempts", "0"],
          `Invalid --max-attempts: expected a whole number from 1 to 20, got '0'. ${list}`
        ],
        [["list", "--interval", "1m"], `Unknown option '--interval' for list. ${list}`],
        [["watch", "--interval", "soon"], `Invalid --interval: expected a duration such as "30 seconds", "1 minute", `],
        [["watch", "--format", "json"], `Invalid --format: expected table, ndjson or csv, got 'json'. ${watch}`],
        [
          ["list", "extra"],
          `Unexpected argument 'extra': list takes options only (quote a value with spaces). ${list}`
        ],
        [["lsit"], "Unknown command 'lsit': expected list or watch. Run 'personalize-jobs --help' for the commands."],
        [
          ["--format", "json"],
          "Expected a command, list or watch, before --format. Run 'personalize-jobs --help' for the commands."
        ]
      ]
      for (const [args, line] of cases) {
        const service = fake([wireJobs])
        const result = yield* run(args, service.layer)
        assert.strictEqual(result.code, 2, args.join(" "))
        assert.isTrue(result.stderr.startsWith(`Error: ${line}`), `${args.join(" ")}: ${result.stderr}`)
        assert.isTrue(result.stderr.endsWith(".\n"), result.stderr)
        assert.strictEqual(result.stderr.split("\n").length, 2, result.stderr)
        assert.strictEqual(result.stdout, "")
        assert.strictEqual(service.requests.length, 0)
      }
    }))

  it.effect("--status: a value that is no documented status is refused (exit code 2) naming the accepted ones", () =>
    Effect.gen(function*() {
      for (const command of ["list", "watch"]) {
        for (const value of ["failed", "ACTIV", "CREATE FAILED; ACTIVE"]) {
          const service = fake([wireJobs])
          const result = yield* run([command, "--status", "active", "--status", value], service.layer)
          assert.strictEqual(result.code, 2, `${command} ${value}`)
          assert.include(
            result.stderr,
            `Invalid --status '${value}': expected PENDING, IN PROGRESS, ACTIVE or CREATE FAILED (any case, '_' or ` +
              "'-' for the space)"
          )
          assert.strictEqual(service.requests.length, 0)
        }
      }
      const accepted = yield* run([
        "list",
        "--format",
        "ndjson",
        "--status",
        "Create_Failed",
        "--status",
        "in-progress"
      ])
      assert.strictEqual(accepted.code, 0, accepted.stderr)
      assert.deepStrictEqual(names(accepted.stdout), [jobArn("winback")])
    }))

  it.effect("durations: what Duration.decode reads, and the short forms 30s, 500ms, 2m, 1h", () =>
    Effect.sync(() => {
      const ms = (text: string) => DurationText.parse(text)
      const right = (value: number) => ({ _tag: "Right" as const, value })
      assert.deepStrictEqual(ms("1 minute"), right(60_000))
      assert.deepStrictEqual(ms("1 hour"), right(3_600_000))
      assert.deepStrictEqual(ms("500 millis"), right(500))
      assert.deepStrictEqual(ms("30 seconds"), right(30_000))
      assert.deepStrictEqual(ms("1.5 seconds"), right(1500))
      assert.deepStrictEqual(ms("2 days"), right(172_800_000))
      assert.deepStrictEqual(ms(" 1  Minute "), right(60_000))
      assert.deepStrictEqual(ms("30s"), right(30_000))
      assert.deepStrictEqual(ms("500ms"), right(500))
      assert.deepStrictEqual(ms("2m"), right(120_000))
      assert.deepStrictEqual(ms("1h"), right(3_600_000))
      assert.deepStrictEqual(ms("1.5s"), right(1500))
      const reason = (text: string) => {
        const result = DurationText.parse(text)
        return result._tag === "Left" ? result.detail : ""
      }
      assert.include(reason("30"), "'30' has no unit: write \"30 seconds\" (or 30s)")
      assert.include(reason("0s"), "expected a positive duration, got '0s'")
      assert.include(reason("0 seconds"), "expected a positive duration")
      assert.include(reason("-1 seconds"), "expected a positive duration")
      for (const text of ["5 parsecs", "soon", "", "1 minute ago", "1e3 millis", "30sec"]) {
        assert.include(reason(text), `expected a duration such as "30 seconds", "1 minute", "1 hour"`, text)
      }
    }))

  it.effect("--interval \"1 minute\" and \"1 hour\" are accepted, and polled at", () =>
    Effect.gen(function*() {
      for (const interval of ["1 minute", "1 hour", "90s"]) {
        const exit = yield* Effect.exit(
          runWith(["watch", "--interval", interval, "--until-terminal"], fake([[wireJobs[0]]]).layer)
        )
        assert.strictEqual(Cli.exitCode(exit), 0, interval)
      }
      const stderr = yield* (yield* Output.Capture).stderr
      assert.include(stderr, "Watching batch segment jobs every 1m until")
      assert.include(stderr, "Watching batch segment jobs every 1h until")
      assert.include(stderr, "Watching batch segment jobs every 1m 30s until")
    }).pipe(Effect.provide(Layer.merge(Output.layerTest({ stderrIsTTY: true }), NodeServices.layer))))

  it.effect("a bad duration: exit code 2 and one clear line naming the option, no escape codes", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
        [["watch", "--interval", "soon"], "Invalid --interval: expected a duration such as \"30 seconds\""],
        [["watch", "--interval", "30"], "Invalid --interval: '30' has no unit: write \"30 seconds\" (or 30s)"],
        [["watch", "--interval", "0s"], "Invalid --interval: expected a positive duration, got '0s'"],
        [["list", "--timeout", "5 parsecs"], "Invalid --timeout: expected a duration such as"]
      ]
      for (const [args, message] of cases) {
        const service = fake([wireJobs])
        const result = yield* run(args, service.layer)
        assert.strictEqual(result.code, 2, args.join(" "))
        assert.include(result.stderr, message, args.join(" "))
        assert.notInclude(result.stderr, "\u001b", args.join(" "))
        assert.strictEqual(service.requests.length, 0)
      }
    }))

  it.effect("--max-attempts N: N attempts, with the core's default policy between them", () =>
    Effect.gen(function*() {
      const service = fake([wireJobs], {
        fail: () => new PersonalizeError.ThrottlingException({ code: "ThrottlingException" })
      })
      const fiber = yield* Effect.forkChild(run(["list", "--max-attempts", "3"], service.layer))
      yield* TestClock.adjust("1 minute")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.code, 5, result.stderr)
      assert.strictEqual(service.requests.length, 3)
    }))

  it.effect("--help for every command, with examples and the exit codes", () =>
    Effect.gen(function*() {
      for (
        const [args, example] of [
          [["--help"], "personalize-jobs list --region us-east-1 --format ndjson"],
          [["list", "--help"], "personalize-jobs list --max-items 10 --starting-token <token>"],
          [["watch", "--help"], "personalize-jobs watch --interval \"1 minute\" --until-terminal"]
        ] as const
      ) {
        const result = yield* run(args, fake([]).layer)
        assert.strictEqual(result.code, 0)
        assert.include(result.stdout, "EXAMPLES", args.join(" "))
        assert.include(result.stdout, example, args.join(" "))
        assert.include(result.stdout, "EXIT CODES", args.join(" "))
        for (const { code, meaning } of ExitCode.table) {
          assert.include(result.stdout, `  ${String(code).padEnd(5)}${meaning}\n`, args.join(" "))
        }
      }
    }))

  it.effect("help without filler: usage lines as typed, every option described with what it takes", () =>
    Effect.gen(function*() {
      for (const args of [["--help"], ["list", "--help"], ["watch", "--help"]]) {
        const result = yield* run(args, fake([]).layer)
        assert.strictEqual(result.code, 0)
        for (
          const filler of [
            "A user-defined piece of text.",
            "A true or false value.",
            "This setting is optional.",
            "This option may be repeated"
          ]
        ) {
          assert.notInclude(result.stdout, filler, args.join(" "))
        }
        assert.notMatch(result.stdout, /\n\n\n/, args.join(" "))
        const usage = result.stdout.split("\n").filter((line) => line.startsWith("$ "))
        assert.deepStrictEqual(
          usage.map((line) => line.split(" [")[0]),
          [args.length === 1 ? "$ personalize-jobs list|watch" : `$ personalize-jobs ${args[0]}`]
        )
        // each option: its heading, then a description of its own
        const options = result.stdout.slice(result.stdout.indexOf("\nOPTIONS\n"))
        const described = [...options.matchAll(/^(--[a-z-]+)[^\n]*\n\n(.*)$/gm)]
        for (const m of described) assert.match(m[2]!, /^ {2}[A-Z0-9a-z]/, `${args.join(" ")} ${m[1]}`)
        if (args.length > 1) assert.isAtLeast(described.length, 15, args.join(" "))
      }
      const list = (yield* run(["list", "--help"], fake([]).layer)).stdout
      assert.include(list, " [--status STATUS...] [--since TIME] [--fail-on-status STATUS...] [--max-items N] ")
      assert.include(
        list,
        "  personalize-jobs list --max-items 10   # prints: Resume with: --starting-token <token>\n" +
          "  personalize-jobs list --max-items 10 --starting-token <token>\n"
      )
      const none = yield* run(["list", "--format", "ndjson"])
      assert.strictEqual(none.stdout.trimEnd().split("\n").length, 3)
    }))

  it.effect("--wizard with stdin not a terminal: refused at once, exit code 2", () =>
    Effect.gen(function*() {
      for (const args of [["--wizard"], ["list", "--wizard"]]) {
        const result = yield* run(args, fake([]).layer)
        assert.deepStrictEqual(result, {
          code: 2,
          stdout: "",
          stderr: "Error: --wizard asks its questions on a terminal, and stdin is not one. Give the options on the " +
            "command line instead: run 'personalize-jobs --help' for them.\n"
        })
      }
    }))

  const help = (tty: boolean, env: ReadonlyArray<readonly [string, string]>) =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Cli.run(["node", "personalize-jobs", "list", "--help"]))
      assert.strictEqual(Cli.exitCode(exit), 0)
      return yield* (yield* Output.Capture).stdout
    }).pipe(
      Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnvRecord(Object.fromEntries(env))),
      Effect.provide(Layer.merge(Output.layerTest({ stdoutIsTTY: tty, stderrIsTTY: tty }), NodeServices.layer))
    )

  it.effect("--help has styles on a terminal only, and none with NO_COLOR", () =>
    Effect.gen(function*() {
      const styled = yield* help(true, [])
      assert.include(styled, "\u001b[", "a terminal gets the styles of @effect/cli")
      assert.include(yield* help(true, [["NO_COLOR", ""]]), "\u001b[", "an empty NO_COLOR does not count")
      const piped = yield* help(false, [])
      const noColor = yield* help(true, [["NO_COLOR", "1"]])
      assert.notInclude(piped, "\u001b")
      assert.notInclude(noColor, "\u001b")
      assert.strictEqual(piped, noColor)
      assert.strictEqual(piped, styled.replace(/\u001b\[[0-9;]*m/g, ""))
      assert.include(piped, "USAGE\n\n$ personalize-jobs list [--solution-version-arn ARN...] [--status STATUS...]")
    }))

  it.effect("a table on a terminal: failure reasons cut to its width, widths held across pages; piped: whole", () =>
    Effect.gen(function*() {
      const reason = "The input S3 path s3://bucket/input.json does not exist, or Amazon Personalize cannot read it"
      const pages = [
        [{ ...seven[0]!, status: "ACTIVE" }],
        [{ ...seven[1]!, status: "CREATE FAILED", failureReason: reason }]
      ]
      const table = (tty: boolean) =>
        Effect.gen(function*() {
          yield* Effect.exit(runWith(["list"], fake(pages).layer))
          return (yield* (yield* Output.Capture).stdout).replace(/\u001b\[\d+m/g, "")
        }).pipe(
          Effect.provide(Layer.merge(Output.layerTest({ stdoutIsTTY: tty, stdoutColumns: 100 }), NodeServices.layer))
        )
      const onTerminal = (yield* table(true)).trimEnd().split("\n")
      assert.deepStrictEqual(onTerminal.map((line) => line.length <= 100), [true, true, true], onTerminal.join("\n"))
      assert.isTrue(onTerminal[2]!.startsWith("job-1     CREATE FAILED  "), onTerminal[2])
      assert.isTrue(onTerminal[2]!.endsWith("…"), onTerminal[2])
      assert.include(yield* table(false), reason)
    }))

  it.effect("NO_COLOR also keeps the table plain on a terminal", () =>
    Effect.gen(function*() {
      const table = (env: ReadonlyArray<readonly [string, string]>) =>
        Effect.gen(function*() {
          yield* Effect.exit(runWith(["list"], fake([wireJobs]).layer))
          return yield* (yield* Output.Capture).stdout
        }).pipe(
          Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnvRecord(Object.fromEntries(env))),
          Effect.provide(Layer.merge(Output.layerTest({ stdoutIsTTY: true }), NodeServices.layer))
        )
      assert.include(yield* table([]), "\u001b[32mACTIVE")
      assert.notInclude(yield* table([["NO_COLOR", "1"]]), "\u001b")
    }))
})

describe("--region", () => {
  const connection = (region: Option.Option<string>): Connection.Connection => ({
    region,
    endpoint: Option.some("http://127.0.0.1:1"),
    profile: Option.none(),
    emulator: false,
    allowInsecureEndpoint: false
  })
  const options = (region: Option.Option<string>, env: ReadonlyArray<readonly [string, string]>) =>
    awsOptions(connection(region)).pipe(
      Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnvRecord(Object.fromEntries(env)))
    )
  const keys = [["AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT00001"], ["AWS_SECRET_ACCESS_KEY", "s"]] as const

  it.effect("a region is one host name label: anything else is refused before anything is sent, naming its source", () =>
    Effect.gen(function*() {
      for (const region of ["eu-west-1/x", "x/eu-west-1", "eu-west-", "-eu-west-1", "eu west 1"]) {
        const error = yield* Effect.flip(options(Option.some(region), keys))
        assert.strictEqual(
          error.message,
          `Invalid --region '${region}': expected a region name such as us-east-1 (letters, digits and '-', at ` +
            "most 63). Nothing was sent.",
          region
        )
      }
      const fromEnvironment = yield* Effect.flip(options(Option.none(), [...keys, ["AWS_REGION", "eu-west-"]]))
      assert.strictEqual(
        fromEnvironment.message,
        "Invalid region in AWS_REGION or AWS_DEFAULT_REGION 'eu-west-': expected a region name such as us-east-1 " +
          "(letters, digits and '-', at most 63). Nothing was sent."
      )
    }))

  it.effect("--region wins over the environment's; a region of the form is taken as it is", () =>
    Effect.gen(function*() {
      const flag = yield* options(Option.some("eu-central-1"), [...keys, ["AWS_REGION", "eu-west-1"]])
      assert.strictEqual(flag.region, "eu-central-1")
      const environment = yield* options(Option.none(), [...keys, ["AWS_REGION", "us-gov-west-1"]])
      assert.strictEqual(environment.region, "us-gov-west-1")
    }))
})

describe("--profile", () => {
  // a credentials file of this test's own, with the profile "analytics"; no config file
  const credentials = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "personalize-jobs-profile-")), "credentials")
  fs.writeFileSync(credentials, "[default]\naws_access_key_id = A\n\n[analytics]\naws_access_key_id = B\n")
  afterAll(() => fs.rmSync(path.dirname(credentials), { recursive: true, force: true }))
  const environment = ConfigProvider.fromEnvRecord({
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "AKIAENVIRONMENT00001",
    AWS_SECRET_ACCESS_KEY: "s",
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_CONFIG_FILE: path.join(path.dirname(credentials), "no-config")
  })
  const connection = (profile: Option.Option<string>): Connection.Connection => ({
    region: Option.none(),
    endpoint: Option.some("http://127.0.0.1:1"),
    profile,
    emulator: false,
    allowInsecureEndpoint: false
  })

  it.effect("goes to the SDK client's configuration, instead of the environment's keys", () =>
    Effect.gen(function*() {
      const withProfile = yield* awsOptions(connection(Option.some("analytics")))
      assert.strictEqual(withProfile.profile, "analytics")
      assert.isUndefined(withProfile.credentials)
      assert.strictEqual(withProfile.region, "eu-west-1")
      assert.strictEqual(withProfile.endpoint, "http://127.0.0.1:1")
      const without = yield* awsOptions(connection(Option.none()))
      assert.isUndefined(without.profile)
      assert.strictEqual(without.credentials?.accessKeyId, "AKIAENVIRONMENT00001")
      assert.strictEqual(Redacted.value(without.credentials!.secretAccessKey), "s")
    }).pipe(Effect.provideService(ConfigProvider.ConfigProvider, environment)))

  it.effect("leaves the process environment alone", () =>
    Effect.gen(function*() {
      const before = process.env.AWS_PROFILE
      yield* Layer.build(Connection.layer(connection(Option.some("analytics")), "list"))
      assert.strictEqual(process.env.AWS_PROFILE, before)
    }).pipe(Effect.provideService(ConfigProvider.ConfigProvider, environment), Effect.provide(Output.layerTest())))

  it.effect("a profile in neither file: exit code 4 naming it and the profiles there, nothing sent", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(
        Cli.run(["node", "personalize-jobs", "list", "--profile", "analytic", "--endpoint", "http://127.0.0.1:1"])
      )
      assert.strictEqual(Cli.exitCode(exit), 4)
      assert.strictEqual(
        yield* (yield* Output.Capture).stderr,
        `Error: No AWS credentials could be loaded (ProfileNotFound): there is no profile 'analytic' (--profile) in ${credentials} or ${
          path.join(path.dirname(credentials), "no-config")
        }, whose profiles are default, analytics. Nothing was sent to Amazon Personalize. Set AWS_ACCESS_KEY_ID and ` +
          "AWS_SECRET_ACCESS_KEY, or pass --profile with a profile of ~/.aws/credentials or ~/.aws/config that has " +
          "credentials.\n"
      )
    }).pipe(Effect.provideService(ConfigProvider.ConfigProvider, environment), Effect.provide(env())))
})

describe("watch", () => {
  const job = (name: string, status: string) => ({ batchSegmentJobArn: jobArn(name), jobName: name, status })

  it.effect("prints each new job and each status change once; --until-terminal ends it", () =>
    Effect.gen(function*() {
      let state = [job("a", "PENDING"), job("b", "IN PROGRESS"), job("c", "ACTIVE")]
      const service = fake(() => [state.slice(0, 2), state.slice(2)])
      const fiber = yield* Effect.forkChild(
        run(["watch", "--interval", "10s", "--until-terminal", "--format", "ndjson", "--page-size", "2"], service.layer)
      )
      yield* TestClock.adjust("1 second")
      state = [job("a", "IN PROGRESS"), job("b", "IN PROGRESS"), job("c", "ACTIVE")]
      yield* TestClock.adjust("10 seconds")
      yield* TestClock.adjust("10 seconds") // a poll without changes
      state = [job("a", "ACTIVE"), job("b", "CREATE FAILED"), job("c", "ACTIVE"), job("d", "ACTIVE")]
      yield* TestClock.adjust("10 seconds")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.code, 0, result.stderr)
      const events = result.stdout.trimEnd().split("\n").map((line) => {
        const e = JSON.parse(line)
        return `${e.event} ${e.jobName} ${e.previousStatus ?? ""}->${e.status}`
      })
      assert.deepStrictEqual(events, [
        "new a ->PENDING",
        "new b ->IN PROGRESS",
        "new c ->ACTIVE",
        "changed a PENDING->IN PROGRESS",
        "changed a IN PROGRESS->ACTIVE",
        "changed b IN PROGRESS->CREATE FAILED",
        "new d ->ACTIVE"
      ])
      assert.strictEqual(result.stderr, "Every watched job is terminal.\n")
      // 4 polls of 2 pages
      assert.strictEqual(service.requests.length, 8)
    }))

  it.effect("--status chooses the events printed; a failed poll that may pass is reported and retried", () =>
    Effect.gen(function*() {
      let state = [job("a", "PENDING"), job("b", "IN PROGRESS")]
      const service = fake(() => [state], {
        fail: (call) =>
          call === 2 ? new PersonalizeError.ThrottlingException({ code: "ThrottlingException" }) : undefined
      })
      const fiber = yield* Effect.forkChild(
        run(
          [
            "watch",
            "--interval",
            "5s",
            "--until-terminal",
            "--format",
            "ndjson",
            "--status",
            "create failed",
            "--max-attempts",
            "1"
          ],
          service.layer
        )
      )
      yield* TestClock.adjust("1 second")
      state = [job("a", "ACTIVE"), job("b", "CREATE FAILED")]
      yield* TestClock.adjust("5 seconds") // throttled
      yield* TestClock.adjust("5 seconds")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.code, 0, result.stderr)
      assert.deepStrictEqual(result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line).jobName), ["b"])
      assert.include(result.stderr, "Poll failed: Amazon Personalize throttled")
      assert.include(result.stderr, "Trying again in 5s")
    }))

  it.effect("a job that is no longer listed is reported once as vanished; interrupted, it says it stopped", () =>
    Effect.gen(function*() {
      let state = [job("a", "ACTIVE"), job("b", "PENDING")]
      const service = fake(() => [state])
      const fiber = yield* Effect.forkChild(runWith(["watch", "--interval", "10s", "--format", "csv"], service.layer))
      yield* TestClock.adjust("1 second")
      state = [job("b", "PENDING")]
      yield* TestClock.adjust("10 seconds")
      yield* TestClock.adjust("10 seconds")
      const exit = yield* interruptExit(fiber)
      assert.strictEqual(Cli.exitCode(exit), 130)
      const capture = yield* Output.Capture
      const lines = (yield* capture.stdout).trimEnd().split("\n")
      assert.deepStrictEqual(lines.slice(1).map((line) => line.split(",").slice(0, 3).join(",")), [
        `new,,${jobArn("a")}`,
        `new,,${jobArn("b")}`,
        `vanished,,${jobArn("a")}`
      ])
      assert.strictEqual(yield* capture.stderr, "Stopped watching.\n")
      assert.strictEqual(service.requests.length, 3)
    }).pipe(Effect.provide(env())))

  it.effect("a poll that cannot pass ends the watch with its exit code", () =>
    Effect.gen(function*() {
      const service = fake([wireJobs], {
        fail: () => new PersonalizeError.AccessDeniedException({ origin: "service", code: "AccessDeniedException" })
      })
      const result = yield* run(["watch"], service.layer)
      assert.strictEqual(result.code, 4)
      assert.include(result.stderr, "Access denied")
    }))
})
