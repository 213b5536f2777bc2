/**
 * Listing every job: the AWS SDK's own paginator against this library, both over the same SDK client
 * configuration and the same emulator HTTP server, in the same process and run, interleaved round by round.
 * The emulator runs in a child process (`personalize-emulator`), so that its work is not counted on either side.
 * Prints, per workload, the medians and the ratios (ours / SDK) of wall time and of client CPU time (this process:
 * the emulator's is not in it; 7 rounds), and of the peak of live heap while listing (3 other rounds after the timed
 * ones, with a full GC before each reading; needs `--expose-gc`).
 *
 * Workloads:
 * - `throughput`: 5000 jobs in pages of 100, an instant service, a consumer that only counts: the raw cost of
 *   each side.
 * - `pipeline`: 2000 jobs in pages of 100, a service that takes 20 ms per answer (`--response-time`), a consumer
 *   that spends 20 ms per page (say, a write elsewhere): what `prefetch: 1` gains by overlapping the two, which
 *   the SDK's paginator cannot do.
 *
 * Run after `pnpm build`: `node --expose-gc bench/.tsbuild/out/paginate.js`; BENCH_ROUNDS (default 7) sets the
 * rounds; `--quick` lists 1000 and 500 jobs, one round.
 */
import { paginateListBatchSegmentJobs, PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { PersonalizeEmulator } from "@effect-personalize/emulator"
import { NodeHttpClient } from "@effect/platform-node"
import { Effect, Layer, Redacted, Stream } from "effect"
import { setTimeout as sleep } from "node:timers/promises"
import { cpuMs, fixed, gc, median, quick, rounds, startEmulator, table } from "./lib.js"

const roundCount = rounds(7)

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
  { name: "throughput", jobs: quick ? 1000 : 5000, pageSize: 100, responseTime: 0, perPage: 0 },
  { name: "pipeline", jobs: quick ? 500 : 2000, pageSize: 100, responseTime: 20, perPage: 20 }
]

/** A way to list every job: calls `onPage` with the size of each page as it is consumed, returns the job count. */
type Lister = (onPage: (size: number) => Promise<void>) => Promise<number>

/** Runs `task` and returns its wall time and this process's CPU time. */
const time = async (task: Lister, perPage: number, consumed: Array<number>) => {
  // No forced GC before a timed run: a full GC shrinks the young generation, and the side that allocates more would
  // pay for it in scavenges during its run. The heap rounds (which collect at every page) come after all timed ones.
  const onPage = async () => {
    if (perPage > 0) {
      const started = performance.now()
      await sleep(perPage)
      consumed.push(performance.now() - started)
    }
  }
  const start = performance.now()
  const since = process.cpuUsage()
  const count = await task(onPage)
  return { ms: performance.now() - start, cpu: cpuMs(since), count }
}

/**
 * Runs `task` and returns the peak of live heap above the start: a full GC at every page, then a reading (a
 * separate run from the timed one, since the GCs cost time).
 */
const liveHeap = async (task: Lister, perPage: number) => {
  const collect = () => {
    // twice: what the first collection frees (a finished listing's fibers, their weak references) can hold more
    gc?.()
    gc?.()
    return process.memoryUsage().heapUsed
  }
  await sleep(0)
  const base = collect()
  let peak = base
  const onPage = async () => {
    peak = Math.max(peak, collect())
    if (perPage > 0) await sleep(perPage)
  }
  await task(onPage)
  return peak - base
}

