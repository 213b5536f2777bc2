import { defineConfig, mergeConfig } from "vitest/config"
import { shared } from "./vitest.shared.js"

const project = (name: string, root: string) => mergeConfig(shared, { test: { name, root } })

export default defineConfig({
  test: {
    // the JSON report gives CI its summary line
    reporters: ["default", "json"],
    outputFile: { json: ".tsbuild/vitest-report.json" },
    projects: [
      project("protocol", "packages/protocol"),
      project("core", "packages/core"),
      project("aws", "packages/aws"),
      project("emulator", "packages/emulator"),
      project("cli", "packages/cli"),
      // processes and servers on a shared 2-core machine: generous limits, so that load is not a failure
      mergeConfig(shared, {
        test: { name: "e2e", root: ".", include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 60_000 }
      })
    ]
  }
})
