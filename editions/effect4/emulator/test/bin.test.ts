import { ListBatchSegmentJobsCommand } from "@aws-sdk/client-personalize"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Net from "node:net"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Readline from "node:readline"
import { fileURLToPath } from "node:url"
import { sdk } from "./utils.js"

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url))

/** The environment of this test without the emulator's secret, should the one running the tests have set it. */
const withoutSecret = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== "PERSONALIZE_EMULATOR_SECRET_ACCESS_KEY")
)

/** `script` from util-linux, which runs a command on a pseudo-terminal of its own: stdout is then a terminal. */
const hasScript = process.platform === "linux" && ChildProcess.spawnSync("script", ["--version"]).status === 0

interface Running {
  readonly child: ChildProcess.ChildProcess
  readonly url: string
  readonly stderr: () => string
  readonly exit: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>
}

/** Kills a process group, if anything is left of it. */
const killGroup = (pid: number | undefined) => {
  if (pid === undefined) return
  try {
    process.kill(-pid, "SIGKILL")
  } catch {
    // ESRCH: the group is already gone
  }
}

/**
 * Spawns a program in a process group of its own; the whole group is killed when the scope closes, whatever
 * happened in the test.
 */
const spawnScoped = (
  command: string,
  args: ReadonlyArray<string>,
  options: { readonly env?: NodeJS.ProcessEnv | undefined } = {}
) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const child = ChildProcess.spawn(command, args, {
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
        env: options.env ?? process.env
      })
      let stdout = ""
      let stderr = ""
      child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
      child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
      const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on("exit", (code, signal) => resolve({ code, signal }))
      )
      const closed = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
        child.on("close", (code) => resolve({ code, stdout, stderr }))
      )
      return { child, exit, closed, stdout: () => stdout, stderr: () => stderr }
    }),
    ({ child }) => Effect.sync(() => killGroup(child.pid))
  )

const built = Effect.suspend(() =>
  Fs.existsSync(bin)
    ? Effect.void
    : Effect.die(new Error(`${bin} is missing: run \`npx tsc -b packages/emulator\` first`))
)

/** Runs the built command to its end (at most 20 seconds): its exit code and what it printed. */
const runToEnd = (args: ReadonlyArray<string>, env?: NodeJS.ProcessEnv) =>
  Effect.andThen(built, spawnScoped(process.execPath, [bin, ...args], { env })).pipe(
    Effect.flatMap((spawned) => Effect.promise(() => spawned.closed)),
    Effect.timeoutOrElse({
      duration: "20 seconds",
      orElse: () => Effect.fail(new Error(`did not end: ${args.join(" ")}`))
    }),
    Effect.scoped
  )

// Spawns the built command and reads the endpoint from the first line of its stdout.
const start = (args: ReadonlyArray<string>, env?: NodeJS.ProcessEnv) =>
  Effect.gen(function*() {
    yield* built
    const { child, exit, stderr } = yield* spawnScoped(process.execPath, [bin, ...args], { env })
    const url = yield* Effect.promise(() =>
      new Promise<string>((resolve, reject) => {
        const lines = Readline.createInterface({ input: child.stdout! })
        lines.once("line", (line) => resolve(line))
        child.once("exit", (code) => reject(new Error(`exited with ${code} before printing its URL: ${stderr()}`)))
      })
    )
    return { child, url, stderr, exit } satisfies Running
  })

