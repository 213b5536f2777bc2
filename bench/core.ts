/**
 * The core alone: a stub `PersonalizeClient` serves pre-built raw pages from memory (as the AWS SDK hands them
 * over: `Date` timestamps), no HTTP, no emulator, so that every microsecond is this library's. Per job, in the same
 * process and run, round by round in rotating order:
 *
 * - `loop`: a plain loop over the raw pages (the floor: reading the jobs);
 * - `validate`: `Schema.is(BatchSegmentJobSummary)` on every raw job (the rules of the model, no output built);
 * - `decode`: `Schema.decodeUnknownEither(ListBatchSegmentJobs.Response)` on every raw page (what each page call
 *   decodes);
 * - `pages` and `stream`: `ListBatchSegmentJobs.pages` / `.stream` over the stub port, to the end: validation of the
 *   request, the per-attempt timeout, spans, metrics, the retry machinery, decoding, the loop guard, the stream.
 *
 * Client CPU time (user + system of this process, GC threads included) and wall time, medians of the rounds, and
 * the CPU time as a ratio to `decode`'s.
 *
 * Run after `pnpm build`: `node --expose-gc bench/.tsbuild/out/core.js` (5000 jobs, pages of 100, 40 rounds), or
 * with `--quick` (1000 jobs, 3 rounds).
 */
import { BatchSegmentJob, ListBatchSegmentJobs } from "@effect-personalize/core"
import { Either, ManagedRuntime, Schema, Stream } from "effect"
import { check, cpuMs, fixed, median, quick, rawPage, rounds, stubPort, table } from "./lib.js"

const pageSize = 100
const jobs = quick ? 1000 : 5000
const pages = jobs / pageSize
const roundCount = quick ? 3 : rounds(40)

const raw = Array.from({ length: pages }, (_, i) => rawPage(i, pageSize, pages))
const runtime = ManagedRuntime.make(stubPort({ pages, pageSize, prebuilt: true }))
const decode = Schema.decodeUnknownEither(ListBatchSegmentJobs.Response)
const isSummary = Schema.is(BatchSegmentJob.BatchSegmentJobSummary)

type Task = () => Promise<number>

const tasks: Record<string, Task> = {
  loop: async () => {
    let n = 0
    for (const page of raw) {
      for (const job of (page.body as { batchSegmentJobs: ReadonlyArray<{ jobName?: string }> }).batchSegmentJobs) {
        if (job.jobName !== undefined) n++
      }
    }
    return n
  },
  validate: async () => {
    let n = 0
    for (const page of raw) {
      for (const job of (page.body as { batchSegmentJobs: ReadonlyArray<unknown> }).batchSegmentJobs) {
        if (isSummary(job)) n++
      }
    }
    return n
  },
  decode: async () => {
    let n = 0
    for (const page of raw) {
      const decoded = decode(page.body)
      if (Either.isRight(decoded)) n += decoded.right.batchSegmentJobs?.length ?? 0
    }
    return n
  },
  pages: () =>
    runtime.runPromise(
      ListBatchSegmentJobs.pages({}, { pageSize }).pipe(
        Stream.runFold(0, (n, page) => n + page.batchSegmentJobs.length)
      )
    ),
  stream: () => runtime.runPromise(ListBatchSegmentJobs.stream({}, { pageSize }).pipe(Stream.runCount))
}
const names = Object.keys(tasks)

const main = async () => {
  // warm-up: JIT
  for (let i = 0; i < (quick ? 2 : 30); i++) for (const name of names) check(await tasks[name]!() === jobs, name)
  const cpu = new Map(names.map((name) => [name, [] as Array<number>]))
  const wall = new Map(names.map((name) => [name, [] as Array<number>]))
  for (let round = 0; round < roundCount; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]!
      // no forced GC here: a full GC shrinks the young generation, and the next listing pays for it in scavenges
      const started = performance.now()
      const since = process.cpuUsage()
      const count = await tasks[name]!()
      cpu.get(name)!.push(cpuMs(since) * 1000 / jobs)
      wall.get(name)!.push((performance.now() - started) * 1000 / jobs)
      check(count === jobs, `${name} gave ${count} jobs, expected ${jobs}`)
    }
  }
  const decodeCpu = median(cpu.get("decode")!)
  table(
    `core only, stub port: ${jobs} jobs in pages of ${pageSize}, ${roundCount} rounds (medians)`,
    ["work", "CPU µs/job", "wall µs/job", "CPU ratio to decode"],
    names.map((name) => [
      `\`${name}\``,
      fixed(median(cpu.get(name)!), 2),
      fixed(median(wall.get(name)!), 2),
      fixed(median(cpu.get(name)!) / decodeCpu, 2)
    ])
  )
  await runtime.dispose()
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
