/**
 * The processes of the test that compares the editions: the Effect 3 edition's emulator (`packages/emulator`, its
 * build) on port 0, and a CLI run, each in a process group of its own, killed with the group when the scope
 * closes, however the test ends.
 */
import { Effect } from "effect"
import type { Scope } from "effect"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Path from "node:path"
import * as Readline from "node:readline"
import { fileURLToPath } from "node:url"

const root = Path.join(Path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "..")

/** The built programs: `tsc -b` makes them (scripts/test-effect4.mjs builds the Effect 3 ones it needs). */
export const bins = {
  emulator: Path.join(root, "packages", "emulator", "dist", "bin.js"),
  effect3: Path.join(root, "packages", "cli", "dist", "bin.js"),
  effect4: Path.join(root, "editions", "effect4", "cli", "dist", "bin.js")
} as const

const killGroup = (child: ChildProcess.ChildProcess) => {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, "SIGKILL")
    } catch {
      // already gone
    }
  }
}

const missing = (bin: string) => new Error(`${bin} is missing: run \`npx tsc -b\` for its package first`)

/** The emulator with these options, until the scope closes; its endpoint. */
export const emulator = (args: ReadonlyArray<string>): Effect.Effect<string, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.promise(() => {
      if (!Fs.existsSync(bins.emulator)) return Promise.reject(missing(bins.emulator))
      const child = ChildProcess.spawn(process.execPath, [bins.emulator, "--port", "0", ...args], {
        stdio: ["ignore", "pipe", "pipe"],
        detached: true
      })
      let stderr = ""
      child.stderr!.on("data", (chunk) => (stderr += String(chunk)))
      return new Promise<{ child: ChildProcess.ChildProcess; endpoint: string }>((resolve, reject) => {
        const lines = Readline.createInterface({ input: child.stdout! })
        lines.once("line", (line) => resolve({ child, endpoint: line.trim() }))
        child.once("exit", (code) => reject(new Error(`the emulator exited with ${code} before its URL: ${stderr}`)))
      })
    }),
    ({ child }) => Effect.sync(() => killGroup(child))
  ).pipe(Effect.map(({ endpoint }) => endpoint))

/** How a run ended, with the exact bytes it printed. */
export interface Run {
  readonly code: number | null
  readonly stdout: Buffer
  readonly stderr: Buffer
}

/**
 * Runs a program of `bins` with these arguments and environment under this Node, to its end (at most `timeout`
 * ms, a limit against a hang far above what a run takes on a loaded machine).
 */
export const run = (
  bin: string,
  args: ReadonlyArray<string>,
  env: Record<string, string>,
  timeout = 120_000
): Effect.Effect<Run, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() => {
      if (!Fs.existsSync(bin)) throw missing(bin)
      return ChildProcess.spawn(process.execPath, [bin, ...args], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true
      })
    }),
    (child) => Effect.sync(() => killGroup(child))
  ).pipe(
    Effect.flatMap((child) =>
      Effect.promise(() =>
        new Promise<Run>((resolve, reject) => {
          const out: Array<Buffer> = []
          const err: Array<Buffer> = []
          child.stdout!.on("data", (chunk: Buffer) => out.push(chunk))
          child.stderr!.on("data", (chunk: Buffer) => err.push(chunk))
          const timer = setTimeout(
            () => reject(new Error(`${bin} ${args.join(" ")}: no end after ${timeout} ms`)),
            timeout
          )
          child.once("close", (code) => {
            clearTimeout(timer)
            resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) })
          })
        })
      )
    )
  )
