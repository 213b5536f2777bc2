// Mutation testing (Stryker with its vitest runner), one package at a time: `pnpm mutate aws` (scripts/mutate.mjs
// names the package in MUTATE_PACKAGE). docs/testing.md says how to read the report and lists the scores.
const name = process.env.MUTATE_PACKAGE
const packages = ["core", "aws", "emulator", "cli"]
if (!packages.includes(name ?? "")) {
  throw new Error(`MUTATE_PACKAGE must be one of ${packages.join(", ")}; run \`pnpm mutate <package>\``)
}

// `thresholds.break` per package: just below the score last reached, so that a change that lets more mutants
// survive fails the run. Raise it with the score; never lower it to make a run pass.
const breakAt = { core: 85, aws: 81, emulator: 0, cli: 0 }

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "pnpm",
  // under pnpm the runner is not found by Stryker's own search of node_modules: it is named here
  plugins: ["@stryker-mutator/vitest-runner"],
  testRunner: "vitest",
  // the package's own vitest project (vitest.mutate.config.ts), run against its sources
  vitest: { configFile: "vitest.mutate.config.ts", related: false },
  coverageAnalysis: "perTest",
  mutate: [`packages/${name}/src/**/*.ts`, `!packages/${name}/src/index.ts`],
  // mutants in module-level code run once at import: each would need a fresh process per test run
  ignoreStatic: true,
  // a rerun tests only the mutants whose code or tests changed since the file was written; it is kept in the
  // repository so that a fresh clone starts from the last full run
  incremental: true,
  incrementalFile: `mutation/${name}.incremental.json`,
  // the sandbox needs the sources, the tests, the configs and the builds (bin tests run dist/); not docs or benchmarks
  ignorePatterns: [".tsbuild", "coverage", "/mutation", "/scripts", "/docs", "/bench/**", "!/bench/tsconfig*.json"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  concurrency: 1,
  // the machine is shared and slow under load: a mutant must take far longer than the tests do to count as a hang
  timeoutMS: 20_000,
  timeoutFactor: 3,
  thresholds: { high: 90, low: 80, break: breakAt[name] },
  reporters: ["clear-text", "progress", "html", "json"],
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
  htmlReporter: { fileName: `.tsbuild/mutation/${name}/index.html` },
  jsonReporter: { fileName: `.tsbuild/mutation/${name}/mutation.json` }
}
