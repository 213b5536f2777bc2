/**
 * Listing every job: the AWS SDK's own paginator against this library, both over the same SDK client
 * configuration and the same emulator HTTP server, in the same process and run, interleaved round by round.
 * The emulator runs in a child process (`personalize-emulator`), so that its work is not counted on either side.
 * Prints, per workload, the medians and the ratios (ours / SDK) of wall time (7 rounds) and of the peak of live
 * heap while listing (3 other rounds, with a full GC before each reading; needs `--expose-gc`).
 *
 * Workloads:
 * - `throughput`: 5000 jobs in pages of 100, an instant service, a consumer that only counts: the raw cost of
 *   each side.
 * - `pipeline`: 2000 jobs in pages of 100, a service that takes 20 ms per answer (`--response-time`), a consumer
 *   that spends 20 ms per page (say, a write elsewhere): what `prefetch: 1` gains by overlapping the two, which
 *   the SDK's paginator cannot do.
 *
 * Run: `pnpm bench` (builds first). BENCH_ROUNDS (default 7) sets the rounds.
 */
import { paginateListBatchSegmentJobs, PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { PersonalizeEmulator } from "@effect-personalize/emulator"
import { Effect, Layer, Redacted, Stream } from "effect"
import { spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { setTimeout as sleep } from "node:timers/promises"

const rounds = Number(process.env.BENCH_ROUNDS ?? 7)

const gc = (globalThis as { gc?: () => void }).gc

interface Workload {
  readonly name: string
  readonly jobs: number
  readonly pageSize: number
  /** How long the emulator takes to answer, in ms. */
  readonly responseTime: number
  /** How long the consumer spends on each page, in ms. */
  readonly perPage: number
}

const workloads: ReadonlyArray<Workload> = [
  { name: "throughput", jobs: 5000, pageSize: 100, responseTime: 0, perPage: 0 },
  { name: "pipeline", jobs: 2000, pageSize: 100, responseTime: 20, perPage: 20 }
]

/** A way to list every job: calls `onPage` with the size of each page as it is consumed, returns the job count. */
type Lister = (onPage: (size: number) => Promise<void>) => Promise<number>

/** Runs `task` and returns its wall time. */
const time = async (task: Lister, perPage: number) => {
  gc?.()
  const onPage = async () => {
    if (perPage > 0) await sleep(perPage)
  }
  const start = performance.now()
  const count = await task(onPage)
  return { ms: performance.now() - start, count }
}

/**
 * Runs `task` and returns the peak of live heap above the start: a full GC at every page, then a reading (a
 * separate run from the timed one, since the GCs cost time).
 */
const liveHeap = async (task: Lister, perPage: number) => {
  gc?.()
  const base = process.memoryUsage().heapUsed
  let peak = base
  const onPage = async () => {
    gc?.()
    peak = Math.max(peak, process.memoryUsage().heapUsed)
    if (perPage > 0) await sleep(perPage)
  }
  await task(onPage)
  return peak - base
}

const median = (xs: ReadonlyArray<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

/** Starts `personalize-emulator` for the workload and gives its URL; the process ends with the scope. */
const emulator = (workload: Workload) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly stop: () => void }, Error>((resume) => {
      const bin = new URL("../../../packages/emulator/dist/bin.js", import.meta.url).pathname
      const args = ["--generate", `10:${Math.ceil(workload.jobs / 10)}`, "--random-seed", "1"]
      if (workload.responseTime > 0) args.push("--response-time", String(workload.responseTime))
      const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "inherit"] })
      child.once("error", (error) => resume(Effect.fail(error)))
      createInterface({ input: child.stdout }).once(
        "line",
        (url) => resume(Effect.succeed({ url, stop: () => child.kill("SIGTERM") }))
      )
    }),
    (server) => Effect.sync(server.stop)
  )

