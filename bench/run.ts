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
 * | `fanout` | many listings against a rate-limited service: the SDK's adaptive mode and both editions' `streamMany` |
 * | `editions` | both editions side by side in one process: `core`, `paginate` (throughput) and `heap` (`editions.mjs`) |
 * | `fleet` | 4 processes x 4 streams on one account's quota, sharing `RateLimit.layerStore` through Redis, beside each under its own `RateLimit.layer` (Effect 4 edition; skipped without redis-server) |
 *
 * `editions`, `fanout` and `fleet` (they run the Effect 4 edition) run under Node >= 22.19 (effect 4 needs it): this
 * Node when it is one, else Node 22 fetched from the npm registry with npx, as `scripts/test-effect4.mjs` does;
 * PERSONALIZE_NODE picks another. `pnpm bench` builds the Effect 4 edition too.
 */
import { spawn } from "node:child_process"
import type * as Node22 from "../scripts/node22.mjs"

const benchmarks = ["core", "heap", "paginate", "cli", "fanout", "editions", "fleet"] as const
/** The benchmarks that run the Effect 4 edition, hence under Node >= 22.19. */
const underNode22: ReadonlySet<string> = new Set(["fanout", "editions", "fleet"])

/** A Node that runs effect 4 (scripts/node22.mjs, from the build in bench/.tsbuild/out). */
const { node22 }: typeof Node22 = await import(
  new URL("../../../scripts/node22.mjs", import.meta.url).href
)

const args = process.argv.slice(2).filter((arg) => arg !== "--")
const quick = args.includes("--quick")
const onlyAt = args.indexOf("--only")
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? "").split(",")) : undefined

const runOne = (name: string): Promise<number> =>
  new Promise((resolve) => {
    // editions.mjs is plain JavaScript (each edition resolves its own effect), run from bench/, not from the build;
    // fleet is the Effect 4 edition's rig of its many-processes test, built by its type check
    const file = name === "editions"
      ? new URL("../../editions.mjs", import.meta.url).pathname
      : name === "fleet"
      ? new URL("../../../editions/effect4/aws/.tsbuild/test/fleet/bench.js", import.meta.url).pathname
      : new URL(`./${name}.js`, import.meta.url).pathname
    let node = process.execPath
    try {
      if (underNode22.has(name)) node = node22()
    } catch {
      return resolve(1)
    }
    const child = spawn(node, ["--expose-gc", file, ...(quick ? ["--quick"] : [])], { stdio: "inherit" })
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
