/**
 * A fleet of processes sharing one account's quota through Redis, against the emulator: the rig of
 * manyProcesses.test.ts and of the bench. The emulator (the Effect 3 edition's, a child process) is reached through a
 * recording proxy (proxy.ts, a process of its own), which notes when each request arrives and whether it was
 * throttled: what the service saw.
 */
import { Effect } from "effect"
import type { Scope } from "effect"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Readline from "node:readline"
import { fileURLToPath } from "node:url"
import { start as startEmulator } from "../utils/emulator.js"

const here = Path.dirname(fileURLToPath(import.meta.url))
// where this folder's scripts are built by the edition's type check (scripts/test-effect4.mjs runs it first)
const build = here.includes(`${Path.sep}.tsbuild${Path.sep}`)
  ? here
  : Path.join(here, "..", "..", ".tsbuild", "test", "fleet")

/** One request as the service saw it. */
export interface Arrival {
  /** When it arrived, epoch milliseconds. */
  readonly at: number
  readonly throttled: boolean
}

export interface Workload {
  readonly processes: number
  readonly streams: number
  readonly pages: number
  /** The emulator's quota and the fleet's shared limit, in requests a second. */
  readonly limit: number
}

export const arn = (i: number) => `arn:aws:personalize:us-east-1:111122223333:solution/fleet-${i}/v1`

/** The seed of the emulator: `pages` jobs for each stream's solution version (one job a page). */
const seed = (workload: Workload): Effect.Effect<string, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "fleet-"))
      const jobs = Array.from({ length: workload.processes * workload.streams }, (_, s) =>
        Array.from({ length: workload.pages }, (_, k) => ({
          batchSegmentJobArn: `arn:aws:personalize:us-east-1:111122223333:batch-segment-job/fleet-${s}-${k}`,
          jobName: `fleet-${s}-${k}`,
          status: "ACTIVE",
          solutionVersionArn: arn(s),
          creationDateTime: 1_700_000_000 + k
        }))).flat()
      const file = Path.join(dir, "seed.json")
      Fs.writeFileSync(file, JSON.stringify(jobs))
      return { dir, file }
    }),
    ({ dir }) =>
      Effect.sync(() =>
        Fs.rmSync(dir, { recursive: true, force: true })
      )
  ).pipe(Effect.map(({ file }) => file))

/** A built script of this folder (`worker.js`, `proxy.js`), made by the edition's type check. */
const built = (name: string) => {
  const file = Path.join(build, name)
  if (!Fs.existsSync(file)) {
    throw new Error(`${file} is missing: run node scripts/test-effect4.mjs, whose type check builds it`)
  }
  return file
}

/** Starts `name` with `args` in a process group of its own, killed with the scope. */
const spawn = (
  name: string,
  args: ReadonlyArray<string>
): Effect.Effect<ChildProcess.ChildProcess, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.sync(() =>
      ChildProcess.spawn(process.execPath, [built(name), ...args], {
        stdio: ["ignore", "pipe", "pipe"],
        detached: true
      })
    ),
    (child) =>
      Effect.sync(() => {
        if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
          try {
            process.kill(-child.pid, "SIGKILL")
          } catch {
            // already gone
          }
        }
      })
  )

/** The recording proxy (proxy.ts) in front of `target`: its URL, and what it noted. */
export const recordingProxy = (target: string): Effect.Effect<
  { readonly url: string; readonly arrivals: Effect.Effect<{ arrivals: Array<Arrival>; lagMs: number }> },
  never,
  Scope.Scope
> =>
  Effect.flatMap(
    spawn("proxy.js", [target]),
    (child) =>
      Effect.callback<
        { readonly url: string; readonly arrivals: Effect.Effect<{ arrivals: Array<Arrival>; lagMs: number }> }
      >((resume) => {
        let stderr = ""
        child.stderr!.on("data", (chunk) => (stderr += String(chunk)))
        const lines = Readline.createInterface({ input: child.stdout! })
        lines.once("line", (line) => {
          const url = line.trim()
          resume(Effect.succeed({
            url,
            arrivals: Effect.promise(() =>
              fetch(`${url}/__arrivals`).then((response) =>
                response.json() as Promise<{ arrivals: Array<Arrival>; lagMs: number }>
              )
            )
          }))
        })
        child.once("exit", (code) => resume(Effect.die(new Error(`the proxy exited with ${code}: ${stderr}`))))
      })
  )

export interface Run {
  readonly arrivals: ReadonlyArray<Arrival>
  /** The jobs each process listed, per stream (-1: the stream failed). */
  readonly jobs: ReadonlyArray<ReadonlyArray<number>>
  /** The tags of the errors the streams failed with. */
  readonly errors: ReadonlyArray<string>
  /**
   * How late a request may have arrived, in milliseconds: the longest a worker's event loop was held up (its permit's
   * timer fired that late) and the proxy's (it noted the arrival that late), added.
   */
  readonly lag: number
}

interface Result {
  readonly jobs: ReadonlyArray<number>
  readonly errors: ReadonlyArray<string>
  readonly lagMs: number
}

