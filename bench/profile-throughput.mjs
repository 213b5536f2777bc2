// One side of editions.mjs's throughput workload alone in its process, for a CPU profile: `sdk` (the AWS SDK's
// `paginateListBatchSegmentJobs`), `effect3` or `effect4` (that edition's `ListBatchSegmentJobs.pages` over its
// `PersonalizeAws.layer`), listing 5000 jobs in pages of 100 from a `personalize-emulator` child process (its work is
// not in this process's profile), 10 listings to warm up, then `LISTINGS` (default 60) timed ones. It prints the
// median wall and CPU time of a listing, and the window of the timed listings on the profiler's clock, so that the
// profile can be read without the start-up and the warm-up. Under Node >= 22.19 (effect 4 needs it), after building
// both editions:
//
//   node --cpu-prof --cpu-prof-dir=.tsbuild/profiles/effect4 bench/profile-throughput.mjs effect4
//   node --cpu-prof --cpu-prof-dir=.tsbuild/profiles/sdk bench/profile-throughput.mjs sdk
//   node bench/cpuprofile-top.mjs .tsbuild/profiles/effect4/<file>@<window> --per 60 --base .tsbuild/profiles/sdk/<file>@<window>
import { paginateListBatchSegmentJobs, PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import { spawn } from "node:child_process"
import { createInterface } from "node:readline"
import * as effect4 from "../editions/effect4/bench/stub-effect4.mjs"
import * as effect3 from "./stub-effect3.mjs"

const side = process.argv[2]
const sides = ["sdk", "effect3", "effect4"]
if (!sides.includes(side)) {
  console.error(`Usage: node --cpu-prof bench/profile-throughput.mjs <${sides.join("|")}>`)
  process.exit(2)
}
const jobs = 5000
const pageSize = 100
const listings = Number(process.env.LISTINGS ?? 60)

const bin = new URL("../packages/emulator/dist/bin.js", import.meta.url).pathname
const child = spawn(process.execPath, [bin, "--generate", `10:${jobs / 10}`, "--random-seed", "1"], {
  stdio: ["ignore", "pipe", "ignore"]
})
const url = await new Promise((resolve, reject) => {
  child.once("error", reject)
  child.once("exit", (code) => reject(new Error(`personalize-emulator exited (${code}) before listening`)))
  createInterface({ input: child.stdout }).once("line", resolve)
})
child.removeAllListeners("exit")

const credentials = effect3.testCredentials
let list
let dispose
if (side === "sdk") {
  const client = new SdkClient({ region: "us-east-1", endpoint: url, credentials, maxAttempts: 2 })
  list = async () => {
    let count = 0
    for await (const page of paginateListBatchSegmentJobs({ client, pageSize }, {})) {
      count += page.batchSegmentJobs?.length ?? 0
    }
    return count
  }
  dispose = async () => client.destroy()
} else {
  const client = await (side === "effect3" ? effect3 : effect4).overHttp(url, credentials)
  list = () => client.list(pageSize, async () => {})
  dispose = () => client.dispose()
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
try {
  const wall = []
  const cpu = []
  // the profiler's clock: microseconds of the monotonic clock, as process.hrtime
  const micros = () => String(process.hrtime.bigint() / 1000n)
  let from = ""
  for (let i = 0; i < 10 + listings; i++) {
    if (i === 10) from = micros()
    const started = performance.now()
    const since = process.cpuUsage()
    const count = await list()
    const { system, user } = process.cpuUsage(since)
    if (count !== jobs) throw new Error(`${side}: ${count} jobs, expected ${jobs}`)
    if (i >= 10) {
      wall.push(performance.now() - started)
      cpu.push((user + system) / 1000)
    }
  }
  const to = micros()
  console.log(
    `${side}, node ${process.version}: ${listings} listings of ${jobs} jobs, median ${
      median(wall).toFixed(1)
    } ms wall, ${median(cpu).toFixed(1)} ms CPU; window ${from}-${to}`
  )
} finally {
  await dispose()
  child.kill("SIGTERM")
}
