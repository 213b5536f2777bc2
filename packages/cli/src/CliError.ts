/**
 * The errors of the command line program itself, next to the `PersonalizeError`s of the operation.
 *
 * @since 0.1.0
 */
import type * as PersonalizeError from "@effect-personalize/core/PersonalizeError"
import type * as ConfigError from "effect/ConfigError"
import * as Data from "effect/Data"

/**
 * A usage problem found by the program itself rather than by the argument parser. Exit code 2.
 *
 * @since 0.1.0
 * @category errors
 */
export class UsageError extends Data.TaggedError("UsageError")<{
  readonly detail: string
  readonly cause?: unknown
}> {
  /** @since 0.1.0 */
  override get message(): string {
    return this.detail
  }
}

/**
 * The embedded emulator (`--emulator`) could not start. Exit code 1.
 *
 * @since 0.1.0
 * @category errors
 */
export class EmulatorError extends Data.TaggedError("EmulatorError")<{
  readonly detail: string
  readonly cause?: unknown
}> {
  /** @since 0.1.0 */
  override get message(): string {
    return `The embedded emulator could not start: ${this.detail}`
  }
}

/**
 * A command failed and already said why on stderr: only its exit code is left to give (see `ExitCode`).
 *
 * @since 0.1.0
 * @category errors
 */
export class CliExit extends Data.TaggedError("CliExit")<{ readonly code: number }> {}

/**
 * Every error a command can end with before it is reported: a `PersonalizeError`, a usage error, a
 * configuration error (the AWS environment), or the embedded emulator failing to start.
 *
 * @since 0.1.0
 * @category errors
 */
export type CliError = PersonalizeError.PersonalizeError | UsageError | EmulatorError | ConfigError.ConfigError
