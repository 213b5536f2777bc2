import { defineConfig, mergeConfig } from "vitest/config"
import { shared } from "./vitest.shared.js"

const project = (name: string, root: string) => mergeConfig(shared, { test: { name, root } })

// The Effect 4 edition's tests: vitest 5 and @effect/vitest 4, under Node >= 22.19 (scripts/test-effect4.mjs).
export default defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: ".tsbuild/vitest-report.json" },
    projects: [
      project("effect4-core", "core"),
      project("effect4-aws", "aws"),
      project("effect4-emulator", "emulator"),
      project("effect4-cli", "cli"),
      // the recipes of docs/recipes.md and the tests of docs/testing.md, for this edition
      project("effect4-docs", "../../docs/examples/effect4")
    ]
  }
})
