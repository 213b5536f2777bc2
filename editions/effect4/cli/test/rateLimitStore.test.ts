// `--rate-limit-store`: the options that do not go together (usage errors, nothing sent), a Redis that cannot be
// reached, and two `personalize-jobs list` processes against one emulator sharing one limit on a real redis-server
// (started by the test on a free loopback port; skipped without the binary unless PERSONALIZE_REQUIRE_REDIS is set).
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Emulator from "../../aws/test/utils/emulator.js"
import * as RedisServer from "../../aws/test/utils/redis.js"
import { fake, runCli, solutionVersionArn, wireJobs } from "./fixtures.js"
import * as Processes from "./utils/processes.js"

const refused = (command: string, detail: string) =>
  `Error: ${detail}. Run 'personalize-jobs ${command} --help' for its options.\n`

const key = "effect-personalize:rate-limit:123456789012:us-east-1:ListBatchSegmentJobs"

describe("--rate-limit-store", () => {
  it.effect("a URL that is not redis://HOST:PORT[/DB]: one line, exit code 2, nothing sent", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [string, string, string]> = [
        [
          "list",
          "http://127.0.0.1:6379",
          "Invalid --rate-limit-store: expected a Redis URL, redis://HOST:PORT[/DB] (rediss:// for TLS), got " +
          "'http://127.0.0.1:6379'"
        ],
        [
          "watch",
          "127.0.0.1:6379",
          "Invalid --rate-limit-store: expected a Redis URL, redis://HOST:PORT[/DB] (rediss:// for TLS), got " +
          "'127.0.0.1:6379'"
        ],
        [
          "list",
          "redis://127.0.0.1:65536",
          "Invalid --rate-limit-store: the port of a Redis URL is a whole number from 1 to 65535, got '65536'"
        ],
        [
          "watch",
          "redis://127.0.0.1:port/0",
          "Invalid --rate-limit-store: the port of a Redis URL is a whole number from 1 to 65535, got 'port'"
        ],
        [
          "list",
          "redis://127.0.0.1:/0",
          "Invalid --rate-limit-store: the Redis URL 'redis://127.0.0.1:/0' has ':' but no port after it"
        ],
        [
          "list",
          "redis://127.0.0.1:6379/one",
          "Invalid --rate-limit-store: the database of a Redis URL is a whole number from 0 up (as /0), got 'one'"
        ],
        // a password typed into a malformed URL is not printed
        [
          "list",
          "http://admin:s3cret@127.0.0.1:6379",
          "Invalid --rate-limit-store: expected a Redis URL, redis://HOST:PORT[/DB] (rediss:// for TLS), got " +
          "'http://***@127.0.0.1:6379'"
        ],
        [
          "watch",
          "admin:p@ss@127.0.0.1:6379/0",
          "Invalid --rate-limit-store: expected a Redis URL, redis://HOST:PORT[/DB] (rediss:// for TLS), got " +
          "'***@127.0.0.1:6379/0'"
        ],
        [
          "list",
          "redis://:s3cret@127.0.0.1:/0",
          "Invalid --rate-limit-store: the Redis URL 'redis://***@127.0.0.1:/0' has ':' but no port after it"
        ]
      ]
      for (const [command, url, detail] of cases) {
        const service = fake([wireJobs])
        const result = yield* runCli([command, "--max-rps", "5", "--rate-limit-store", url], service.layer)
        assert.deepStrictEqual(result, { code: 2, stdout: "", stderr: refused(command, detail) }, url)
        assert.strictEqual(service.requests.length, 0, url)
      }
    }))

  it.effect("options that do not go together: one line that says what to pass, exit code 2, nothing sent", () =>
    Effect.gen(function*() {
      const store = ["--rate-limit-store", "redis://127.0.0.1:6379/0"]
      const arn = (account: string) => `arn:aws:personalize:us-east-1:${account}:solution/shoes/1`
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
        [
          ["list", ...store, "--solution-version-arn", solutionVersionArn],
          "Error: --rate-limit-store needs --max-rps: the requests a second that the processes share between them " +
          "all (the account's quota, or less), e.g. --max-rps 20.\n"
        ],
        [
          ["watch", ...store, "--max-rps", "5"],
          "Error: --rate-limit-store needs the AWS account whose quota the processes share: pass " +
          "--rate-limit-account with its 12 digits (or a --solution-version-arn, whose ARN names it).\n"
        ],
        [
          [
            "list",
            ...store,
            "--max-rps",
            "5",
            "--solution-version-arn",
            arn("111122223333"),
            "--solution-version-arn",
            arn("444455556666")
          ],
          "Error: --rate-limit-store shares one account's quota, and the --solution-version-arn ARNs name 2 accounts " +
          "(111122223333, 444455556666). List each account's in a command of its own.\n"
        ],
        [
          [
            "list",
            ...store,
            "--max-rps",
            "5",
            "--rate-limit-account",
            "111122223333",
            "--solution-version-arn",
            arn("444455556666")
          ],
          "Error: --rate-limit-account 111122223333 is not the account of every --solution-version-arn " +
          "(444455556666): one shared limit is one account's quota. List each account's in a command of its own.\n"
        ],
        [
          ["list", "--max-rps", "5", "--rate-limit-store-failure", "fail"],
          "Error: --rate-limit-store-failure only applies to a shared limit: pass --rate-limit-store with it, or " +
          "leave it out.\n"
        ],
        [
          ["watch", "--rate-limit-account", "111122223333"],
          "Error: --rate-limit-account only applies to a shared limit: pass --rate-limit-store with it, or leave it " +
          "out.\n"
        ],
        [
          ["list", ...store, "--max-rps", "5", "--rate-limit-account", "1111-2222-3333"],
          refused(
            "list",
            "Invalid --rate-limit-account: expected the 12 digits of an AWS account, got '1111-2222-3333'"
          )
        ],
        [
          ["watch", ...store, "--max-rps", "5", "--rate-limit-store-failure", "retry"],
          refused("watch", "Invalid --rate-limit-store-failure: expected local or fail, got 'retry'")
        ]
      ]
      for (const [args, stderr] of cases) {
        const service = fake([wireJobs])
        const result = yield* runCli(args, service.layer)
        assert.deepStrictEqual(result, { code: 2, stdout: "", stderr }, args.join(" "))
        assert.strictEqual(service.requests.length, 0, args.join(" "))
      }
    }))

  it.effect("list --help and watch --help show the options of a shared limit, each with what it takes", () =>
    Effect.gen(function*() {
      for (const command of ["list", "watch"]) {
        const help = (yield* runCli([command, "--help"], fake([]).layer)).stdout
        assert.include(
          help,
          " [--max-rps N] [--rate-limit-store URL] [--rate-limit-store-failure local|fail] " +
            "[--rate-limit-account ACCOUNT] [--verbose] ",
          command
        )
        assert.include(help, "\n--rate-limit-store URL\n\n  Share --max-rps with every process", command)
        assert.include(help, "\n--rate-limit-store-failure local|fail\n\n  When Redis does not answer", command)
        assert.include(help, "\n--rate-limit-account ACCOUNT\n\n  The AWS account (12 digits)", command)
      }
    }))

  it.live("Redis not reachable, --rate-limit-store-failure fail: exit code 7 and what to do, nothing sent", () =>
    Effect.gen(function*() {
      const port = yield* Emulator.closedPort
      const service = fake([wireJobs])
      const result = yield* runCli([
        "list",
        "--region",
        "us-east-1",
        "--max-rps",
        "5",
        "--rate-limit-store",
        `redis://127.0.0.1:${port}/0`,
        "--rate-limit-store-failure",
        "fail",
        "--solution-version-arn",
        solutionVersionArn
      ], service.layer)
      assert.deepStrictEqual(result, {
        code: 7,
        stdout: "",
        stderr: `Error: The shared rate limit's store (--rate-limit-store) did not answer for ${key} (connecting to ` +
          `127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}), so the request was not sent. Check that Redis ` +
          "is up and reachable from here, or pass --rate-limit-store-failure local to go on under this command's own " +
          "--max-rps while it is not.\n"
      })
      assert.strictEqual(service.requests.length, 0)
    }))

  it.live("Redis not reachable, local (the default): a warning, then the listing under this command's own --max-rps", () =>
    Effect.gen(function*() {
      const port = yield* Emulator.closedPort
      const service = fake([wireJobs])
      const result = yield* runCli([
        "list",
        "--region",
        "us-east-1",
        "--max-rps",
        "5",
        "--rate-limit-store",
        `redis://127.0.0.1:${port}`,
        "--solution-version-arn",
        solutionVersionArn,
        "--format",
        "ndjson"
      ], service.layer)
      assert.strictEqual(result.code, 0, result.stderr)
      assert.strictEqual(
        result.stderr,
        `Warning: the shared rate limit's store did not answer (connecting to 127.0.0.1:${port}: connect ` +
          `ECONNREFUSED 127.0.0.1:${port}). This command goes on under its own limit of 5 requests a second ` +
          "(--max-rps) to its end.\n"
      )
      assert.strictEqual(result.stdout.trimEnd().split("\n").length, 3)
    }))
})

