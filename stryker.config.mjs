// Mutation testing (Stryker with its vitest runner), one package at a time: `pnpm mutate aws` (scripts/mutate.mjs
// names the package in MUTATE_PACKAGE). docs/contributing.md says how to read the report and lists the scores.
//
// The Effect 4 edition's packages (`pnpm mutate effect4-aws`) run under Node 22 with Stryker 10 (the edition's
// devDependency: Stryker 9.5's vitest runner does not work with vitest 5), from `editions/effect4`, so that the
// sandbox's vitest is the edition's: the paths below are then relative to that folder.
const name = process.env.MUTATE_PACKAGE
const packages = ["protocol", "core", "aws", "emulator", "cli", "effect4-core", "effect4-aws"]
if (!packages.includes(name ?? "")) {
  throw new Error(`MUTATE_PACKAGE must be one of ${packages.join(", ")}; run \`pnpm mutate <package>\``)
}

// `thresholds.break` per package: just below the score last reached, so that a change that lets more mutants
// survive fails the run. Raise it with the score; never lower it to make a run pass.
const breakAt = { protocol: 0, core: 85, aws: 81, emulator: 68, cli: 74, "effect4-core": 86, "effect4-aws": 81 }

const effect4 = name.startsWith("effect4-")
// from the folder Stryker runs in to the repository's root
const root = effect4 ? "../.." : "."
const sources = effect4 ? `${name.slice("effect4-".length)}/src` : `packages/${name}/src`

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "pnpm",
  // under pnpm the runner is not found by Stryker's own search of node_modules: it is named here (the edition's by
  // its path: by name, Stryker 10 would find the workspace's 9.5 runner)
  plugins: [
    effect4 ? "./node_modules/@stryker-mutator/vitest-runner/dist/src/index.js" : "@stryker-mutator/vitest-runner"
  ],
  testRunner: "vitest",
  // the package's own vitest project (vitest.mutate.config.ts, the edition's for the edition), run against its sources
  vitest: { configFile: "vitest.mutate.config.ts", related: false },
  coverageAnalysis: "perTest",
  mutate: [`${sources}/**/*.ts`, `!${sources}/index.ts`],
  // mutants in module-level code run once at import: each would need a fresh process per test run
  ignoreStatic: true,
  // a rerun tests only the mutants whose code or tests changed since the file was written; it is kept in the
  // repository so that a fresh clone starts from the last full run
  incremental: true,
  incrementalFile: `${root}/mutation/${name}.incremental.json`,
  // the sandbox needs the sources, the tests, the configs and the builds (bin tests run dist/); not docs or benchmarks
  ignorePatterns: effect4
    ? [".tsbuild", "dist", "coverage", "/bench"]
    : [".tsbuild", "coverage", "/mutation", "/scripts", "/docs", "/bench/**", "!/bench/tsconfig*.json"],
  // The edition's sandbox sits at the edition's depth (.stryker-tmp/sandbox-* at the root, as the Effect 3
  // packages' do), so that what its tests and configs reach outside it by relative path (the shared protocol package,
  // the Effect 3 edition's builds, tsconfig.base.json) resolves as from the edition itself. Stryker would rewrite the
  // tsconfig files' outward paths for a sandbox two folders deeper (its default place): `tsconfigFile` names no file,
  // so it leaves them alone.
  tempDirName: `${root}/.stryker-tmp`,
  ...(effect4 ? { tsconfigFile: "tsconfig.no-rewrite.json" } : {}),
  cleanTempDir: "always",
  concurrency: 1,
  // the machine is shared and slow under load: a mutant must take far longer than the tests do to count as a hang
  timeoutMS: 20_000,
  timeoutFactor: 3,
  thresholds: { high: 90, low: 80, break: breakAt[name] },
  reporters: ["clear-text", "progress", "html", "json"],
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
  htmlReporter: { fileName: `${root}/.tsbuild/mutation/${name}/index.html` },
  jsonReporter: { fileName: `${root}/.tsbuild/mutation/${name}/mutation.json` }
}
