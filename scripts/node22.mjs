// The Node that runs the Effect 4 edition (effect 4 needs Node >= 22.19, vitest 5 and Stryker 10 need 22): the one in
// PERSONALIZE_NODE when it is set, else this Node when it is recent enough, else Node 22 fetched from the npm registry
// (`npx -y node@22`). Used by scripts/test-effect4.mjs, start.mjs, mutate.mjs, try-getting-started.mjs and the
// benchmarks (bench/run.ts, bench/fanout.ts).
import { execFileSync } from "node:child_process"

/** Whether a Node of this version (default: this one) runs effect 4. */
export const runsEffect4 = (version = process.versions.node) => {
  const [major, minor] = version.split(".").map(Number)
  return major > 22 || (major === 22 && minor >= 19)
}

/** The path of a Node that runs effect 4: PERSONALIZE_NODE, this one, or Node 22 from the npm registry. */
export const node22 = () =>
  process.env.PERSONALIZE_NODE ??
    (runsEffect4()
      ? process.execPath
      : execFileSync("npx", ["-y", "node@22", "-p", "process.execPath"], { encoding: "utf8" }).trim())
