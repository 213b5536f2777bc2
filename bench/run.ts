/**
 * Runs every benchmark, each in a fresh Node process (so that none inherits another's heap or JIT state), one after
 * the other, and fails when one fails. `pnpm bench` builds first; `pnpm bench -- --quick` runs each with fewer
 * rounds and smaller sizes, to check that every workload still runs (nothing is asserted on time): that is what CI
 * runs. `--only NAME[,NAME]` runs some of them.
 *
 * | benchmark | what it measures |
 * | --- | --- |
 * | `core` | the core alone through a stub port: µs per job to validate, decode, and stream |
 * | `heap` | one listing of a million jobs through the stub port: the growth of the live heap |
 * | `paginate` | the AWS SDK's paginator against `pages` over HTTP: throughput, and a pipeline with prefetch |
 * | `cli` | `personalize-jobs list --emulator`: the time to its first row, its peak RSS |
 * | `fanout` | many listings against a rate-limited service |
 */
import { spawn } from "node:child_process"

const benchmarks = ["core", "heap", "paginate", "cli", "fanout"] as const

const args = process.argv.slice(2).filter((arg) => arg !== "--")
const quick = args.includes("--quick")
const onlyAt = args.indexOf("--only")
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? "").split(",")) : undefined

const runOne = (name: string): Promise<number> =>
  new Promise((resolve) => {
    const file = new URL(`./${name}.js`, import.meta.url).pathname
    const child = spawn(process.execPath, ["--expose-gc", file, ...(quick ? ["--quick"] : [])], { stdio: "inherit" })
    child.once("error", () => resolve(1))
    child.once("close", (code) => resolve(code ?? 1))
  })

const main = async () => {
  const failed: Array<string> = []
  const started = performance.now()
  for (const name of benchmarks) {
    if (only !== undefined && !only.has(name)) continue
    console.log(`\n## ${name}${quick ? " (quick)" : ""}`)
    const code = await runOne(name)
    if (code !== 0) failed.push(`${name} (exit code ${code})`)
  }
  console.log(`\n${quick ? "quick run" : "run"}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
  if (failed.length > 0) {
    console.error(`failed: ${failed.join(", ")}`)
    process.exitCode = 1
  }
}

main()