const run = (workload: Workload) =>
  Effect.gen(function*() {
    const server = yield* emulator(workload)
    const { accessKeyId, secretAccessKey } = PersonalizeEmulator.testCredentials
    const sdk = new SdkClient({
      region: "us-east-1",
      endpoint: server.url,
      credentials: { accessKeyId, secretAccessKey: Redacted.value(secretAccessKey) },
      maxAttempts: 1
    })
    yield* Effect.addFinalizer(() => Effect.sync(() => sdk.destroy()))
    const runtime = yield* Layer.toRuntime(
      PersonalizeAws.layer({ region: "us-east-1", endpoint: server.url, credentials: { accessKeyId, secretAccessKey } })
    )
    const { pageSize } = workload

    const sides: Record<string, Lister> = {
      "AWS SDK paginateListBatchSegmentJobs": async (onPage) => {
        let count = 0
        for await (const page of paginateListBatchSegmentJobs({ client: sdk, pageSize }, {})) {
          const size = page.batchSegmentJobs?.length ?? 0
          count += size
          await onPage(size)
        }
        return count
      },
      "ListBatchSegmentJobs.pages": (onPage) =>
        Effect.runPromise(
          ListBatchSegmentJobs.pages({}, { pageSize }).pipe(
            Stream.runFoldEffect(0, (count, page) =>
              Effect.promise(() => onPage(page.batchSegmentJobs.length)).pipe(
                Effect.as(count + page.batchSegmentJobs.length)
              )),
            Effect.provide(runtime)
          )
        ),
      "ListBatchSegmentJobs.pages, prefetch 1": (onPage) =>
        Effect.runPromise(
          ListBatchSegmentJobs.pages({}, { pageSize, prefetch: 1 }).pipe(
            Stream.runFoldEffect(0, (count, page) =>
              Effect.promise(() => onPage(page.batchSegmentJobs.length)).pipe(
                Effect.as(count + page.batchSegmentJobs.length)
              )),
            Effect.provide(runtime)
          )
        )
    }
    const names = Object.keys(sides)

    // warm-up: JIT, connections
    for (const name of names) yield* Effect.promise(() => sides[name]!(async () => {}))

    const results = new Map(names.map((name) => [name, { ms: [] as Array<number>, heap: [] as Array<number> }]))
    for (let round = 0; round < rounds; round++) {
      // rotate the order so that no side always runs on a warmer process
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + round) % names.length]!
        const r = yield* Effect.promise(() => time(sides[name]!, workload.perPage))
        if (r.count !== workload.jobs) {
          return yield* Effect.die(`${name} listed ${r.count} jobs, expected ${workload.jobs}`)
        }
        results.get(name)!.ms.push(r.ms)
        if (gc !== undefined && round < 3) {
          results.get(name)!.heap.push(yield* Effect.promise(() => liveHeap(sides[name]!, workload.perPage)))
        }
      }
    }

    const rows = names.map((name) => {
      const r = results.get(name)!
      return { name, ms: median(r.ms), heapKiB: r.heap.length === 0 ? NaN : median(r.heap) / 1024 }
    })
    const sdkRow = rows[0]!
    console.log(
      `\n${workload.name}: ${workload.jobs} jobs, pages of ${pageSize} (${
        Math.ceil(workload.jobs / pageSize)
      } requests over HTTP), service ${workload.responseTime} ms per answer, consumer ${workload.perPage} ms per page, ${rounds} rounds${
        gc ? "" : " (run with --expose-gc for the heap)"
      }`
    )
    console.log("| paginator | median time (ms) | time ratio | median peak live heap (KiB) | heap ratio |")
    console.log("| --- | ---: | ---: | ---: | ---: |")
    for (const row of rows) {
      console.log(
        `| ${row.name} | ${row.ms.toFixed(1)} | ${(row.ms / sdkRow.ms).toFixed(2)} | ${row.heapKiB.toFixed(0)} | ${
          (row.heapKiB / Math.max(1, sdkRow.heapKiB)).toFixed(2)
        } |`
      )
    }
  }).pipe(Effect.scoped)

Effect.runPromise(Effect.forEach(workloads, run, { discard: true })).catch((error) => {
  console.error(error)
  process.exitCode = 1
})
