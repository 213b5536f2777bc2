/**
 * An emulator's bin as a child process on port 0, for the duration of a scope: the Effect 3 edition's
 * (`packages/emulator/dist/bin.js`) or this edition's (`dist/bin.js`), each under the Node that runs the tests. Started
 * in a process group of its own and killed with the group when the scope closes, however the test ends.
 */
import type { Scope } from "effect"
import { Effect } from "effect"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Path from "node:path"
import * as Readline from "node:readline"
import { fileURLToPath } from "node:url"

const here = Path.dirname(fileURLToPath(import.meta.url))

/** The two bins: the Effect 3 edition's and this edition's, from their builds. */
export const bins = {
  effect3: Path.join(here, "..", "..", "..", "..", "..", "packages", "emulator", "dist", "bin.js"),
  effect4: Path.join(here, "..", "..", "dist", "bin.js")
} as const

/** Kills a process group, if anything is left of it. */
export const killGroup = (pid: number | undefined) => {
  if (pid === undefined) return
  try {
    process.kill(-pid, "SIGKILL")
  } catch {
    // ESRCH: the group is already gone
  }
}

/** The environment of the tests without the emulator's secret, should the one running them have set it. */
export const withoutSecret: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== "PERSONALIZE_EMULATOR_SECRET_ACCESS_KEY")
)

export interface Running {
  readonly child: ChildProcess.ChildProcess
  readonly url: string
  readonly stderr: () => string
  readonly exit: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>
}

const built = (bin: string) =>
  Effect.suspend(() =>
    Fs.existsSync(bin)
      ? Effect.void
      : Effect.die(new Error(`${bin} is missing: run \`node scripts/test-effect4.mjs\`, which builds it`))
  )

const spawnScoped = (bin: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv | undefined) =>
  Effect.acquireRelease(
    Effect.andThen(
      built(bin),
      Effect.sync(() => {
        const child = ChildProcess.spawn(process.execPath, [bin, ...args], {
          stdio: ["ignore", "pipe", "pipe"],
          detached: true,
          env: env ?? withoutSecret
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
      })
    ),
    ({ child }) => Effect.sync(() => killGroup(child.pid))
  )

/** Starts a bin and reads its URL from the first line of its stdout. */
export const start = (
  bin: string,
  args: ReadonlyArray<string>,
  env?: NodeJS.ProcessEnv
): Effect.Effect<Running, never, Scope.Scope> =>
  Effect.gen(function*() {
    const { child, exit, stderr } = yield* spawnScoped(bin, args, env)
    const url = yield* Effect.promise(() =>
      new Promise<string>((resolve, reject) => {
        const lines = Readline.createInterface({ input: child.stdout! })
        lines.once("line", (line) => resolve(line))
        child.once("exit", (code) => reject(new Error(`exited with ${code} before printing its URL: ${stderr()}`)))
      })
    )
    return { child, url, stderr, exit }
  })

/** Runs a bin to its end (at most 20 seconds): its exit code and what it printed. */
export const runToEnd = (bin: string, args: ReadonlyArray<string>, env?: NodeJS.ProcessEnv) =>
  spawnScoped(bin, args, env).pipe(
    Effect.flatMap((spawned) => Effect.promise(() => spawned.closed)),
    Effect.timeoutOrElse({
      duration: "20 seconds",
      orElse: () => Effect.die(new Error(`did not end: ${args.join(" ")}`))
    }),
    Effect.scoped
  )

/** Stops a running bin with SIGTERM: how it exited. */
export const stop = (running: Running) =>
  Effect.promise(() => {
    running.child.kill("SIGTERM")
    return running.exit
  }).pipe(
    Effect.timeoutOrElse({
      duration: "5 seconds",
      orElse: () => Effect.die(new Error("did not exit after SIGTERM"))
    })
  )
