/**
 * Both editions' `personalize-jobs` against the same emulator (the Effect 3 edition's, as a process, from the same
 * seed file), with the same arguments: the bytes of stdout and stderr and the exit code must be the same. The
 * service's request ids and page tokens are the emulator's own for each request (random, and stamped with the time
 * of issue), so they are the one thing compared by what they do: a token printed by either edition continues the
 * listing the same way in both.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Processes from "./utils/processes.js"

const account = "arn:aws:personalize:us-east-1:123456789012"
const shoes = `${account}:solution/shoes/3f2a1b4c`
const hats = `${account}:solution/hats/0a1b2c3d`

/**
 * 36 jobs of two solution versions, every documented status, long names, failure reasons that need CSV quoting,
 * and text from a hostile service: terminal escapes, a carriage return, bidi controls, a line separator, spreadsheet
 * formulas, an unknown status.
 */
const seedJobs = (): Array<Record<string, unknown>> => {
  const statuses = ["PENDING", "IN PROGRESS", "ACTIVE", "CREATE FAILED"]
  const hostile = [
    "Bucket \"in\", not found",
    "\u001b]0;owned\u0007\u001b[2Jcleared",
    "line one\nline two\r\tend",
    "=HYPERLINK(\"http://x.example\",\"click\")",
    "+1 then \u202eevil\u202c and \u2028 a separator",
    "@SUM(1,2) -3 \u0085 C1"
  ]
  return Array.from({ length: 36 }, (_, i) => {
    const solutionVersionArn = i % 3 === 0 ? hats : shoes
    const status = i === 7 ? "ARCHIVED \u001b[31m" : statuses[(i * 7) % 4]!
    const created = 1_700_000_000 + i * 3_601 + (i % 5) * 0.25
    return {
      batchSegmentJobArn: `${account}:batch-segment-job/job-${String(i).padStart(2, "0")}`,
      jobName: i % 4 === 0 ? `campaign-${i}-with-a-rather-long-name_${"x".repeat(i % 20)}` : `job-${i}`,
      status,
      creationDateTime: created,
      lastUpdatedDateTime: created + 60 * i,
      ...(status === "CREATE FAILED" || i % 6 === 1 ? { failureReason: hostile[i % hostile.length] } : {}),
      solutionVersionArn
    }
  })
}

const env = (endpoint: string): Record<string, string> => ({
  PATH: process.env.PATH ?? "",
  HOME: Os.tmpdir(),
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  AWS_ENDPOINT_URL_PERSONALIZE: endpoint,
  AWS_CONFIG_FILE: Path.join(Os.tmpdir(), "personalize-jobs-editions-no-config"),
  AWS_SHARED_CREDENTIALS_FILE: Path.join(Os.tmpdir(), "personalize-jobs-editions-no-credentials")
})

/** The emulator's own per-request values: a request id, and the page token inside a resume token. */
const requestIds = (text: string) => text.replace(/request id [0-9a-f-]+/g, "request id <id>")
const tokenIn = (stderr: string): string | undefined => /--starting-token (\S+)/.exec(stderr)?.[1]
const withoutTokens = (text: string) => text.replace(/--starting-token \S+/g, "--starting-token <token>")

const both = (args: ReadonlyArray<string>, environment: Record<string, string>) =>
  Effect.all([
    Processes.run(Processes.bins.effect3, args, environment),
    Processes.run(Processes.bins.effect4, args, environment)
  ], { concurrency: 2 })

const same = (label: string, [e3, e4]: readonly [Processes.Run, Processes.Run], normalize = requestIds) => {
  assert.strictEqual(e4.code, e3.code, `${label}: exit code (Effect 3 stderr: ${e3.stderr.toString("utf8")})`)
  assert.isTrue(
    e4.stdout.equals(e3.stdout),
    `${label}: stdout\n${e3.stdout.toString("utf8")}\n--- vs ---\n${e4.stdout}`
  )
  assert.strictEqual(normalize(e4.stderr.toString("utf8")), normalize(e3.stderr.toString("utf8")), `${label}: stderr`)
}

