/**
 * What the recipes' tests run them against: the Effect 3 edition's emulator as a process over HTTP (the Effect 4
 * edition has no emulator yet), seeded from a file; a proxy in front of it for the faults that its command has no
 * option for; a local HTTP server for what a recipe posts; and a recipe as a script, as a user runs it.
 */
import { PersonalizeAws } from "@effect-personalize/aws"
import { Console, Effect } from "effect"
import type { Scope } from "effect"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as Os from "node:os"
import * as Path from "node:path"
import { start, testCredentials } from "../../../../editions/effect4/aws/test/utils/emulator.js"

export { testCredentials }

export const root = Path.join(import.meta.dirname, "..", "..", "..", "..")

/** A folder of its own for the scope, removed with it. */
export const tempDir: Effect.Effect<string, never, Scope.Scope> = Effect.acquireRelease(
  Effect.sync(() => Fs.mkdtempSync(Path.join(Os.tmpdir(), "effect4-recipes-"))),
  (dir) => Effect.sync(() => Fs.rmSync(dir, { recursive: true, force: true }))
)

/** A job of a seed file (the emulator's `--seed-file`: timestamps as ISO strings, a lifecycle as durations). */
export interface SeedJob {
  readonly batchSegmentJobArn: string
  readonly jobName?: string
  readonly status?: string
  readonly creationDateTime?: string
  readonly lastUpdatedDateTime?: string
  readonly failureReason?: string
  readonly solutionVersionArn?: string
  readonly lifecycle?: {
    readonly pendingFor?: string
    readonly runFor?: string
    readonly outcome?: "ACTIVE" | "CREATE FAILED"
    readonly failureReason?: string
  }
}

const arn = (kind: string, name: string) => `arn:aws:personalize:us-east-1:123456789012:${kind}/${name}`
export const solutionVersion = arn("solution", "shoes/1a2b3c4d")

export const job = (name: string, status: string, created: string, extra: Partial<SeedJob> = {}): SeedJob => ({
  batchSegmentJobArn: arn("batch-segment-job", name),
  jobName: name,
  status,
  creationDateTime: created,
  lastUpdatedDateTime: created,
  solutionVersionArn: solutionVersion,
  ...extra
})

export interface Emulator {
  readonly endpoint: string
}

/** The emulator's command on port 0 for the scope: `--generate`, `--random-seed`, ... or `seed` as its seed file. */
export const emulator = (
  options: { readonly args?: ReadonlyArray<string>; readonly seed?: ReadonlyArray<SeedJob> }
): Effect.Effect<Emulator, never, Scope.Scope> =>
  Effect.gen(function*() {
    const args = [...(options.args ?? [])]
    if (options.seed !== undefined) {
      const file = Path.join(yield* tempDir, "seed.json")
      Fs.writeFileSync(file, JSON.stringify(options.seed))
      args.push("--seed-file", file)
    }
    return yield* start(args)
  })

/** The AWS SDK's client (the `aws` package) pointed at an endpoint, with the emulator's test key pair. */
export const client = (endpoint: string) =>
  PersonalizeAws.layer({ region: "us-east-1", endpoint, credentials: testCredentials })

/** An answer a proxy gives instead of forwarding the request. */
export type Fault = "throttle" | "wrongTypes"

export interface Proxy {
  readonly endpoint: string
  /** The body of every request, in order of arrival (faulted ones too). */
  readonly requests: ReadonlyArray<Record<string, unknown>>
}

/**
 * An HTTP server that forwards each request to `target` (an emulator started with `--no-verify-signatures`: the
 * signature covers the host), unless `fault` answers it: the n-th request (1 for the first) and its body.
 */
export const proxy = (
  target: string,
  fault: (n: number, body: Record<string, unknown>) => Fault | undefined
): Effect.Effect<Proxy, never, Scope.Scope> =>
  Effect.gen(function*() {
    const requests: Array<Record<string, unknown>> = []
    const server = Http.createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8")
        const body = JSON.parse(text === "" ? "{}" : text) as Record<string, unknown>
        requests.push(body)
        const answer = fault(requests.length, body)
        const type = { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": `proxy-${requests.length}` }
        if (answer === "throttle") {
          res.writeHead(400, type).end(JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }))
        } else if (answer === "wrongTypes") {
          res.writeHead(200, type).end(JSON.stringify({ batchSegmentJobs: [{ jobName: 42, status: ["ACTIVE"] }] }))
        } else {
          const headers = Object.fromEntries(
            Object.entries(req.headers).filter(([name]) => name !== "host" && name !== "content-length")
          ) as Record<string, string>
          fetch(target, { method: "POST", headers, body: text }).then(
            async (response) => {
              const headers: Record<string, string> = {}
              response.headers.forEach((value, name) => {
                if (name !== "content-length" && name !== "content-encoding") headers[name] = value
              })
              res.writeHead(response.status, headers).end(await response.text())
            },
            () => res.destroy()
          )
        }
      })
    })
    const port = yield* Effect.acquireRelease(
      Effect.callback<number>((resume) => {
        server.listen(0, "127.0.0.1", () => resume(Effect.succeed((server.address() as AddressInfo).port)))
      }),
      () =>
        Effect.callback<void>((resume) => {
          server.closeAllConnections()
          server.close(() => resume(Effect.void))
        })
    )
    return { endpoint: `http://127.0.0.1:${port}`, requests }
  })

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
