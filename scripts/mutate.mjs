// Mutation testing of one package: `pnpm mutate <core|aws|emulator|cli> [stryker options]`, e.g.
// `pnpm mutate aws --concurrency 2`. The settings are in stryker.config.mjs; the report is written to
// .tsbuild/mutation/<package>/index.html, and the incremental file mutation/<package>.incremental.json is updated
// (commit it with the change, so that the next run only tests what changed).
import { spawnSync } from "node:child_process"
import * as path from "node:path"

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..")
const [name, ...rest] = process.argv.slice(2)
const packages = ["core", "aws", "emulator", "cli"]
if (!packages.includes(name ?? "")) {
  console.error(`Usage: pnpm mutate <${packages.join("|")}> [stryker options]`)
  process.exit(2)
}
const stryker = path.join(root, "node_modules", ".bin", "stryker")
const { error, status } = spawnSync(stryker, ["run", "stryker.config.mjs", ...rest], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, MUTATE_PACKAGE: name }
})
if (error !== undefined) throw error
process.exit(status ?? 1)