describe("both editions' personalize-jobs, one emulator", () => {
  it.effect(
    "every format, filters, several solution versions, watch --once, errors: the same bytes and codes",
    () =>
      Effect.gen(function*() {
        const dir = yield* Effect.acquireRelease(
          Effect.sync(() => Fs.mkdtempSync(Path.join(Os.tmpdir(), "personalize-jobs-editions-"))),
          (path) => Effect.sync(() => Fs.rmSync(path, { recursive: true, force: true }))
        )
        const seed = Path.join(dir, "jobs.json")
        Fs.writeFileSync(seed, JSON.stringify(seedJobs()))
        const endpoint = yield* Processes.emulator(["--seed-file", seed])
        const environment = env(endpoint)
        const cases: ReadonlyArray<ReadonlyArray<string>> = [
          ["list", "--page-size", "7"],
          ["list", "--page-size", "7", "--format", "json"],
          ["list", "--page-size", "7", "--format", "ndjson"],
          ["list", "--page-size", "7", "--format", "csv"],
          ["list", "--status", "create_failed", "--status", "Pending", "--format", "csv"],
          ["list", "--solution-version-arn", hats, "--format", "json"],
          ["list", "--solution-version-arn", shoes, "--solution-version-arn", hats, "--concurrency", "1"],
          ["list", "--since", "2023-11-15T12:00:00Z", "--format", "ndjson"],
          ["list", "--fail-on-status", "create failed", "--format", "ndjson"],
          ["list", "--status", "active", "--since", "2030-01-01"],
          ["watch", "--once", "--format", "ndjson"],
          ["watch", "--once", "--format", "csv", "--solution-version-arn", shoes, "--solution-version-arn", hats],
          ["watch", "--once", "--status", "create failed"],
          // errors: of the command line, of the input, of the service, of the connection
          ["list", "--page-size", "0"],
          ["list", "--max-items"],
          ["list", "--format", "csv", "--format", "json"],
          ["list", "--status"],
          ["list", "--status", "--format", "json"],
          ["list", "--endpoint", ""],
          ["list", "--region", ""],
          ["watch", "--once", "--state-file", dir],
          ["watch", "--once", "--state-file", Path.join(dir, "missing", "state")],
          ["list", "--interval", "1m"],
          ["list", "extra"],
          ["lsit"],
          ["list", "--status", "failed"],
          ["list", "--since", "yesterday"],
          ["watch", "--format", "json"],
          ["watch", "--once", "--until-terminal"],
          ["list", "--solution-version-arn", "not-an-arn", "--format", "json"],
          ["list", "--starting-token", "not-a-token"],
          ["list", "--region", "evil.com#"],
          ["list", "--endpoint", "http://192.0.2.10:4566"],
          ["list", "--profile", "nosuch"]
        ]
        for (const args of cases) same(args.join(" "), yield* both(args, environment))

        // --max-items: the same jobs, then a token; each edition continues from either edition's token the same way
        const [first3, first4] = yield* both(
          ["list", "--max-items", "5", "--page-size", "4", "--format", "ndjson"],
          environment
        )
        same("list --max-items 5", [first3, first4], (text) => withoutTokens(requestIds(text)))
        const tokens = [tokenIn(first3.stderr.toString("utf8")), tokenIn(first4.stderr.toString("utf8"))]
        assert.isDefined(tokens[0], first3.stderr.toString("utf8"))
        assert.isDefined(tokens[1], first4.stderr.toString("utf8"))
        const rests = []
        for (const token of tokens) {
          const rest = yield* both(
            ["list", "--starting-token", token!, "--format", "ndjson", "--max-items", "20"],
            environment
          )
          same(
            `--starting-token of the ${token === tokens[0] ? "Effect 3" : "Effect 4"} edition`,
            rest,
            (text) => withoutTokens(requestIds(text))
          )
          rests.push(rest[0].stdout)
        }
        assert.isTrue(rests[0]!.equals(rests[1]!), "either token continues at the same job")
        const printed = (buffer: Buffer) => buffer.toString("utf8").split("\n").filter((line) => line !== "").length
        assert.strictEqual(printed(first3.stdout) + printed(rests[0]!), 25)
      }),
    { timeout: 600_000 }
  )
})
