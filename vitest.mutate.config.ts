// The vitest project of one package (MUTATE_PACKAGE), for Stryker (stryker.config.mjs): the same settings as that
// project in vitest.config.ts.
import { defineConfig, mergeConfig } from "vitest/config"
import { shared } from "./vitest.shared.js"

const name = process.env.MUTATE_PACKAGE ?? "core"

export default defineConfig({
  test: {
    projects: [mergeConfig(shared, { test: { name, root: `packages/${name}` } })]
  }
})
