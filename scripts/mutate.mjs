// Mutation testing of one package: `pnpm mutate <protocol|core|aws|emulator|cli|effect4-core|effect4-aws> [options]`,
// e.g. `pnpm mutate aws --concurrency 2`. The settings are in stryker.config.mjs; the report is written to
// .tsbuild/mutation/<package>/index.html, and the incremental file mutation/<package>.incremental.json is updated
// (commit it with the change, so that the next run only tests what changed).
//
// The Effect 4 edition's packages run with the edition's Stryker (10, the one whose vitest runner works with vitest 5)
// from `editions/effect4`, under Node >= 22.19 (effect 4's floor; Stryker 10 needs 22): the machine's Node when it is
// one, else Node 22 fetched from the npm registry as scripts/test-effect4.mjs does (PERSONALIZE_NODE picks another).
import { spawnSync } from "node:child_process"
import * as path from "node:path"
import { node22 } from "./node22.mjs"

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..")
const [name, ...rest] = process.argv.slice(2)
const packages = ["protocol", "core", "aws", "emulator", "cli", "effect4-core", "effect4-aws"]
if (!packages.includes(name ?? "")) {
  console.error(`Usage: pnpm mutate <${packages.join("|")}> [stryker options]`)
  process.exit(2)
}

const effect4 = name.startsWith("effect4-")
const node = effect4 ? node22() : process.execPath
const cwd = effect4 ? path.join(root, "editions", "effect4") : root
const stryker = path.join(cwd, "node_modules", "@stryker-mutator", "core", "bin", "stryker.js")
const { error, status } = spawnSync(node, [stryker, "run", path.join(root, "stryker.config.mjs"), ...rest], {
  cwd,
  stdio: "inherit",
  env: { ...process.env, MUTATE_PACKAGE: name }
})
if (error !== undefined) throw error
process.exit(status ?? 1)
