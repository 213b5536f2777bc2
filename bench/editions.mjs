// Both editions side by side in one process and run, each on its own effect (3.x for the Effect 3 edition, 4.x for
// the Effect 4 one), the same workloads as core.ts, paginate.ts and heap.ts run for the Effect 3 edition alone:
//
// - `core`: the core's cost per page of a listing (`ListBatchSegmentJobs.stream` to the end) through a stub port
//   (pre-built raw pages as the AWS SDK hands them over, `Date` timestamps; no HTTP), beyond a plain loop over the
//   same pages. Rounds alternate the editions (and the loop); CPU time of this process (user + system, GC threads
//   included), medians. 5000 jobs in pages of 100, 40 rounds (`--quick`: 1000 jobs, 3 rounds).
// - `paginate`: throughput against the AWS SDK's own paginator: `paginateListBatchSegmentJobs` and each edition's
//   `ListBatchSegmentJobs.pages` over `PersonalizeAws.layer`, the same emulator (a child process, so that its work is
//   not counted), a consumer that only counts; rounds alternate the three; wall and CPU time of this process,
//   medians, each edition as a ratio to the SDK. 5000 jobs in pages of 100, 7 rounds (`--quick`: 1000 jobs, 1 round).
// - `heap`: one listing of a million jobs (`--quick`: 100 000) through the stub port, each page built when asked; the
//   live heap (after two full GCs) at a tenth of the jobs and at the end, for each edition in turn. The loop guard
//   keeps every `nextToken` it has seen, in both editions (about 0.19 MB per 1000 pages of these tokens).
//
// Run after building both editions (`npx tsc -b tsconfig.json` and `npx tsc -b editions/effect4/tsconfig.json`),
// under Node >= 22.19: `node --expose-gc bench/editions.mjs [--quick] [--only core,paginate,heap]`; `pnpm bench`
// runs it so (bench/run.ts).
import { paginateListBatchSegmentJobs, PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import { spawn } from "node:child_process"
import { createInterface } from "node:readline"
import * as effect4 from "../editions/effect4/bench/stub-effect4.mjs"
import * as effect3 from "./stub-effect3.mjs"

const quick = process.argv.includes("--quick")
const onlyAt = process.argv.indexOf("--only")
const only = onlyAt >= 0 ? new Set(process.argv[onlyAt + 1].split(",")) : undefined
const editions = [effect3, effect4]
const pageSize = 100
const arn = "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"
const token = (index) => `${index}.${"A".repeat(140)}`
const pageOf = (request) =>
  request.nextToken === undefined ? 0 : Number(request.nextToken.slice(0, request.nextToken.indexOf(".")))
const rawPage = (index, pages) => ({
  body: {
    batchSegmentJobs: Array.from({ length: pageSize }, (_, i) => {
      const n = index * pageSize + i
      return {
        batchSegmentJobArn: `arn:aws:personalize:us-east-1:123456789012:batch-segment-job/segment-job-${n}`,
        jobName: `segment-job-${n}`,
        status: n % 10 === 0 ? "CREATE FAILED" : "ACTIVE",
        creationDateTime: new Date(1_700_000_000_000 + n * 1000),
        lastUpdatedDateTime: new Date(1_700_000_100_000 + n * 1000),
        ...(n % 10 === 0 ? { failureReason: "the input is not valid" } : {}),
        solutionVersionArn: arn
      }
    }),
    nextToken: index + 1 < pages ? token(index + 1) : undefined
  },
  requestId: `00000000-0000-0000-0000-${String(index).padStart(12, "0")}`
})

const cpuMs = (since) => {
  const { system, user } = process.cpuUsage(since)
  return (user + system) / 1000
}
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
const check = (ok, message) => {
  if (!ok) throw new Error(message)
}

const core = async () => {
  const jobs = quick ? 1000 : 5000
  const pages = jobs / pageSize
  const rounds = quick ? 3 : 40
  const raw = Array.from({ length: pages }, (_, index) => rawPage(index, pages))
  const tasks = {
    loop: async () => {
      let n = 0
      for (const page of raw) for (const job of page.body.batchSegmentJobs) if (job.jobName !== undefined) n++
      return n
    }
  }
  for (const edition of editions) {
    const listing = edition.make(raw, pageOf)
    tasks[edition.edition] = () => listing(pageSize)
  }
  const names = Object.keys(tasks)
  for (let i = 0; i < (quick ? 2 : 30); i++) {
    for (const name of names) {
      const n = await tasks[name]()
      check(n === jobs, `${name}: ${n} jobs, expected ${jobs}`)
    }
  }
  const cpu = new Map(names.map((name) => [name, []]))
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]
      const start = process.cpuUsage()
      await tasks[name]()
      cpu.get(name).push(cpuMs(start))
    }
  }
  const floor = median(cpu.get("loop"))
  console.log(
    `\n### core: ${jobs} jobs through a stub port in pages of ${pageSize}, ${rounds} rounds (CPU time, medians)`
  )
  console.log("| workload | ms a listing | µs a page beyond the loop | µs a job beyond the loop |")
  console.log("| --- | ---: | ---: | ---: |")
  for (const name of names) {
    const ms = median(cpu.get(name))
    const beyond = (ms - floor) * 1000
    console.log(`| ${name} | ${ms.toFixed(2)} | ${(beyond / pages).toFixed(1)} | ${(beyond / jobs).toFixed(2)} |`)
  }
  const ratio = (median(cpu.get(effect4.edition)) - floor) / (median(cpu.get(effect3.edition)) - floor)
  console.log(`effect 4 edition / effect 3 edition, beyond the loop: ${ratio.toFixed(2)}`)
}

