// The README's first command, `pnpm start`: builds the Effect 4 edition and runs its command-line program against
// the embedded emulator (`personalize-jobs list --emulator`). Effect 4 needs Node 22.19 or later: when the machine's
// Node is older, Node 22 is fetched from the npm registry (`npx -y node@22`), as the tests do.
//
// Usage: pnpm start [-- personalize-jobs arguments]   (default: list --emulator)
// PERSONALIZE_NODE=/path/to/node picks the Node that runs the program.
import { spawnSync } from "node:child_process"
import * as path from "node:path"
import { node22 } from "./node22.mjs"

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..")
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc")

const node = node22()

const build = spawnSync(process.execPath, [tsc, "-b", path.join(root, "editions", "effect4", "cli", "tsconfig.src.json")], {
  cwd: root,
  stdio: "inherit"
})
if (build.status !== 0) process.exit(build.status ?? 1)

const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === "--"))
const { status, signal } = spawnSync(
  node,
  [path.join(root, "editions", "effect4", "cli", "dist", "bin.js"), ...(args.length > 0 ? args : ["list", "--emulator"])],
  { cwd: root, stdio: "inherit" }
)
process.exit(status ?? (signal === "SIGINT" ? 130 : 1))
