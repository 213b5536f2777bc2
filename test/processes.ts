import type { Scope } from "effect"
import { Duration, Effect } from "effect"
import { spawn } from "node:child_process"

/** How a process ended, with everything it printed. */
export interface Result {
  readonly code: number | null
  readonly signal: string | null
  readonly stdout: string
  readonly stderr: string
}

/** A process started by `spawnScoped`. */
export interface Child {
  readonly stdout: () => string
  readonly stderr: () => string
  readonly kill: (signal: NodeJS.Signals) => void
  /** The end of the process; a defect once the process's time limit has passed. */
  readonly result: Effect.Effect<Result>
}

/** Kills a process group, if anything is left of it. */
export const killGroup = (pid: number | undefined) => {
  if (pid === undefined) return
  try {
    process.kill(-pid, "SIGKILL")
  } catch {
    // ESRCH: the group is already gone
  }
}

/**
 * Starts a program in a process group of its own; the whole group (the program and whatever it started, such as
 * the node process that `tsx` starts) is killed when the scope closes, whatever happened: the test passed, failed,
 * or was interrupted at its time limit.
 *
 * `timeout` bounds this one process (default 60 seconds): a limit against a hang, far above what the process takes
 * on a loaded machine, so that each process has its own limit and a test's limit is not shared by many of them.
 */
export const spawnScoped = (
  command: string,
  args: ReadonlyArray<string>,
  options: {
    readonly env: Record<string, string | undefined>
    readonly cwd?: string | undefined
    readonly timeout?: Duration.DurationInput | undefined
  }
): Effect.Effect<Child, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const child = spawn(command, args, {
        env: options.env,
        cwd: options.cwd,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true
      })
      let stdout = ""
      let stderr = ""
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
      const closed = new Promise<Result>((resolve) =>
        child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }))
      )
      const limit = Duration.decode(options.timeout ?? "60 seconds")
      return {
        process: child,
        stdout: () => stdout,
        stderr: () => stderr,
        kill: (signal: NodeJS.Signals) => void child.kill(signal),
        result: Effect.promise(() => closed).pipe(
          Effect.timeoutFail({
            duration: limit,
            onTimeout: () =>
              new Error(
                `timed out after ${Duration.format(limit)}: ${[command, ...args].join(" ")}\n${stdout}\n${stderr}`
              )
          }),
          Effect.orDie
        )
      }
    }),
    (child) => Effect.sync(() => killGroup(child.process.pid))
  )