/** Starts the Effect 3 edition's `personalize-emulator` (its build) under this Node; stopped with `stop`. */
const startEmulator = (args) =>
  new Promise((resolve, reject) => {
    const bin = new URL("../packages/emulator/dist/bin.js", import.meta.url).pathname
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "ignore"] })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`personalize-emulator exited (${code}) before listening`)))
    createInterface({ input: child.stdout }).once("line", (url) => {
      child.removeAllListeners("exit")
      resolve({ url, stop: () => child.kill("SIGTERM") })
    })
  })

const credentials = effect3.testCredentials

const paginate = async () => {
  const jobs = quick ? 1000 : 5000
  const rounds = quick ? 1 : Number(process.env.BENCH_ROUNDS ?? 7)
  const server = await startEmulator(["--generate", `10:${jobs / 10}`, "--random-seed", "1"])
  const sdk = new SdkClient({
    region: "us-east-1",
    endpoint: server.url,
    credentials,
    // as in paginate.ts: a second attempt only for a pooled connection the emulator closed between rounds
    maxAttempts: 2
  })
  const clients = []
  try {
    const sides = {
      "AWS SDK paginateListBatchSegmentJobs": async () => {
        let count = 0
        for await (const page of paginateListBatchSegmentJobs({ client: sdk, pageSize }, {})) {
          count += page.batchSegmentJobs?.length ?? 0
        }
        return count
      }
    }
    for (const edition of editions) {
      const client = await edition.overHttp(server.url, credentials)
      clients.push(client)
      sides[`${edition.edition}: ListBatchSegmentJobs.pages`] = () => client.list(pageSize, async () => {})
    }
    const names = Object.keys(sides)
    for (const name of names) {
      const n = await sides[name]()
      check(n === jobs, `${name}: ${n} jobs, expected ${jobs}`)
    }
    const wall = new Map(names.map((name) => [name, []]))
    const cpu = new Map(names.map((name) => [name, []]))
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(i + round) % names.length]
        const start = performance.now()
        const since = process.cpuUsage()
        await sides[name]()
        cpu.get(name).push(cpuMs(since))
        wall.get(name).push(performance.now() - start)
      }
    }
    const sdkName = names[0]
    console.log(
      `\n### paginate: ${jobs} jobs in pages of ${pageSize} from the emulator over HTTP, ${rounds} round(s) (medians)`
    )
    console.log("| side | wall ms | / SDK | client CPU ms | / SDK |")
    console.log("| --- | ---: | ---: | ---: | ---: |")
    for (const name of names) {
      const w = median(wall.get(name))
      const c = median(cpu.get(name))
      console.log(
        `| ${name} | ${w.toFixed(1)} | ${(w / median(wall.get(sdkName))).toFixed(2)} | ${c.toFixed(1)} | ${
          (c / median(cpu.get(sdkName))).toFixed(2)
        } |`
      )
    }
  } finally {
    for (const client of clients) await client.dispose()
    sdk.destroy()
    server.stop()
  }
}

const heap = async () => {
  check(globalThis.gc !== undefined, "run with --expose-gc")
  const total = quick ? 100_000 : 1_000_000
  const first = total / 10
  const pages = total / pageSize
  const liveHeap = () => {
    globalThis.gc()
    globalThis.gc()
    return process.memoryUsage().heapUsed
  }
  const mb = (bytes) => (bytes / 1024 / 1024).toFixed(2)
  console.log(`\n### heap: ${total} jobs through the stub port, pages of ${pageSize} built when asked, one listing`)
  console.log(`| edition | live heap at start (MB) | at ${first} jobs | at ${total} jobs | growth (MB) | wall µs/job |`)
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |")
  for (const edition of editions) {
    const listing = edition.makeWith((request) => rawPage(pageOf(request), pages))
    const base = liveHeap()
    let atFirst = 0
    let atEnd = 0
    const started = performance.now()
    const count = await listing(pageSize, (n) => {
      if (n === first) atFirst = liveHeap()
      if (n === total) atEnd = liveHeap()
    })
    const seconds = (performance.now() - started) / 1000
    check(count === total, `${edition.edition}: listed ${count} jobs, expected ${total}`)
    console.log(
      `| ${edition.edition} | ${mb(base)} | ${mb(atFirst)} | ${mb(atEnd)} | ${mb(atEnd - atFirst)} | ${
        (seconds * 1e6 / total).toFixed(2)
      } |`
    )
  }
  const guard = (pages - first / pageSize) * (142 + String(pages).length + 16 + 24)
  console.log(`(of the growth, the loop guard's tokens, estimated: ${mb(guard)} MB in each edition)`)
}

const workloads = { core, paginate, heap }
console.log(`node ${process.version}${quick ? " (quick)" : ""}`)
for (const [name, run] of Object.entries(workloads)) {
  if (only === undefined || only.has(name)) await run()
}