if (RedisServer.skipReason !== undefined) console.warn(`rateLimitStore.test.ts: skipped, ${RedisServer.skipReason}`)

const env = (endpoint: string): Record<string, string> => ({
  PATH: process.env.PATH ?? "",
  HOME: Os.tmpdir(),
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  AWS_ENDPOINT_URL_PERSONALIZE: endpoint,
  AWS_CONFIG_FILE: Path.join(Os.tmpdir(), "personalize-jobs-rate-limit-no-config"),
  AWS_SHARED_CREDENTIALS_FILE: Path.join(Os.tmpdir(), "personalize-jobs-rate-limit-no-credentials")
})

/** The retries that a throttle caused, as `--log-level warning` prints them. */
const throttles = (run: Processes.Run): number =>
  (run.stderr.toString("utf8").match(/error=ThrottlingException/g) ?? []).length

describe.skipIf(RedisServer.skipReason !== undefined)(
  `--rate-limit-store on a real redis-server${
    RedisServer.skipReason === undefined ? "" : ` (skipped: ${RedisServer.skipReason})`
  }`,
  () => {
    it.live(
      "Redis stopped mid-run, local: the listing goes on, and the core's warning is printed without --log-level",
      () =>
        Effect.gen(function*() {
          const server = yield* RedisServer.start
          const pages = Array.from({ length: 40 }, (_, i) => [{ ...wireJobs[0], jobName: `job-${i}` }])
          const service = fake(pages)
          const listing = yield* Effect.forkChild(runCli([
            "list",
            "--region",
            "us-east-1",
            "--max-rps",
            "20",
            "--rate-limit-store",
            server.url,
            "--solution-version-arn",
            solutionVersionArn,
            "--format",
            "ndjson"
          ], service.layer))
          // once a few requests have gone through the shared limit
          while (service.requests.length < 5) yield* Effect.sleep("20 millis")
          yield* server.kill
          const result = yield* Fiber.join(listing)
          assert.strictEqual(result.code, 0, result.stderr)
          assert.strictEqual(result.stdout.trimEnd().split("\n").length, 40)
          const warnings = result.stderr.split("\n").filter((line) => line.includes("RateLimit: the shared store"))
          assert.strictEqual(warnings.length, 1, result.stderr)
          assert.match(
            warnings[0]!,
            /level=WARN .*message="RateLimit: the shared store failed .*own limit of 20 requests a second/
          )
        }).pipe(Effect.scoped),
      { timeout: 60_000 }
    )

    it.live(
      "two processes at --max-rps 10 against an emulator limited to 10/s: shared, none is throttled; each its own, " +
        "they are",
      () =>
        Effect.gen(function*() {
          const server = yield* RedisServer.start
          // 50 jobs listed a page of one at a time: 100 requests of both processes, 10 seconds at 10 a second; the
          // emulator's burst (15) lets a request come up to 1.5 seconds late (a loaded machine) without a throttle
          const emulator = yield* Emulator.start(["--port", "0", "--generate", "1:50", "--rate-limit", "10/s,burst=15"])
          const list = ["list", "--page-size", "1", "--max-rps", "10", "--format", "ndjson", "--log-level", "warning"]
          const store = ["--rate-limit-store", `${server.url}/0`, "--rate-limit-account", "111122223333"]
          const both = (args: ReadonlyArray<string>) =>
            Effect.all(
              [0, 1].map(() => Processes.run(Processes.bins.effect4, args, env(emulator.endpoint))),
              { concurrency: 2 }
            )
          const shared = yield* both([...list, ...store])
          for (const run of shared) {
            assert.strictEqual(run.code, 0, run.stderr.toString("utf8"))
            assert.strictEqual(run.stdout.toString("utf8").trimEnd().split("\n").length, 50)
            assert.strictEqual(throttles(run), 0, run.stderr.toString("utf8"))
          }
          // the same without the store: 20 a second between them, throttled once the emulator's burst is spent
          const own = yield* both(list)
          assert.isAtLeast(throttles(own[0]!) + throttles(own[1]!), 1, own.map((r) => r.stderr).join("\n"))
        }).pipe(Effect.scoped),
      { timeout: 120_000 }
    )
  }
)