/** Runs one process of the fleet to its end; a defect when it fails or takes longer than `timeout` ms. */
const runWorker = (
  args: ReadonlyArray<string>,
  timeout: number
): Effect.Effect<Result, never, Scope.Scope> =>
  Effect.flatMap(spawn("worker.js", args), (child) =>
    Effect.callback<Result>((resume) => {
      let stdout = ""
      let stderr = ""
      child.stdout!.on("data", (chunk) => (stdout += String(chunk)))
      child.stderr!.on("data", (chunk) => (stderr += String(chunk)))
      const timer = setTimeout(
        () => resume(Effect.die(new Error(`a worker took over ${timeout} ms: ${stderr}`))),
        timeout
      )
      child.once("exit", (code) => {
        clearTimeout(timer)
        if (code !== 0) return resume(Effect.die(new Error(`a worker exited with ${code}: ${stderr}`)))
        // its logs (retries) go to stdout too: the result is its last line
        const last = stdout.trim().split("\n").at(-1) ?? ""
        try {
          resume(Effect.succeed(JSON.parse(last) as Result))
        } catch {
          // thrown here, it would end this process without closing the scope (and leave the others running)
          resume(Effect.die(new Error(`a worker printed no result: ${stdout}`)))
        }
      })
    }))

/**
 * The emulator limited at `limit` requests a second (its default burst: one second's worth), and `processes`
 * processes of `streams` streams each, sharing a limit of `limit` through the Redis at `redisUrl` (without one, each
 * process under a `RateLimit.layer` of `limit` of its own).
 */
export const run = (
  workload: Workload,
  redisUrl: string | undefined,
  options?: { readonly timeout?: number | undefined }
): Effect.Effect<Run, never, Scope.Scope> =>
  Effect.gen(function*() {
    const file = yield* seed(workload)
    const emulator = yield* startEmulator(["--seed-file", file, "--rate-limit", `${workload.limit}/s`])
    const proxy = yield* recordingProxy(emulator.endpoint)
    const results = yield* Effect.forEach(
      Array.from({ length: workload.processes }, (_, p) => p),
      (p) =>
        runWorker([
          proxy.url,
          redisUrl ?? "none",
          String(workload.limit),
          ...Array.from({ length: workload.streams }, (_, s) => arn(p * workload.streams + s))
        ], options?.timeout ?? 120_000),
      { concurrency: "unbounded" }
    )
    const seen = yield* proxy.arrivals
    return {
      arrivals: seen.arrivals.sort((a, b) => a.at - b.at),
      jobs: results.map((result) => result.jobs),
      errors: results.flatMap((result) => result.errors),
      lag: Math.max(...results.map((result) => result.lagMs)) + seen.lagMs
    }
  })

/** The most of `times` (sorted) in any window of `millis` (windows start at one of them). */
export const busiest = (times: ReadonlyArray<number>, millis: number): number => {
  let most = 0
  let j = 0
  for (let i = 0; i < times.length; i++) {
    while (j < times.length && times[j]! < times[i]! + millis) j++
    most = Math.max(most, j - i)
  }
  return most
}

/**
 * How late a request may arrive, at least: a send the limit let go at `t` arrives between `t` and `t + slack`, where
 * `slack` is what the run measured (`Run.lag`: a permit's timer that fired late, a proxy that noted it late), and at
 * least this. So when the limit lets at most `n` go in any second, at most `n` arrive in any window of a second less
 * the slack, however late some of them are. On a 2-core machine at a load average of 20, requests 50 ms apart
 * arrived up to 200 ms apart, the next ones bunched.
 */
export const minimumSlack = 100

/**
 * The slack of a run: its lag, at least `minimumSlack`, at most half a second (a machine that holds a process up for
 * longer cannot measure this).
 */
export const slackOf = (run: Run): number => Math.min(500, Math.max(minimumSlack, Math.ceil(run.lag)))

/**
 * What the service saw: the most requests in one second of the clock and in any window of a second less the run's
 * slack, the throttled share, and the time from the first request to the last against the ideal (the requests that
 * went through, evenly spaced at the limit).
 */
export const measure = (run: Run, limit: number) => {
  const perSecond = new Map<number, number>()
  for (const { at } of run.arrivals) {
    perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1)
  }
  const requests = run.arrivals.length
  const throttled = run.arrivals.filter((a) => a.throttled).length
  const elapsed = requests === 0 ? 0 : run.arrivals.at(-1)!.at - run.arrivals[0]!.at
  const ideal = Math.max(0, requests - throttled - 1) * 1000 / limit
  return {
    requests,
    maxPerSecond: Math.max(0, ...perSecond.values()),
    slack: slackOf(run),
    maxPerSecondLessSlack: busiest(run.arrivals.map((a) => a.at), 1000 - slackOf(run)),
    throttled,
    throttledShare: requests === 0 ? 0 : throttled / requests,
    elapsed,
    ideal,
    timeVsIdeal: ideal === 0 ? 1 : elapsed / ideal
  }
}
