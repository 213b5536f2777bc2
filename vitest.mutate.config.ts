// The vitest project of one package (MUTATE_PACKAGE), for Stryker (stryker.config.mjs): the same settings as that
// project in vitest.config.ts. The protocol package's code is run by the tests of every package that uses it (the
// emulator's by the emulator's tests, the resume token by the core's, the scrubbing of errors by the aws's): its
// mutants are tested against all of them.
import { defineConfig, mergeConfig } from "vitest/config"
import { shared } from "./vitest.shared.js"

const name = process.env.MUTATE_PACKAGE ?? "core"
const projects = name === "protocol" ? ["protocol", "core", "aws", "emulator", "cli"] : [name]

export default defineConfig({
  test: {
    projects: projects.map((project) => mergeConfig(shared, { test: { name: project, root: `packages/${project}` } }))
  }
})
