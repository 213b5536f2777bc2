/**
 * The exit codes of `personalize-jobs`, one per kind of failure, so that scripts can tell them apart. `table` is
 * the one list of them, with what each means; `personalize-jobs --help` prints it.
 *
 * @since 0.1.0
 */
import type { CliError } from "./CliError.js"
import * as errors from "./internal/errors.js"
import * as internal from "./internal/exitCode.js"

/**
 * One exit code, its name in `ExitCode`, and what it means.
 *
 * @example
 * ```ts
 * import type { ExitCode } from "@effect-personalize/cli"
 *
 * const row = (entry: ExitCode.Entry): string => `${String(entry.code).padStart(3)}  ${entry.name}`
 * ```
 *
 * @since 0.2.0
 * @category models
 */
export type Entry = internal.Entry

/**
 * Every exit code in increasing order, with what it means.
 *
 * @example
 * ```ts
 * import { ExitCode } from "@effect-personalize/cli"
 *
 * const help = ExitCode.table.map(({ code, meaning }) => `${code}  ${meaning}`).join("\n")
 * ```
 *
 * @since 0.2.0
 * @category constants
 */
export const table: ReadonlyArray<Entry> = internal.table

/**
 * The codes by name (`ExitCode.Throttled` is 5), as `table` lists them.
 *
 * @example
 * ```ts
 * import { ExitCode } from "@effect-personalize/cli"
 *
 * assert.strictEqual(ExitCode.ExitCode.Throttled, 5)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const ExitCode: internal.ExitCodes = internal.ExitCode

/**
 * One of the exit codes of `table`.
 *
 * @example
 * ```ts
 * import { ExitCode } from "@effect-personalize/cli"
 *
 * // the failures that may go away by themselves
 * const { ServiceError, Throttled, Transport } = ExitCode.ExitCode
 * const worthRetrying = (code: ExitCode.ExitCode): boolean =>
 *   code === Throttled || code === Transport || code === ServiceError
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type ExitCode = internal.ExitCode

/**
 * Every error a command can end with: a `PersonalizeError`, a usage error, a configuration error, or the
 * embedded emulator failing to start.
 *
 * @example
 * ```ts
 * import { ExitCode } from "@effect-personalize/cli"
 *
 * const report = (error: ExitCode.Error): string => `exit ${ExitCode.fromError(error)}: ${ExitCode.message(error)}`
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Error = CliError

/**
 * The exit code of an error.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 * import { ExitCode } from "@effect-personalize/cli"
 *
 * const throttled = new PersonalizeError.ThrottlingException({ code: "ThrottlingException" })
 * assert.strictEqual(ExitCode.fromError(throttled), ExitCode.ExitCode.Throttled)
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const fromError: (error: CliError) => ExitCode = errors.exitCodeOf

/**
 * The one line printed on stderr for an error: what happened and what to do.
 *
 * @example
 * ```ts
 * import { CliError, ExitCode } from "@effect-personalize/cli"
 *
 * const error = new CliError.UsageError({ detail: "--max-items must be a positive whole number" })
 * assert.strictEqual(ExitCode.message(error), "--max-items must be a positive whole number")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const message: (error: CliError) => string = errors.messageOf
