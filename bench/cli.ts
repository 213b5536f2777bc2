/**
 * The command line: `personalize-jobs list --emulator` (its embedded emulator, its demo data, the default table)
 * as a fresh process, as a person runs it. For each run: the time from the start of the process to its first row
 * of jobs on stdout, to its end, and its peak resident set size (read by a preload script from
 * `process.resourceUsage()` when it exits). The same run measures `node` with an empty script as the floor of any
 * Node process, for the ratios.
 *
 * Run after `pnpm build`: `node bench/.tsbuild/out/cli.js` (7 rounds), or with `--quick` (one).
 */
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { check, fixed, median, quick, rounds, table } from "./lib.js"

const roundCount = quick ? 1 : rounds(7)
const bin = new URL("../../../packages/cli/dist/bin.js", import.meta.url).pathname

const dir = mkdtempSync(join(tmpdir(), "bench-cli-"))
const preload = join(dir, "rss.cjs")
writeFileSync(
  preload,
  `process.on("exit", () => require("node:fs").writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)))\n`
)
const empty = join(dir, "empty.mjs")
writeFileSync(empty, "")

interface Run {
  readonly firstRowMs: number
  readonly totalMs: number
  readonly rssKiB: number
  readonly rows: number
}

/** Runs `node <args>`; a row is a line of stdout that `isRow` accepts. */
const run = (args: ReadonlyArray<string>, isRow: (line: string) => boolean): Promise<Run> =>
  new Promise((resolve, reject) => {
    const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}`)
    const started = performance.now()
    let firstRowMs = NaN
    let rows = 0
    const child = spawn(process.execPath, ["--require", preload, ...args], {
      stdio: ["ignore", "pipe", "ignore"],
      env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: "1" }
    })
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (!isRow(line)) return
      rows++
      if (rows === 1) firstRowMs = performance.now() - started
    })
    child.once("error", reject)
    child.once("close", (code) => {
      const totalMs = performance.now() - started
      if (code !== 0) return reject(new Error(`node ${args.join(" ")} exited with ${code}`))
      resolve({ firstRowMs, totalMs, rssKiB: Number(readFileSync(rssFile, "utf8")), rows })
    })
  })

const sides: Record<string, () => Promise<Run>> = {
  "node, empty script": () => run([empty], () => false),
  "personalize-jobs list --emulator": () =>
    run([bin, "list", "--emulator"], (line) => line.trim() !== "" && !line.startsWith("JOB NAME"))
}
const names = Object.keys(sides)

const main = async () => {
  for (const name of names) await sides[name]!() // warm-up: the file system cache
  const results = new Map(names.map((name) => [name, [] as Array<Run>]))
  for (let round = 0; round < roundCount; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]!
      results.get(name)!.push(await sides[name]!())
    }
  }
  const cli = results.get(names[1]!)!
  check(cli.every((r) => r.rows > 0), "personalize-jobs list --emulator printed no row")
  const floor = results.get(names[0]!)!
  const floorTotal = median(floor.map((r) => r.totalMs))
  const floorRss = median(floor.map((r) => r.rssKiB))
  table(
    `the command line, a fresh process each time, ${roundCount} round(s) (medians; ratios to the empty node process)`,
    [
      "process",
      "first row (ms)",
      "end (ms)",
      "end / node's",
      "peak RSS (MiB)",
      "peak RSS / node's",
      "rows"
    ],
    names.map((name) => {
      const runs = results.get(name)!
      const total = median(runs.map((r) => r.totalMs))
      const rss = median(runs.map((r) => r.rssKiB))
      return [
        name,
        fixed(median(runs.map((r) => r.firstRowMs)), 0),
        fixed(total, 0),
        fixed(total / floorTotal, 2),
        fixed(rss / 1024, 1),
        fixed(rss / floorRss, 2),
        String(runs[0]!.rows)
      ]
    })
  )
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
}).finally(() => rmSync(dir, { recursive: true, force: true }))
