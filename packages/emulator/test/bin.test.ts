import { ListBatchSegmentJobsCommand } from "@aws-sdk/client-personalize"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Readline from "node:readline"
import { fileURLToPath } from "node:url"
import { sdk } from "./utils.js"

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url))

interface Running {
  readonly child: ChildProcess.ChildProcess
  readonly url: string
  readonly stderr: () => string
  readonly exit: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>
}

// Spawns the built command and reads the endpoint from the first line of its stdout.
const start = (args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.promise(() => {
      if (!Fs.existsSync(bin)) throw new Error(`${bin} is missing: run \`npx tsc -b packages/emulator\` first`)
      const child = ChildProcess.spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] })
      let stderr = ""
      child.stderr!.on("data", (chunk) => (stderr += String(chunk)))
      const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on("exit", (code, signal) => resolve({ code, signal }))
      )
      const firstLine = new Promise<string>((resolve, reject) => {
        const lines = Readline.createInterface({ input: child.stdout! })
        lines.once("line", (line) => resolve(line))
        child.once("exit", (code) => reject(new Error(`exited with ${code} before printing its URL: ${stderr}`)))
      })
      return firstLine.then((url): Running => ({ child, url, stderr: () => stderr, exit }))
    }),
    ({ child }) => Effect.sync(() => child.exitCode === null && child.signalCode === null && child.kill("SIGKILL"))
  )

const stop = (running: Running) =>
  Effect.promise(() => {
    running.child.kill("SIGTERM")
    return running.exit
  }).pipe(Effect.timeoutFail({ duration: "5 seconds", onTimeout: () => new Error("did not exit after SIGTERM") }))

describe("personalize-emulator (the built command)", () => {
  it.live("prints its URL first, answers the SDK, and exits 0 on SIGTERM", () =>
    Effect.gen(function*() {
      const running = yield* start(["--generate", "2:5", "--random-seed", "3"])
      assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+$/)
      const client = yield* sdk(running.url)
      const out = yield* Effect.promise(() => client.send(new ListBatchSegmentJobsCommand({ maxResults: 100 })))
      assert.strictEqual(out.batchSegmentJobs!.length, 10)
      const exit = yield* stop(running)
      assert.deepStrictEqual(exit, { code: 0, signal: null })
      assert.notInclude(running.stderr(), "wJalrXUtnFEMI")
    }).pipe(Effect.scoped), { timeout: 20_000 })

  it.live("takes `pnpm emulator -- ...` arguments (a leading --) and a response time", () =>
    Effect.gen(function*() {
      const running = yield* start(["--", "--generate", "1:3", "--response-time", "150"])
      const client = yield* sdk(running.url)
      const started = Date.now()
      const out = yield* Effect.promise(() => client.send(new ListBatchSegmentJobsCommand({})))
      assert.strictEqual(out.batchSegmentJobs!.length, 3)
      assert.isAtLeast(Date.now() - started, 150)
      assert.deepStrictEqual(yield* stop(running), { code: 0, signal: null })
    }).pipe(Effect.scoped), { timeout: 20_000 })

  it.live("takes credentials and faults from its options, and never prints the secret", () =>
    Effect.gen(function*() {
      const running = yield* start([
        "--access-key-id",
        "AKIDCLITEST",
        "--secret-access-key",
        "cli-secret-value",
        "--fault-rate",
        "1",
        "--fault-kinds",
        "throttle"
      ])
      const client = yield* sdk(running.url, { accessKeyId: "AKIDCLITEST", secretAccessKey: "cli-secret-value" })
      const e = yield* Effect.flip(
        Effect.tryPromise({ try: () => client.send(new ListBatchSegmentJobsCommand({})), catch: (e) => e as Error })
      )
      assert.strictEqual(e.name, "ThrottlingException")
      const other = yield* sdk(running.url)
      const unknown = yield* Effect.flip(
        Effect.tryPromise({ try: () => other.send(new ListBatchSegmentJobsCommand({})), catch: (e) => e as Error })
      )
      assert.strictEqual(unknown.name, "UnrecognizedClientException")
      const exit = yield* stop(running)
      assert.strictEqual(exit.code, 0)
      assert.notInclude(running.stderr(), "cli-secret-value")
    }).pipe(Effect.scoped), { timeout: 20_000 })

  it.live(
    "--rate-limit throttles beyond the rate; a malformed one is refused with what it expects",
    () =>
      Effect.gen(function*() {
        // a token every 100 s: the third request is throttled however slowly the machine sends the three
        const running = yield* start(["--generate", "1:3", "--rate-limit", "0.01/s,burst=2", "--request-log-size", "5"])
        const client = yield* sdk(running.url)
        const send = Effect.promise(() =>
          client.send(new ListBatchSegmentJobsCommand({})).then(() => "ok", (e: Error) => `${e.name}: ${e.message}`)
        )
        assert.deepStrictEqual([yield* send, yield* send, yield* send], [
          "ok",
          "ok",
          "ThrottlingException: Rate exceeded"
        ])
        assert.deepStrictEqual(yield* stop(running), { code: 0, signal: null })
        assert.match(running.stderr(), /rate limit 0\.01\/s per account, burst 2/)
        assert.match(running.stderr(), /stopped after 3 request\(s\): 2 page\(s\), 1 throttled, 0 fault\(s\) injected/)

        const child = ChildProcess.spawn(process.execPath, [bin, "--rate-limit", "5"], {
          stdio: ["ignore", "ignore", "pipe"]
        })
        let stderr = ""
        child.stderr!.on("data", (chunk) => (stderr += String(chunk)))
        const code = yield* Effect.promise(() => new Promise<number | null>((resolve) => child.on("close", resolve)))
        assert.strictEqual(code, 2, "a usage error")
        assert.match(
          stderr,
          /^personalize-emulator: --rate-limit expects REQUESTS\/s\[,burst=N\]\[,retry-after=SECONDS\], e.g. 5\/s/
        )
      }).pipe(Effect.scoped),
    { timeout: 20_000 }
  )

  it.live("rejects a malformed option and exits non-zero", () =>
    Effect.gen(function*() {
      const child = ChildProcess.spawn(process.execPath, [bin, "--generate", "many"], { stdio: "ignore" })
      const code = yield* Effect.promise(() => new Promise<number | null>((resolve) => child.on("exit", resolve))).pipe(
        Effect.timeoutFail({ duration: "10 seconds", onTimeout: () => new Error("did not exit") })
      )
      assert.notStrictEqual(code, 0)
    }), { timeout: 20_000 })
})
