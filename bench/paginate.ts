/**
 * Listing every job: the AWS SDK's own paginator against this library's `stream`, both over the same SDK client
 * configuration and the same emulator HTTP server, in the same process and run, interleaved round by round.
 * The emulator runs in a child process (`personalize-emulator`), so that its work is not counted on either side.
 * Prints the medians and the ratios (ours / SDK) of wall time and of peak heap growth.
 *
 * Run: `pnpm bench` (builds first). Options by environment: BENCH_JOBS (default 5000), BENCH_PAGE (100),
 * BENCH_ROUNDS (7).
 */
import { paginateListBatchSegmentJobs, PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { PersonalizeEmulator } from "@effect-personalize/emulator"
import { Effect, Layer, Redacted, Stream } from "effect"
import { spawn } from "node:child_process"
import { createInterface } from "node:readline"

const jobs = Number(process.env.BENCH_JOBS ?? 5000)
const pageSize = Number(process.env.BENCH_PAGE ?? 100)
const rounds = Number(process.env.BENCH_ROUNDS ?? 7)

const gc = (globalThis as { gc?: () => void }).gc

/** Runs `task`, sampling the heap on every job, and returns the time and the peak heap growth. */
const measure = async (task: (onJob: () => void) => Promise<number>) => {
  gc?.()
  const base = process.memoryUsage().heapUsed
  let peak = base
  let n = 0
  const onJob = () => {
    if (++n % 50 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed)
  }
  const start = performance.now()
  const count = await task(onJob)
  const ms = performance.now() - start
  peak = Math.max(peak, process.memoryUsage().heapUsed)
  return { ms, heap: peak - base, count }
}

const median = (xs: ReadonlyArray<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

/** Starts `personalize-emulator` with the workload and gives its URL; the process ends with the scope. */
const emulator = Effect.acquireRelease(
  Effect.async<{ readonly url: string; readonly stop: () => void }, Error>((resume) => {
    const bin = new URL("../../../packages/emulator/dist/bin.js", import.meta.url).pathname
    const child = spawn(process.execPath, [bin, "--generate", `10:${Math.ceil(jobs / 10)}`, "--random-seed", "1"], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    child.once("error", (error) => resume(Effect.fail(error)))
    createInterface({ input: child.stdout }).once(
      "line",
      (url) => resume(Effect.succeed({ url, stop: () => child.kill("SIGTERM") }))
    )
  }),
  (server) => Effect.sync(server.stop)
)

const program = Effect.gen(function*() {
  const server = yield* emulator
  const credentials = {
    accessKeyId: PersonalizeEmulator.testCredentials.accessKeyId,
    secretAccessKey: Redacted.value(PersonalizeEmulator.testCredentials.secretAccessKey)
  }
  const sdk = new SdkClient({ region: "us-east-1", endpoint: server.url, credentials, maxAttempts: 1 })
  const ours = PersonalizeAws.layer({
    region: "us-east-1",
    endpoint: server.url,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: PersonalizeEmulator.testCredentials.secretAccessKey
    }
  })
  const runtime = yield* Layer.toRuntime(ours)

  const viaSdk = (onJob: () => void) =>
    (async () => {
      let count = 0
      for await (const page of paginateListBatchSegmentJobs({ client: sdk, pageSize }, {})) {
        for (const _ of page.batchSegmentJobs ?? []) {
          count++
          onJob()
        }
      }
      return count
    })()
  const viaOurs = (onJob: () => void) =>
    Effect.runPromise(
      ListBatchSegmentJobs.stream({}, { pageSize }).pipe(
        Stream.runFold(0, (count) => {
          onJob()
          return count + 1
        }),
        Effect.provide(runtime)
      )
    )

  // warm-up: JIT, connections, the emulator's caches
  yield* Effect.promise(() => viaSdk(() => {}))
  yield* Effect.promise(() => viaOurs(() => {}))

  const results = { sdk: [] as Array<{ ms: number; heap: number }>, ours: [] as Array<{ ms: number; heap: number }> }
  for (let round = 0; round < rounds; round++) {
    // alternate the order so that neither side always runs on a warmer process
    const order = round % 2 === 0 ? (["sdk", "ours"] as const) : (["ours", "sdk"] as const)
    for (const side of order) {
      const r = yield* Effect.promise(() => measure(side === "sdk" ? viaSdk : viaOurs))
      if (r.count !== jobs) return yield* Effect.die(`${side} listed ${r.count} jobs, expected ${jobs}`)
      results[side].push(r)
    }
  }
  sdk.destroy()

  const row = (name: string, xs: ReadonlyArray<{ ms: number; heap: number }>) => ({
    name,
    ms: median(xs.map((x) => x.ms)),
    heapKiB: median(xs.map((x) => x.heap)) / 1024
  })
  const a = row("AWS SDK paginateListBatchSegmentJobs", results.sdk)
  const b = row("ListBatchSegmentJobs.stream (aws layer)", results.ours)
  console.log(
    `workload: ${jobs} jobs, page size ${pageSize}, ${
      Math.ceil(jobs / pageSize)
    } pages over HTTP, ${rounds} rounds, gc ${gc ? "forced" : "not exposed"}`
  )
  console.log("| paginator | median time (ms) | median peak heap growth (KiB) |")
  console.log("| --- | ---: | ---: |")
  for (const r of [a, b]) console.log(`| ${r.name} | ${r.ms.toFixed(1)} | ${r.heapKiB.toFixed(0)} |`)
  console.log(
    `ratio ours/SDK: time ${(b.ms / a.ms).toFixed(2)}, peak heap ${(b.heapKiB / Math.max(1, a.heapKiB)).toFixed(2)}`
  )
})

Effect.runPromise(Effect.scoped(program)).catch((error) => {
  console.error(error)
  process.exitCode = 1
})
