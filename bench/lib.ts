/**
 * What the benchmarks share: the `--quick` switch, rounds, statistics, tables, the emulator as a child process and
 * the stub port's pages.
 */
import { PersonalizeClient } from "@effect-personalize/core"
import { Effect } from "effect"
import type { Layer } from "effect"
import { spawn } from "node:child_process"
import { createInterface } from "node:readline"

/** `--quick`: fewer rounds and smaller sizes, to check that every workload runs; nothing is asserted on time. */
export const quick = process.argv.includes("--quick")

/** Rounds of a timed workload: `BENCH_ROUNDS`, else `full` (or 1 with `--quick`). */
export const rounds = (full: number): number => quick ? 1 : Number(process.env.BENCH_ROUNDS ?? full)

export const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc

export const quantile = (xs: ReadonlyArray<number>, q: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * q))]!
}

export const median = (xs: ReadonlyArray<number>): number => quantile(xs, 0.5)

/** Client CPU time (user + system, this process, every thread: GC helpers included) in ms. */
export const cpuMs = (since: NodeJS.CpuUsage): number => {
  const { system, user } = process.cpuUsage(since)
  return (user + system) / 1000
}

/** Prints a Markdown table. */
export const table = (title: string, header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>) => {
  console.log(`\n${title}`)
  console.log(`| ${header.join(" | ")} |`)
  console.log(`| ${header.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`)
  for (const row of rows) console.log(`| ${row.join(" | ")} |`)
}

export const fixed = (x: number, digits = 1): string => Number.isFinite(x) ? x.toFixed(digits) : "-"

/** A failed check: the benchmark exits with an error (`--quick` runs them all, so that none can rot). */
export const check = (ok: boolean, message: string) => {
  if (!ok) throw new Error(message)
}

export interface Emulator {
  readonly url: string
  readonly stop: () => void
}

/** Starts `personalize-emulator` with `args` and gives its URL (the first line it prints). */
export const startEmulator = (args: ReadonlyArray<string>): Promise<Emulator> =>
  new Promise((resolve, reject) => {
    const bin = new URL("../../../packages/emulator/dist/bin.js", import.meta.url).pathname
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "ignore"] })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`personalize-emulator exited (${code}) before listening`)))
    createInterface({ input: child.stdout }).once("line", (url) => {
      child.removeAllListeners("exit")
      resolve({ url, stop: () => child.kill("SIGTERM") })
    })
  })

/** The ARN of the stub's jobs' solution version. */
export const solutionVersionArn = "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"

/**
 * A raw page as the AWS SDK hands it over (members typed by the SDK: `Date` timestamps), and a token of the length
 * the service sends (about 150 characters).
 */
export const rawPage = (index: number, pageSize: number, pages: number): PersonalizeClient.RawResponse => {
  const jobs = []
  for (let i = 0; i < pageSize; i++) {
    const n = index * pageSize + i
    jobs.push({
      batchSegmentJobArn: `arn:aws:personalize:us-east-1:123456789012:batch-segment-job/segment-job-${n}`,
      jobName: `segment-job-${n}`,
      status: n % 10 === 0 ? "CREATE FAILED" : "ACTIVE",
      creationDateTime: new Date(1_700_000_000_000 + n * 1000),
      lastUpdatedDateTime: new Date(1_700_000_100_000 + n * 1000),
      ...(n % 10 === 0 ? { failureReason: "the input is not valid" } : {}),
      solutionVersionArn
    })
  }
  return {
    body: { batchSegmentJobs: jobs, nextToken: index + 1 < pages ? token(index + 1) : undefined },
    requestId: `00000000-0000-0000-0000-${String(index).padStart(12, "0")}`
  }
}

const token = (index: number) => `${index}.${"A".repeat(140)}`
const pageOf = (request: PersonalizeClient.WireRequest) =>
  request.nextToken === undefined ? 0 : Number(request.nextToken.slice(0, request.nextToken.indexOf(".")))

/**
 * The stub port: serves raw pages from memory, no HTTP and no emulator. `prebuilt` builds them once (a listing then
 * measures only this library); otherwise each is built when asked (for listings too long to hold in memory).
 */
export const stubPort = (
  options: { readonly pages: number; readonly pageSize: number; readonly prebuilt: boolean }
): Layer.Layer<PersonalizeClient.PersonalizeClient> => {
  const { pageSize, pages } = options
  const built = options.prebuilt ? Array.from({ length: pages }, (_, i) => rawPage(i, pageSize, pages)) : undefined
  return PersonalizeClient.layerTest((request) =>
    Effect.sync(() => {
      const index = pageOf(request)
      return built !== undefined ? built[index]! : rawPage(index, pageSize, pages)
    })
  )
}
