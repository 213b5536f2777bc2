// The Effect 4 edition's checks: its type check (sources, tests, the JSDoc examples), then its tests under Node 22 (effect 4 needs Node >= 22.19, and
// vitest 5 Node >= 22.12), fetched from the npm registry as `.ci/run` does for 22 and 24 when the machine's Node is
// older. The aws tests start this edition's emulator as a process, from its build (the type check builds it); the
// emulator's conformance test starts the Effect 3 edition's emulator too, from its build: it is built first.
//
// Usage: node scripts/test-effect4.mjs [vitest arguments ...]    (e.g. `--project effect4-core pagination`)
// PERSONALIZE_NODE=/path/to/node picks the Node that runs the tests.
import { execFileSync, spawnSync } from "node:child_process"
import * as path from "node:path"
import { node22 } from "./node22.mjs"

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..")
const edition = path.join(root, "editions", "effect4")
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc")

const run = (command, args, cwd) => {
  const result = spawnSync(command, args, { cwd, stdio: "inherit" })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const node = node22()

console.log("== effect 4 edition: type check")
run(process.execPath, [tsc, "-b", path.join(edition, "tsconfig.json")], root)
run(process.execPath, [tsc, "-p", path.join(edition, "tsconfig.setup.json")], root)
run(process.execPath, [path.join(root, "scripts", "check-jsdoc-effect4.mjs")], root)
console.log(
  "== effect 4 edition: the Effect 3 edition's emulator and CLI, which the conformance tests compare with this one's"
)
run(process.execPath, [
  tsc,
  "-b",
  path.join(root, "packages", "emulator", "tsconfig.src.json"),
  path.join(root, "packages", "cli", "tsconfig.src.json")
], root)
console.log(`== effect 4 edition: tests under Node ${execFileSync(node, ["--version"], { encoding: "utf8" }).trim()}`)
run(node, [path.join(edition, "node_modules", "vitest", "vitest.mjs"), "run", ...process.argv.slice(2)], edition)
