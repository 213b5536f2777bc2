/**
 * The exit codes of `personalize-jobs`, one per kind of failure (the protocol package's table, the same in both
 * editions), and the error behind each.
 *
 * @since 1.0.0
 */
import * as Table from "@effect-personalize/protocol/ExitCode"
import type { CliError } from "./CliError.js"
import * as errors from "./internal/errors.js"

/**
 * One exit code with its name and what it means.
 *
 * @example
 * ```ts
 * import type { ExitCode } from "@effect-personalize/cli"
 *
 * const line = (entry: ExitCode.Entry): string => `${entry.code}  ${entry.meaning}`
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type Entry = Table.Entry

/**
 * Every exit code, in order: what `--help` and the README list.
 *
 * @example
 * ```ts
 * import { ExitCode } from "@effect-personalize/cli"
 *
 * assert.strictEqual(ExitCode.table[0]?.code, 0)
 * ```
 *
 * @since 1.0.0
 * @category constants
 */
export const table: ReadonlyArray<Entry> = Table.table

/**
 * The codes by name.
 *
 * @example
 * ```ts
 * import { ExitCode } from "@effect-personalize/cli"
 *
 * assert.strictEqual(ExitCode.ExitCode.InvalidToken, 3)
 * ```
 *
 * @since 1.0.0
 * @category constants
 */
export const ExitCode: Table.ExitCodes = Table.ExitCode

/**
 * One of the exit codes.
 *
 * @example
 * ```ts
 * import type { ExitCode } from "@effect-personalize/cli"
 *
 * const throttled: ExitCode.ExitCode = 5
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type ExitCode = Table.ExitCode

/**
 * The errors that have an exit code of their own.
 *
 * @example
 * ```ts
 * import type { ExitCode } from "@effect-personalize/cli"
 *
 * const tag = (error: ExitCode.Error): string => error._tag
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type Error = CliError

/**
 * The exit code of an error.
 *
 * @example
 * ```ts
 * import { CliError, ExitCode } from "@effect-personalize/cli"
 *
 * assert.strictEqual(ExitCode.fromError(new CliError.UsageError({ detail: "no" })), 2)
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const fromError: (error: CliError) => ExitCode = errors.exitCodeOf

/**
 * The one line printed for an error (after `Error: `), saying what happened and what to do.
 *
 * @example
 * ```ts
 * import { CliError, ExitCode } from "@effect-personalize/cli"
 *
 * assert.strictEqual(ExitCode.message(new CliError.UsageError({ detail: "Give one." })), "Give one.")
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const message: (error: CliError) => string = errors.messageOf