/** Starts `personalize-emulator` for the workload; the process ends with the scope. */
const emulator = (workload: Workload) =>
  Effect.acquireRelease(
    Effect.promise(() =>
      startEmulator([
        "--generate",
        `10:${Math.ceil(workload.jobs / 10)}`,
        "--random-seed",
        "1",
        ...(workload.responseTime > 0 ? ["--response-time", String(workload.responseTime)] : [])
      ])
    ),
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
      // A second attempt only when a pooled connection that the emulator closed (idle between rounds) is reused:
      // our side retries that too (its default policy), and without it a rare reset fails the whole benchmark.
      maxAttempts: 2
    })
    yield* Effect.addFinalizer(() => Effect.sync(() => sdk.destroy()))
    const runtime = yield* Layer.toRuntime(
      PersonalizeAws.layer({ region: "us-east-1", endpoint: server.url, credentials: { accessKeyId, secretAccessKey } })
    )
    // The same SDK client over the HttpClient in context (issue 12's transport), here @effect/platform-node's undici.
    const overHttpClient = yield* Layer.toRuntime(
      PersonalizeAws.layerHttpClient({
        region: "us-east-1",
        endpoint: server.url,
        credentials: { accessKeyId, secretAccessKey }
      }).pipe(Layer.provide(NodeHttpClient.layerUndici))
    )
    const { pageSize } = workload
    // what the SDK paginator's fetches and the consumer took, page by page, in the timed rounds
    let fetches: Array<number> = []
    const consumed: Array<number> = []

    const sides: Record<string, Lister> = {
      "AWS SDK paginateListBatchSegmentJobs": async (onPage) => {
        let count = 0
        // the paginator sends the next request when the loop asks for the next page: the time to it is one fetch
        let asked = performance.now()
        for await (const page of paginateListBatchSegmentJobs({ client: sdk, pageSize }, {})) {
          fetches.push(performance.now() - asked)
          const size = page.batchSegmentJobs?.length ?? 0
          count += size
          await onPage(size)
          asked = performance.now()
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
      "ListBatchSegmentJobs.pages over HttpClient (undici)": (onPage) =>
        Effect.runPromise(
          ListBatchSegmentJobs.pages({}, { pageSize }).pipe(
            Stream.runFoldEffect(0, (count, page) =>
              Effect.promise(() => onPage(page.batchSegmentJobs.length)).pipe(
                Effect.as(count + page.batchSegmentJobs.length)
              )),
            Effect.provide(overHttpClient)
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
    fetches = []
    const sdkFetches = fetches

    const results = new Map(
      names.map((name) => [name, { ms: [] as Array<number>, cpu: [] as Array<number>, heap: [] as Array<number> }])
    )
    for (let round = 0; round < roundCount; round++) {
      // rotate the order so that no side always runs on a warmer process
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + round) % names.length]!
        const r = yield* Effect.promise(() => time(sides[name]!, workload.perPage, consumed))
        if (r.count !== workload.jobs) {
          return yield* Effect.die(`${name} listed ${r.count} jobs, expected ${workload.jobs}`)
        }
        results.get(name)!.ms.push(r.ms)
        results.get(name)!.cpu.push(r.cpu)
      }
    }
    fetches = []
    for (let round = 0; gc !== undefined && round < Math.min(3, roundCount); round++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + round) % names.length]!
        results.get(name)!.heap.push(yield* Effect.promise(() => liveHeap(sides[name]!, workload.perPage)))
      }
    }

    const rows = names.map((name) => {
      const r = results.get(name)!
      return {
        name,
        ms: median(r.ms),
        cpu: median(r.cpu),
        heapKiB: r.heap.length === 0 ? NaN : median(r.heap) / 1024
      }
    })
    const sdkRow = rows[0]!
    table(
      `${workload.name}: ${workload.jobs} jobs, pages of ${pageSize} (${
        Math.ceil(workload.jobs / pageSize)
      } requests over HTTP), service ${workload.responseTime} ms per answer, consumer ${workload.perPage} ms per page, ${roundCount} round(s)${
        gc ? "" : " (run with --expose-gc for the heap)"
      }`,
      [
        "paginator",
        "median time (ms)",
        "time ratio",
        "median client CPU (ms)",
        "CPU ratio",
        "median peak live heap (KiB)",
        "heap ratio"
      ],
      rows.map((row) => [
        row.name,
        fixed(row.ms),
        fixed(row.ms / sdkRow.ms, 2),
        fixed(row.cpu),
        fixed(row.cpu / sdkRow.cpu, 2),
        fixed(row.heapKiB, 0),
        // below about 32 KiB a reading is within the noise of a full GC: no ratio to it
        sdkRow.heapKiB >= 32 ? fixed(row.heapKiB / sdkRow.heapKiB, 2) : "-"
      ])
    )
    if (workload.perPage > 0) {
      // With one page fetched ahead, the next request goes out when the consumer takes a page: each page then costs
      // the longer of a fetch and the consumer's work, and no paginator's fetch is faster than the service lets it be.
      const fetch = median(sdkFetches)
      const consume = median(consumed)
      const pages = Math.ceil(workload.jobs / pageSize)
      const floor = fetch + (pages - 1) * Math.max(fetch, consume) + consume
      console.log(
        `${workload.name}: the SDK paginator's fetches took ${
          fixed(fetch, 1)
        } ms (median; the service answers in ${workload.responseTime} ms), ` +
          `the consumer ${
            fixed(consume, 1)
          } ms a page: fetching one page ahead with fetches as fast as the SDK's takes at least ` +
          `${fixed(floor)} ms, ${
            fixed(floor / sdkRow.ms, 2)
          } × the SDK paginator's time (0.5 only when a fetch is no slower than the consumer)\n`
      )
    }
  }).pipe(Effect.scoped)

Effect.runPromise(Effect.forEach(workloads, run, { discard: true })).catch((error) => {
  console.error(error)
  process.exitCode = 1
})
