/**
 * The demo data of `personalize-jobs --emulator`, the same in both editions: the embedded emulator's jobs (the same on
 * every run, every status, some failures), its region, the key of its page tokens, the new job a `watch` sees every
 * 20 seconds, and the line that announces it. Times are in milliseconds; each edition's CLI gives them to its own
 * emulator.
 *
 * @since 0.1.0
 */

/**
 * The seed of the demo data: the same jobs, lifecycles and page-token key on every run.
 *
 * @example
 * ```ts
 * import { CliDemo } from "@effect-personalize/protocol"
 *
 * console.log(`seed ${CliDemo.seed}`)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const seed = 42

/**
 * The jobs: 4 solution versions of 8 jobs each, generated from {@link seed}.
 *
 * @example
 * ```ts
 * import { CliDemo } from "@effect-personalize/protocol"
 *
 * const jobs = CliDemo.generate.solutionVersions * CliDemo.generate.jobsPerVersion
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const generate: {
  readonly solutionVersions: number
  readonly jobsPerVersion: number
  readonly seed: number
} = { solutionVersions: 4, jobsPerVersion: 8, seed }

/**
 * How a new job moves through its statuses (milliseconds): 15 s pending, 45 s in progress, then active or, for a
 * quarter of them, failed.
 *
 * @example
 * ```ts
 * import { CliDemo } from "@effect-personalize/protocol"
 *
 * const settled = CliDemo.lifecycle.pendingFor + CliDemo.lifecycle.runFor
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const lifecycle: {
  readonly pendingFor: number
  readonly runFor: number
  readonly failureRate: number
  readonly seed: number
} = { pendingFor: 15_000, runFor: 45_000, failureRate: 0.25, seed }

/**
 * How often a `watch` against the demo data sees a new job (milliseconds).
 *
 * @example
 * ```ts
 * import { CliDemo } from "@effect-personalize/protocol"
 *
 * console.log(`a new job every ${CliDemo.newJobEvery / 1000} s`)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const newJobEvery = 20_000

/**
 * The region of the embedded emulator's client (and of a shared rate limit's key with `--emulator`).
 *
 * @example
 * ```ts
 * import { CliDemo } from "@effect-personalize/protocol"
 *
 * console.log(CliDemo.region)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const region = "us-east-1"

/**
 * The key of the demo data's page tokens: the same on every run, as the data is, so that a token printed by one
 * `--emulator` run continues in the next, in either edition (a random key, the emulator's default, would refuse it).
 *
 * @example
 * ```ts
 * import { CliDemo } from "@effect-personalize/protocol"
 *
 * console.log(CliDemo.tokenSecret.length > 0)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const tokenSecret = `personalize-jobs --emulator demo data, seed ${seed}`

/**
 * What `--emulator` says on stderr before the listing: where the emulator listens, and the options it ignores.
 *
 * @example
 * ```ts
 * import { CliDemo } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(
 *   CliDemo.announcement("http://127.0.0.1:4566", ["--region"]),
 *   "Using the embedded Personalize emulator at http://127.0.0.1:4566 (generated demo data, seed 42).\n" +
 *     "--region is ignored with --emulator.\n"
 * )
 * ```
 *
 * @since 0.1.0
 * @category messages
 */
export const announcement = (url: string, ignored: ReadonlyArray<string>): string =>
  `Using the embedded Personalize emulator at ${url} (generated demo data, seed ${seed}).\n` +
  (ignored.length === 0
    ? ""
    : `${ignored.join(", ")} ${ignored.length === 1 ? "is" : "are"} ignored with --emulator.\n`)
