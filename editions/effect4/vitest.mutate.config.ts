// The vitest project of one package of the Effect 4 edition (MUTATE_PACKAGE, e.g. `effect4-aws`), for Stryker
// (stryker.config.mjs, run from this folder by scripts/mutate.mjs): the same settings as that project in
// vitest.config.ts.
import { defineConfig, mergeConfig } from "vitest/config"
import { shared } from "./vitest.shared.js"

const name = process.env.MUTATE_PACKAGE ?? "effect4-core"

export default defineConfig({
  test: {
    projects: [mergeConfig(shared, { test: { name, root: name.replace(/^effect4-/, "") } })]
  }
})
