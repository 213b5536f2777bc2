/**
 * Fan-out under a service rate limit: every job of many solution versions, 8 listings at a time, against a
 * `personalize-emulator` (a child process) that throttles beyond 100 requests a second per account
 * (`--rate-limit 100/s`: a token bucket with a burst of one second's worth), as the real service does.
 *
 * The sides, each against a fresh emulator (the same arguments, so the same jobs and the same limit), so that each
 * starts with a full bucket, rounds rotating which side goes first:
 *
 * - `AWS SDK, adaptive`: the SDK's `paginateListBatchSegmentJobs` per solution version, in a pool of 8 promises,
 *   with `retryMode: "adaptive"` (the SDK's client-side rate limiter that learns from throttles) and 5 attempts
 *   (as this library's default policy).
 * - `effect 3: streamMany + RateLimit`: the Effect 3 edition's
 *   `ListBatchSegmentJobs.streamMany(requests, { concurrency: 8 })` with `RateLimit.layer({ requestsPerSecond: 100 })`
 *   (adaptive, burst 1) over `PersonalizeAws.layer`.
 * - `effect 3: streamMany + RateLimit, burst 10` (a reference): the limiter with `burst: 10`, which makes up for
 *   timers that fire late on a busy event loop (with a burst of 1, a late permit is throughput lost for good).
 * - `effect 3: streamMany, no RateLimit` (a reference): the same without the limiter, only the core's retries: what
 *   the limiter saves in throttles, and the client's own speed (when it cannot reach the rate, the limiter is not
 *   what holds it back).
 * - `effect 4: ...`: the same three with the Effect 4 edition (`many` of editions/effect4/bench/stub-effect4.mjs,
 *   which resolves effect 4 and the edition's builds), when this Node runs effect 4 (>= 22.19; `pnpm bench` runs
 *   this file under Node 22, fetched with npx when the machine's is older, as it runs editions.mjs); under an older
 *   Node these sides are left out, and the run says so.
 *
 * For each side: the wall time as a ratio to the ideal (requests / rate: how long the listing takes at exactly the
 * service's rate), and the throttled requests as the emulator counted them (its summary when it stops). The ideal
 * is not a floor: the service's burst lets a client that sends faster at first finish sooner, paying in throttles.
 *
 * Run after `pnpm build` and `npx tsc -b editions/effect4/tsconfig.json`: `node bench/.tsbuild/out/fanout.js` (40
 * solution versions x 500 jobs, pages of 100, 3 rounds; BENCH_ROUNDS sets the rounds), or with `--quick` (6 x 200,
 * one round) to check that it runs.
 */
import { paginateListBatchSegmentJobs, PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs, RateLimit } from "@effect-personalize/core"
import { PersonalizeEmulator } from "@effect-personalize/emulator"
import { Effect, Layer, Redacted, Stream } from "effect"
import { type ChildProcess, spawn } from "node:child_process"
import { createInterface } from "node:readline"
import type * as Node22 from "../scripts/node22.mjs"

const quick = process.argv.includes("--quick")
const rate = 100
const concurrency = 8
const pageSize = 100
const size = quick ? { solutionVersions: 6, jobsPerVersion: 200 } : { solutionVersions: 40, jobsPerVersion: 500 }
const rounds = quick ? 1 : Number(process.env.BENCH_ROUNDS ?? 3)
const seed = 1
const requestsNeeded = size.solutionVersions * Math.ceil(size.jobsPerVersion / pageSize)
const idealMs = requestsNeeded / rate * 1000

interface Emulator {
  readonly url: string
  /** Stops the process and gives its summary: requests and throttles as the emulator counted them. */
  readonly stop: () => Promise<{ readonly requests: number; readonly throttled: number }>
}

/**
 * The emulators running: killed when this process ends however it ends (a side that fails, an error, Ctrl-C), so that
 * none is left behind.
 */
const running = new Set<ChildProcess>()
const killRunning = () => {
  for (const child of running) child.kill("SIGKILL")
}
process.once("exit", killRunning)
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killRunning()
    process.exit(128 + (signal === "SIGINT" ? 2 : 15))
  })
}

