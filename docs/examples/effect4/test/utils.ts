/**
 * What the recipes' tests need beside this edition's emulator (`@effect-personalize/emulator`, in memory or over
 * HTTP): seed jobs, a local HTTP server for what a recipe posts, what a program prints, and a recipe as a script, as
 * a user runs it.
 */
import { PersonalizeAws } from "@effect-personalize/aws"
import { PersonalizeEmulator } from "@effect-personalize/emulator"
import { Console, Effect } from "effect"
import type { Scope } from "effect"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as Os from "node:os"
import * as Path from "node:path"
export const root = Path.join(import.meta.dirname, "..", "..", "..", "..")

/** A folder of its own for the scope, removed with it. */
export const tempDir: Effect.Effect<string, never, Scope.Scope> = Effect.acquireRelease(
  Effect.sync(() => Fs.mkdtempSync(Path.join(Os.tmpdir(), "effect4-recipes-"))),
  (dir) => Effect.sync(() => Fs.rmSync(dir, { recursive: true, force: true }))
)

const arn = (kind: string, name: string) => `arn:aws:personalize:us-east-1:123456789012:${kind}/${name}`
export const solutionVersion = arn("solution", "shoes/1a2b3c4d")

/** A job to seed the emulator with, created (and last updated) at `created`, an ISO 8601 string. */
export const job = (
  name: string,
  status: string,
  created: string,
  extra: Partial<PersonalizeEmulator.SeedJob> = {}
): PersonalizeEmulator.SeedJob => ({
  batchSegmentJobArn: arn("batch-segment-job", name),
  jobName: name,
  status,
  creationDateTime: created,
  lastUpdatedDateTime: created,
  solutionVersionArn: solutionVersion,
  ...extra
})

/** The AWS SDK's client (the `aws` package) pointed at an endpoint, with the emulator's test key pair. */
export const client = (endpoint: string) =>
  PersonalizeAws.layer({ region: "us-east-1", endpoint, credentials: PersonalizeEmulator.testCredentials })

/** A local HTTP server for the scope; `handle` gets each request's path and body. Its URL, without a path. */
export const localServer = (
  handle: (path: string, body: Buffer, res: Http.ServerResponse) => void
): Effect.Effect<string, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.callback<Http.Server>((resume) => {
      const server = Http.createServer((req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (chunk: Buffer) => chunks.push(chunk))
        req.on("end", () => handle(req.url ?? "", Buffer.concat(chunks), res))
      })
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
    }),
    (server) =>
      Effect.callback<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`))

/** What a program prints with `Console.log`, line by line. */
export const captureConsole = Effect.sync(() => {
  const lines: Array<string> = []
  const console: Console.Console = {
    ...globalThis.console,
    log: (...args: ReadonlyArray<unknown>) => void lines.push(args.map(String).join(" "))
  }
  return {
    lines,
    run: <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.provideService(self, Console.Console, console)
  }
})

/** How a script ended, with what it printed. */
export interface ScriptResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs `docs/examples/effect4/<name>.ts` with tsx, under this Node, in `cwd`, with `env`; in a process group of its
 * own, killed with the scope however the test ends (tsx starts a node process of its own).
 */
export const script = (
  name: string,
  options: { readonly cwd: string; readonly env: Record<string, string | undefined> }
): Effect.Effect<ScriptResult, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const tsx = Path.join(root, "node_modules", "tsx", "dist", "cli.mjs")
      const file = Path.join(import.meta.dirname, "..", `${name}.ts`)
      const child = ChildProcess.spawn(process.execPath, [tsx, file], {
        cwd: options.cwd,
        env: options.env,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true
      })
      let stdout = ""
      let stderr = ""
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
      const result = new Promise<ScriptResult>((resolve) =>
        child.on("close", (code) => resolve({ code, stdout, stderr }))
      )
      return { child, result }
    }),
    ({ child }) =>
      Effect.sync(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL")
        } catch {
          // the group is already gone
        }
      })
  ).pipe(Effect.flatMap(({ result }) => Effect.promise(() => result)))
