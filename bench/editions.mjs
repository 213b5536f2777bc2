// Both editions side by side in one process and run: the core's cost per page of a listing through a stub port
// (pre-built raw pages as the AWS SDK hands them over, `Date` timestamps; no HTTP), beyond a plain loop over the same
// pages. Rounds alternate the editions (and the loop), CPU time of this process (user + system, GC threads
// included), medians. Each edition runs its own effect: 3.x for the Effect 3 edition, 4.x for the Effect 4 one.
//
// Run after building both editions (`npx tsc -b tsconfig.json` and `npx tsc -b editions/effect4/tsconfig.json`),
// under Node >= 22.19: `node --expose-gc bench/editions.mjs [--quick]` (5000 jobs in pages of 100, 40 rounds;
// `--quick`: 1000 jobs, 3 rounds).
import * as effect4 from "../editions/effect4/bench/stub-effect4.mjs"
import * as effect3 from "./stub-effect3.mjs"

const quick = process.argv.includes("--quick")
const pageSize = 100
const jobs = quick ? 1000 : 5000
const pages = jobs / pageSize
const rounds = quick ? 3 : 40
const arn = "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"
const token = (index) => `${index}.${"A".repeat(140)}`
const pageOf = (request) =>
  request.nextToken === undefined ? 0 : Number(request.nextToken.slice(0, request.nextToken.indexOf(".")))
const raw = Array.from({ length: pages }, (_, index) => ({
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
}))

const tasks = {
  loop: async () => {
    let n = 0
    for (const page of raw) for (const job of page.body.batchSegmentJobs) if (job.jobName !== undefined) n++
    return n
  },
  [effect3.edition]: () => listing3(pageSize),
  [effect4.edition]: () => listing4(pageSize)
}
const listing3 = effect3.make(raw, pageOf)
const listing4 = effect4.make(raw, pageOf)
const names = Object.keys(tasks)

const cpuMs = (since) => {
  const { system, user } = process.cpuUsage(since)
  return (user + system) / 1000
}
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

for (let i = 0; i < (quick ? 2 : 30); i++) {
  for (const name of names) {
    const n = await tasks[name]()
    if (n !== jobs) throw new Error(`${name}: ${n} jobs, expected ${jobs}`)
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
console.log(`node ${process.version}, ${jobs} jobs in pages of ${pageSize}, ${rounds} rounds (CPU time, medians)`)
console.log("| workload | ms a listing | µs a page beyond the loop | µs a job beyond the loop |")
console.log("| --- | ---: | ---: | ---: |")
for (const name of names) {
  const ms = median(cpu.get(name))
  const beyond = (ms - floor) * 1000
  console.log(`| ${name} | ${ms.toFixed(2)} | ${(beyond / pages).toFixed(1)} | ${(beyond / jobs).toFixed(2)} |`)
}
const ratio = (median(cpu.get(effect4.edition)) - floor) / (median(cpu.get(effect3.edition)) - floor)
console.log(`effect 4 edition / effect 3 edition, beyond the loop: ${ratio.toFixed(2)}`)