const stop = (running: Running) =>
  Effect.promise(() => {
    running.child.kill("SIGTERM")
    return running.exit
  }).pipe(
    Effect.timeoutOrElse({ duration: "5 seconds", orElse: () => Effect.fail(new Error("did not exit after SIGTERM")) })
  )

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

        const refused = yield* runToEnd(["--rate-limit", "5"])
        assert.strictEqual(refused.code, 2, "a usage error")
        assert.match(
          refused.stderr,
          /^personalize-emulator: --rate-limit expects REQUESTS\/s\[,burst=N\]\[,retry-after=SECONDS\], e.g. 5\/s/
        )
      }).pipe(Effect.scoped),
    { timeout: 20_000 }
  )

  it.live(
    "a command line it cannot run with: exit code 2 and one line on stderr that names the option",
    () =>
      Effect.gen(function*() {
        const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "emulator-bin-"))
        yield* Effect.addFinalizer(() => Effect.sync(() => Fs.rmSync(dir, { recursive: true, force: true })))
        const badSeed = Path.join(dir, "jobs.json")
        Fs.writeFileSync(badSeed, JSON.stringify([{ jobName: "no-arn" }]))
        const missing = Path.join(dir, "missing.json")
        // a port in use: this test's own listener
        const listener = Net.createServer()
        yield* Effect.acquireRelease(
          Effect.callback<void>((resume) => void listener.listen(0, "127.0.0.1", () => resume(Effect.void))),
          () => Effect.callback<void>((resume) => void listener.close(() => resume(Effect.void)))
        )
        const busy = (listener.address() as Net.AddressInfo).port
        const cases: ReadonlyArray<readonly [ReadonlyArray<string>, RegExp]> = [
          [["--port", "99999"], /^--port expects a whole number from 0 to 65535 \(0 picks a free port\), got 99999$/],
          [["--port", "abc"], /^--port expects a whole number from 0 to 65535 .*, got "abc"/],
          [["--fault-rate", "NaN"], /^--fault-rate expects a number from 0 to 1, got "NaN"/],
          [["--fault-rate", "1.5"], /^--fault-rate expects a number from 0 to 1, got 1.5$/],
          [["--token-ttl", "-5"], /^--token-ttl expects a whole number of seconds of at least 1, got -5$/],
          [
            ["--fault-kinds", "throttle"],
            /^--fault-kinds .*: give --fault-rate too, e.g. --fault-rate 0.1 --fault-kinds/
          ],
          [
            ["--port", String(busy)],
            new RegExp(`^--port ${busy}: 127\\.0\\.0\\.1:${busy} is in use \\(EADDRINUSE\\); `)
          ],
          [["--seed-file", badSeed], /^--seed-file .*jobs\.json: \[0\]\.batchSegmentJobArn is missing$/],
          [["--seed-file", missing], /^--seed-file .*missing\.json: cannot read the file \(ENOENT: no such file/],
          [["--access-key-id", "AKIDNOSECRET"], /^--access-key-id needs its secret: set PERSONALIZE_EMULATOR_SECRET_/],
          [["--generate", "many"], /^--generate expects SOLUTION_VERSIONS:JOBS_EACH, got "many"$/],
          [["--bogus"], /^Received unknown argument: '--bogus' \(see personalize-emulator --help\)$/]
        ]
        const results = yield* Effect.forEach(cases, ([args]) => runToEnd(args, withoutSecret), { concurrency: 3 })
        cases.forEach(([args, line], i) => {
          const { code, stderr, stdout } = results[i]
          const what = args.join(" ")
          assert.strictEqual(code, 2, what)
          assert.strictEqual(stdout, "", what)
          assert.match(stderr, /^personalize-emulator: [^\n]*\n$/, `one line for ${what}: ${stderr}`)
          assert.match(stderr.slice("personalize-emulator: ".length, -1), line, what)
        })
      }).pipe(Effect.scoped),
    { timeout: 60_000 }
  )

  it.live("--help into a pipe or with NO_COLOR has no escape codes", () =>
    Effect.gen(function*() {
      const env = { ...process.env, NO_COLOR: "" }
      const piped = yield* runToEnd(["--help"], env)
      assert.strictEqual(piped.code, 0)
      assert.include(piped.stdout, "--secret-access-key")
      assert.notInclude(piped.stdout, "\u001b")
      if (!hasScript) return
      // on a pseudo-terminal (util-linux `script`), styled unless NO_COLOR says no
      const onTerminal = (env: NodeJS.ProcessEnv) => {
        const line = [process.execPath, bin, "--help"].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(" ")
        return Effect.andThen(
          built,
          spawnScoped("script", ["--quiet", "--return", "--command", line, "/dev/null"], { env })
        )
          .pipe(Effect.flatMap((spawned) => Effect.promise(() => spawned.closed)), Effect.scoped)
      }
      const styled = yield* onTerminal(env)
      assert.include(styled.stdout, "--secret-access-key")
      assert.include(styled.stdout, "\u001b[", "styled on a terminal")
      const plain = yield* onTerminal({ ...env, NO_COLOR: "1" })
      assert.include(plain.stdout, "--secret-access-key")
      assert.notInclude(plain.stdout, "\u001b")
    }), { timeout: 30_000 })

  it.live(
    "takes the secret access key from PERSONALIZE_EMULATOR_SECRET_ACCESS_KEY, not only from its arguments",
    () =>
      Effect.gen(function*() {
        const secret = "secret-from-the-environment"
        const running = yield* start(["--access-key-id", "AKIDFROMENV"], {
          ...process.env,
          PERSONALIZE_EMULATOR_SECRET_ACCESS_KEY: secret
        })
        assert.notInclude(running.child.spawnargs.join(" "), secret, "not on the command line")
        const client = yield* sdk(running.url, { accessKeyId: "AKIDFROMENV", secretAccessKey: secret })
        const out = yield* Effect.promise(() => client.send(new ListBatchSegmentJobsCommand({})))
        assert.deepStrictEqual(out.batchSegmentJobs, [])
        const wrong = yield* sdk(running.url, { accessKeyId: "AKIDFROMENV", secretAccessKey: "another-secret" })
        const e = yield* Effect.flip(
          Effect.tryPromise({ try: () => wrong.send(new ListBatchSegmentJobsCommand({})), catch: (e) => e as Error })
        )
        assert.strictEqual(e.name, "InvalidSignatureException")
        assert.strictEqual((yield* stop(running)).code, 0)
        assert.match(running.stderr(), /signatures verified with the key of --access-key-id/)
        assert.notInclude(running.stderr(), secret)
        // a secret without its key id is refused, wherever it comes from
        const alone = yield* runToEnd([], { ...process.env, PERSONALIZE_EMULATOR_SECRET_ACCESS_KEY: secret })
        assert.strictEqual(alone.code, 2)
        assert.match(alone.stderr, /^personalize-emulator: a secret access key .* needs --access-key-id/)
        assert.notInclude(alone.stderr, secret)
      }).pipe(Effect.scoped),
    { timeout: 20_000 }
  )
})
