// The vitest project of one package of the Effect 4 edition (MUTATE_PACKAGE, e.g. `effect4-aws`), for Stryker
// (stryker.config.mjs, run from this folder by scripts/mutate.mjs): the same settings as that project in
// vitest.config.ts, except that the test files share one module graph (`isolate: false`): most of a mutant's run was
// spent importing the AWS SDK and effect again for each test file (the dry run, which must pass, checks that no test
// depends on a fresh one).
import { defineConfig, mergeConfig } from "vitest/config"
import { shared } from "./vitest.shared.js"

const name = process.env.MUTATE_PACKAGE ?? "effect4-core"

export default defineConfig({
  test: {
    projects: [mergeConfig(shared, { test: { name, root: name.replace(/^effect4-/, ""), isolate: false } })]
  }
})