/** Starts `personalize-emulator` with the workload's jobs and (unless for a warm-up) the rate limit. */
const start = (limited = true): Promise<Emulator> =>
  new Promise((resolve, reject) => {
    const bin = new URL("../../../packages/emulator/dist/bin.js", import.meta.url).pathname
    const args = [
      "--generate",
      `${size.solutionVersions}:${size.jobsPerVersion}`,
      "--random-seed",
      String(seed),
      ...(limited ? ["--rate-limit", `${rate}/s`] : [])
    ]
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] })
    running.add(child)
    child.once("close", () => running.delete(child))
    let stderr = ""
    child.stderr.on("data", (chunk) => (stderr += String(chunk)))
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`the emulator exited (${code}) before listening: ${stderr}`)))
    createInterface({ input: child.stdout }).once("line", (url) =>
      resolve({
        url,
        stop: () =>
          new Promise((done, fail) => {
            child.removeAllListeners("exit")
            child.once("close", () => {
              const summary = /stopped after (\d+) request\(s\): \d+ page\(s\), (\d+) throttled/.exec(stderr)
              if (summary === null) fail(new Error(`no summary from the emulator: ${stderr}`))
              else done({ requests: Number(summary[1]), throttled: Number(summary[2]) })
            })
            child.kill("SIGTERM")
          })
      }))
  })

const { accessKeyId, secretAccessKey } = PersonalizeEmulator.testCredentials

/** The solution versions of the generated jobs: the same seed gives the same ARNs in this process. */
const solutionVersionArns = Effect.runSync(
  Effect.gen(function*() {
    const emulator = yield* PersonalizeEmulator.make({ generate: { ...size, seed } })
    const jobs = yield* emulator.jobs
    return Array.from(new Set(jobs.map((job) => job.solutionVersionArn!)))
  })
)

type Side = (url: string) => Promise<{ readonly jobs: number; readonly failed: number }>

/** The options of `RateLimit.layer` that the sides use. */
interface Limit {
  readonly requestsPerSecond: number
  readonly burst?: number
}

/** The Effect 4 edition's side (editions/effect4/bench/stub-effect4.mjs), plain JavaScript on its own effect. */
interface Effect4 {
  readonly many: (
    url: string,
    credentials: { readonly accessKeyId: string; readonly secretAccessKey: string },
    requests: ReadonlyArray<{ readonly solutionVersionArn: string }>,
    options: {
      readonly concurrency: number
      readonly pageSize: number
      readonly rateLimit: Limit | undefined
    }
  ) => Promise<{ readonly jobs: number; readonly failed: number }>
}

/** Whether this Node runs effect 4 (scripts/node22.mjs, from the build in bench/.tsbuild/out). */
const { runsEffect4 }: typeof Node22 = await import(
  new URL("../../../scripts/node22.mjs", import.meta.url).href
)

/** The Effect 4 edition's sides, when this Node runs effect 4. */
const effect4Sides = async (): Promise<Record<string, Side>> => {
  if (!runsEffect4()) {
    console.log(`(node ${process.version}: the Effect 4 edition's sides need Node >= 22.19 and are left out)`)
    return {}
  }
  const effect4: Effect4 = await import(
    new URL("../../../editions/effect4/bench/stub-effect4.mjs", import.meta.url).href
  )
  const requests = solutionVersionArns.map((solutionVersionArn) => ({ solutionVersionArn }))
  const credentials = { accessKeyId, secretAccessKey: Redacted.value(secretAccessKey) }
  const side = (rateLimit: Limit | undefined): Side => (url) =>
    effect4.many(url, credentials, requests, { concurrency, pageSize, rateLimit })
  return {
    "effect 4: streamMany + RateLimit": side({ requestsPerSecond: rate }),
    "effect 4: streamMany + RateLimit, burst 10": side({ requestsPerSecond: rate, burst: 10 }),
    "effect 4: streamMany, no RateLimit": side(undefined)
  }
}

