/**
 * A real redis-server (Debian's package) for the tests of `RateLimit.layerStore`, on a free loopback port, for the
 * duration of a scope: started in its own process group, killed with it when the scope closes, however the test ends.
 * Nothing is saved to disk. Without the binary the tests are skipped, unless `PERSONALIZE_REQUIRE_REDIS` is set (CI
 * sets it): then they fail.
 */
import { Effect } from "effect"
import type { Scope } from "effect"
import * as ChildProcess from "node:child_process"
import * as Net from "node:net"

const binary = "redis-server"

/** Whether redis-server can be started here. */
export const installed: boolean = ChildProcess.spawnSync(binary, ["--version"], { stdio: "ignore" }).status === 0

/** Why the tests of this file are skipped, or `undefined` when they run (they fail when Redis is required). */
export const skipReason: string | undefined = installed || process.env.PERSONALIZE_REQUIRE_REDIS !== undefined
  ? undefined
  : "redis-server is not installed (apt-get install redis-server); set PERSONALIZE_REQUIRE_REDIS=1 to fail instead"

export interface RedisServer {
  readonly url: string
  readonly port: number
  /** Kills the server at once (SIGKILL), as a crash or a lost host would. */
  readonly kill: Effect.Effect<void>
}

const freePort: Effect.Effect<number> = Effect.promise(() =>
  new Promise<number>((resolve, reject) => {
    const server = Net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
)

const killGroup = (child: ChildProcess.ChildProcess) => {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, "SIGKILL")
  } catch {
    // already gone
  }
}

const startOn = (port: number) =>
  Effect.acquireRelease(
    Effect.callback<ChildProcess.ChildProcess, Error>((resume) => {
      const child = ChildProcess.spawn(
        binary,
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "notice"],
        { stdio: ["ignore", "pipe", "pipe"], detached: true }
      )
      let output = ""
      const onData = (chunk: Buffer) => {
        output += String(chunk)
        if (output.includes("Ready to accept connections")) {
          child.stdout!.off("data", onData)
          child.stdout!.resume()
          resume(Effect.succeed(child))
        }
      }
      child.stdout!.on("data", onData)
      child.stderr!.resume()
      child.once("error", (error) => resume(Effect.fail(error)))
      child.once("exit", (code) =>
        resume(Effect.fail(new Error(`redis-server exited with ${code} before it was ready: ${output}`))))
      return Effect.sync(() =>
        killGroup(child)
      )
    }),
    (child) => Effect.sync(() => killGroup(child))
  )

/** A redis-server of its own on a free loopback port, stopped with the scope. */
export const start: Effect.Effect<RedisServer, never, Scope.Scope> = Effect.gen(function*() {
  if (!installed) {
    return yield* Effect.die(new Error("redis-server is not installed, and PERSONALIZE_REQUIRE_REDIS is set"))
  }
  // the port was free a moment ago; another process may take it meanwhile: then another one
  for (let attempt = 1;; attempt++) {
    const port = yield* freePort
    const started = yield* Effect.result(startOn(port))
    if (started._tag === "Success") {
      const child = started.success
      return { url: `redis://127.0.0.1:${port}`, port, kill: Effect.sync(() => killGroup(child)) }
    }
    if (attempt === 5) return yield* Effect.die(started.failure)
  }
})
