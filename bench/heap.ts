/**
 * One long listing through the stub port: one million jobs (10 000 pages of 100, each page built when asked, with
 * tokens of the service's length, about 150 characters), consumed job by job with `ListBatchSegmentJobs.stream`.
 * At 100 000 jobs and at the end, a full GC and a reading of the live heap: the growth between the two is what a
 * listing keeps as it goes. One thing grows by design: the loop guard remembers every `nextToken` it has seen, so
 * that a cycle of any length fails before a job is emitted twice; the table shows what those tokens take (their
 * characters and a `Set` entry each) beside the measured growth.
 *
 * Run after `pnpm build`: `node --expose-gc bench/.tsbuild/out/heap.js`, or with `--quick` (10 000 to 100 000).
 */
import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { Effect, ManagedRuntime, Stream } from "effect"
import { check, fixed, gc, quick, stubPort, table } from "./lib.js"

const pageSize = 100
const total = quick ? 100_000 : 1_000_000
const first = total / 10
const pages = total / pageSize

const liveHeap = () => {
  gc!()
  gc!()
  return process.memoryUsage().heapUsed
}

const main = async () => {
  check(gc !== undefined, "run with --expose-gc")
  const runtime = ManagedRuntime.make(stubPort({ pages, pageSize, prebuilt: false }))
  const base = liveHeap()
  let atFirst = 0
  let atEnd = 0
  const started = performance.now()
  const count = await runtime.runPromise(
    ListBatchSegmentJobs.stream({}, { pageSize }).pipe(
      Stream.runFoldEffect(0, (n, _job) =>
        Effect.sync(() => {
          const seen = n + 1
          if (seen === first) atFirst = liveHeap()
          if (seen === total) atEnd = liveHeap()
          return seen
        }))
    )
  )
  const seconds = (performance.now() - started) / 1000
  check(count === total, `listed ${count} jobs, expected ${total}`)
  // what the loop guard keeps between the two readings: the tokens of the pages in between
  const tokenLength = 142 + String(pages).length
  const guardBytes = (pages - first / pageSize) * (tokenLength + 16 + 24)
  const mb = (bytes: number) => fixed(bytes / 1024 / 1024, 2)
  table(
    `${total} jobs through the stub port, pages of ${pageSize}, ListBatchSegmentJobs.stream, one listing`,
    [
      "live heap at start (MB)",
      `at ${first} jobs (MB)`,
      `at ${total} jobs (MB)`,
      `growth ${first} → ${total} (MB)`,
      "of which the loop guard's tokens, estimated (MB)",
      "wall µs/job (the stub builds each page; two full GCs)"
    ],
    [[
      mb(base),
      mb(atFirst),
      mb(atEnd),
      mb(atEnd - atFirst),
      mb(guardBytes),
      fixed(seconds * 1e6 / total, 2)
    ]]
  )
  await runtime.dispose()
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