const sides: Record<string, Side> = {
  "AWS SDK, adaptive": async (url) => {
    const client = new SdkClient({
      region: "us-east-1",
      endpoint: url,
      credentials: { accessKeyId, secretAccessKey: Redacted.value(secretAccessKey) },
      retryMode: "adaptive",
      maxAttempts: 5
    })
    let jobs = 0
    let failed = 0
    const queue = [...solutionVersionArns]
    const worker = async () => {
      for (let arn = queue.shift(); arn !== undefined; arn = queue.shift()) {
        try {
          for await (const page of paginateListBatchSegmentJobs({ client, pageSize }, { solutionVersionArn: arn })) {
            jobs += page.batchSegmentJobs?.length ?? 0
          }
        } catch (error) {
          failed++
          console.error(`SDK: ${arn} failed: ${(error as Error).name}`)
        }
      }
    }
    try {
      await Promise.all(Array.from({ length: concurrency }, worker))
    } finally {
      client.destroy()
    }
    return { jobs, failed }
  },
  "effect 3: streamMany + RateLimit": (url) => many(url, RateLimit.layer({ requestsPerSecond: rate })),
  "effect 3: streamMany + RateLimit, burst 10": (url) =>
    many(url, RateLimit.layer({ requestsPerSecond: rate, burst: 10 })),
  "effect 3: streamMany, no RateLimit": (url) => many(url, Layer.empty)
}

function many(url: string, limit: Layer.Layer<never, unknown>) {
  return Effect.runPromise(
    ListBatchSegmentJobs.streamMany(solutionVersionArns.map((solutionVersionArn) => ({ solutionVersionArn })), {
      concurrency,
      pageSize,
      onFailure: "continue"
    }).pipe(
      Stream.runFold(
        { jobs: 0, failed: 0 },
        (acc, item) => item._tag === "Job" ? { ...acc, jobs: acc.jobs + 1 } : { ...acc, failed: acc.failed + 1 }
      ),
      Effect.provide(
        Layer.merge(
          Layer.orDie(
            PersonalizeAws.layer({ region: "us-east-1", endpoint: url, credentials: { accessKeyId, secretAccessKey } })
          ),
          Layer.orDie(limit)
        )
      )
    )
  )
}

const median = (xs: ReadonlyArray<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

const main = async () => {
  Object.assign(sides, await effect4Sides())
  const expectedJobs = size.solutionVersions * size.jobsPerVersion
  console.log(
    `node ${process.version}; fan-out: ${size.solutionVersions} solution versions x ${size.jobsPerVersion} jobs, pages of ${pageSize} (${requestsNeeded} pages), concurrency ${concurrency}, service limit ${rate} requests/s per account (burst ${rate}); ideal ${idealMs} ms; ${rounds} round(s)`
  )
  const results = new Map(
    Object.keys(sides).map((name) => [name, [] as Array<{ ms: number; requests: number; throttled: number }>])
  )
  let ok = true
  // warm-up, untimed, without a limit: module loading, JIT, the first client of each side
  const warm = await start(false)
  for (const side of Object.values(sides)) await side(warm.url)
  await warm.stop()
  for (let round = 0; round < rounds; round++) {
    // rotate which side goes first
    const names = Object.keys(sides)
    for (let i = 0; i < round; i++) names.push(names.shift()!)
    for (const name of names) {
      const emulator = await start()
      const started = performance.now()
      const outcome = await sides[name]!(emulator.url)
      const ms = performance.now() - started
      const counted = await emulator.stop()
      if (outcome.jobs !== expectedJobs || outcome.failed > 0) {
        ok = false
        console.error(`${name}: ${outcome.jobs} of ${expectedJobs} jobs, ${outcome.failed} listing(s) failed`)
      }
      results.get(name)!.push({ ms, ...counted })
      console.log(
        `round ${round + 1}, ${name}: ${ms.toFixed(0)} ms (${
          (ms / idealMs).toFixed(3)
        }x ideal), ${counted.requests} requests, ${counted.throttled} throttled (${
          (100 * counted.throttled / counted.requests).toFixed(1)
        }%)`
      )
    }
  }
  console.log(
    "\n| side | median time (ms) | median time / ideal | best time / ideal | throttled / requests, all rounds | share |"
  )
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |")
  for (const [name, runs] of results) {
    const ms = median(runs.map((r) => r.ms))
    const best = Math.min(...runs.map((r) => r.ms))
    const requests = runs.reduce((n, r) => n + r.requests, 0)
    const throttled = runs.reduce((n, r) => n + r.throttled, 0)
    console.log(
      `| ${name} | ${ms.toFixed(0)} | ${(ms / idealMs).toFixed(3)} | ${
        (best / idealMs).toFixed(3)
      } | ${throttled} / ${requests} | ${(100 * throttled / requests).toFixed(1)} % |`
    )
  }
  if (!ok) process.exitCode = 1
}

main().catch((error) => {
  console.error(error)
  // the emulator of the failed round still runs and would keep this process alive
  killRunning()
  process.exitCode = 1
})
