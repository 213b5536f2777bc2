/**
 * This edition's emulator (`editions/effect4/emulator`, its build: its `personalize-emulator` bin) as a child process
 * on port 0, for the duration of a scope, reached over HTTP as a real service would be. Started in its own process
 * group, killed with the group when the scope closes, however the test ends.
 */
import { Effect, Redacted } from "effect"
import type { Scope } from "effect"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Net from "node:net"
import * as Path from "node:path"
import * as Readline from "node:readline"
import { fileURLToPath } from "node:url"

// the repository's root: the first folder up from here with editions/effect4/emulator (from the sources, or from their build
// under .tsbuild, as the fleet's bench runs it)
const root = (dir: string): string =>
  Fs.existsSync(Path.join(dir, "editions", "effect4", "emulator")) || Path.dirname(dir) === dir
    ? dir
    : root(Path.dirname(dir))

const bin = Path.join(
  root(Path.dirname(fileURLToPath(import.meta.url))),
  "editions",
  "effect4",
  "emulator",
  "dist",
  "bin.js"
)

/** The emulator's documented test key pair (`PersonalizeEmulator.testCredentials`). */
export const testCredentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: Redacted.make("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
}

export interface Emulator {
  readonly endpoint: string
  readonly stderr: () => string
}

export const start = (args: ReadonlyArray<string>): Effect.Effect<Emulator, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.promise(() => {
      if (!Fs.existsSync(bin)) {
        return Promise.reject(new Error(`${bin} is missing: run \`npx tsc -b editions/effect4/emulator\` first`))
      }
      const child = ChildProcess.spawn(process.execPath, [bin, ...args], {
        stdio: ["ignore", "pipe", "pipe"],
        detached: true
      })
      let stderr = ""
      child.stderr!.on("data", (chunk) => (stderr += String(chunk)))
      return new Promise<{ child: ChildProcess.ChildProcess; emulator: Emulator }>((resolve, reject) => {
        const lines = Readline.createInterface({ input: child.stdout! })
        lines.once("line", (line) => resolve({ child, emulator: { endpoint: line.trim(), stderr: () => stderr } }))
        child.once("exit", (code) => reject(new Error(`the emulator exited with ${code} before its URL: ${stderr}`)))
      })
    }),
    ({ child }) =>
      Effect.sync(() => {
        if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
          try {
            process.kill(-child.pid, "SIGKILL")
          } catch {
            // already gone
          }
        }
      })
  ).pipe(Effect.map(({ emulator }) => emulator))

/** A port on 127.0.0.1 where nothing listens (bound, then closed). */
export const closedPort: Effect.Effect<number> = Effect.promise(() =>
  new Promise<number>((resolve) => {
    const server = Net.createServer()
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
)
