/**
 * The errors of the command line program itself, next to the `PersonalizeError`s of the operation.
 *
 * @since 0.1.0
 */
import type * as PersonalizeError from "@effect-personalize/core/PersonalizeError"
import * as CliMessage from "@effect-personalize/protocol/CliMessage"
import type * as ConfigError from "effect/ConfigError"
import * as Data from "effect/Data"

/**
 * A usage problem found by the program itself rather than by the argument parser. Exit code 2.
 *
 * @example
 * ```ts
 * import { CliError, ExitCode } from "@effect-personalize/cli"
 *
 * const error = new CliError.UsageError({ detail: "--max-items must be a positive whole number" })
 * assert.strictEqual(ExitCode.fromError(error), ExitCode.ExitCode.InvalidInput)
 * ```
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
 * @example
 * ```ts
 * import { CliError, ExitCode } from "@effect-personalize/cli"
 *
 * const error = new CliError.EmulatorError({ detail: "port 4566 is in use" })
 * assert.strictEqual(error.message, "The embedded emulator could not start: port 4566 is in use")
 * assert.strictEqual(ExitCode.fromError(error), ExitCode.ExitCode.Failure)
 * ```
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
 * The state file of `watch --state-file` could not be used. Nothing in the file is ever changed by a failed read,
 * and a failed save leaves the state saved before in place (the new state goes to a temporary file in the same
 * directory, then takes the file's name in one rename).
 *
 * - `Damaged`: the file is not a watch state (cut short, edited, another program's); exit code 2
 * - `OtherFilter`: the file holds the state of a watch of other solution versions; exit code 2
 * - `Unreadable`, `Unwritable`: the file system refused (permissions, a missing directory, a full disk); exit
 *   code 10
 * - `Unusable`: found before anything is sent, the state could not be saved there later (its directory does not
 *   exist, the file is read-only); exit code 10
 *
 * @example
 * ```ts
 * import { CliError, ExitCode } from "@effect-personalize/cli"
 *
 * const error = new CliError.StateFileError({ path: "watch-state.json", reason: "Unwritable", detail: "EACCES" })
 * assert.strictEqual(ExitCode.fromError(error), ExitCode.ExitCode.StateFile)
 * ```
 *
 * @since 0.2.0
 * @category errors
 */
export class StateFileError extends Data.TaggedError("StateFileError")<{
  readonly path: string
  readonly reason: "Damaged" | "OtherFilter" | "Unreadable" | "Unwritable" | "Unusable"
  readonly detail: string
  readonly cause?: unknown
}> {
  /** @since 0.2.0 */
  override get message(): string {
    return CliMessage.stateFile(this)
  }
}

/**
 * `list --fail-on-status`: listed jobs were in one of its statuses. The listing was printed whole; exit code 11, for
 * CI and cron.
 *
 * @example
 * ```ts
 * import { CliError, ExitCode } from "@effect-personalize/cli"
 *
 * const error = new CliError.StatusFoundError({ found: [["CREATE FAILED", 2]] })
 * assert.strictEqual(ExitCode.fromError(error), 11)
 * assert.strictEqual(
 *   error.message,
 *   "2 of the jobs listed are in a status of --fail-on-status (CREATE FAILED: 2). List them with --status \"CREATE FAILED\"."
 * )
 * ```
 *
 * @since 0.2.0
 * @category errors
 */
export class StatusFoundError extends Data.TaggedError("StatusFoundError")<{
  /** Each status of `--fail-on-status` that listed jobs were in, with how many. */
  readonly found: ReadonlyArray<readonly [status: string, count: number]>
}> {
  /** @since 0.2.0 */
  override get message(): string {
    return CliMessage.statusFound(this.found)
  }
}

/**
 * The program's output could not be written: stdout on a full disk (`ENOSPC`), a closed pipe (`EPIPE`), a file
 * that cannot grow. `Output.layerNode` dies with it (the `Output` service has no error channel: every command
 * prints); the command then says so in one line and ends with exit code 1, or quietly with 0 for a reader that
 * stopped reading (`personalize-jobs list | head`).
 *
 * @example
 * ```ts
 * import { CliError } from "@effect-personalize/cli"
 *
 * const error = new CliError.OutputError({ stream: "stdout", code: "ENOSPC", detail: "no space left on device" })
 * assert.strictEqual(
 *   error.message,
 *   "Could not write to stdout: no space left on device (ENOSPC). Free some space, or send the output elsewhere."
 * )
 * ```
 *
 * @since 0.2.0
 * @category errors
 */
export class OutputError extends Data.TaggedError("OutputError")<{
  readonly stream: "stdout" | "stderr"
  /** The system's error code, e.g. `ENOSPC` or `EPIPE`. */
  readonly code?: string | undefined
  readonly detail: string
  readonly cause?: unknown
}> {
  /** @since 0.2.0 */
  override get message(): string {
    return CliMessage.outputError(this)
  }
}

/**
 * A command failed and already said why on stderr: only its exit code is left to give (see `ExitCode`).
 *
 * @example
 * ```ts
 * import { Cli, CliError, ExitCode } from "@effect-personalize/cli"
 * import { Effect } from "effect"
 *
 * const exit = Effect.runSyncExit(Effect.fail(new CliError.CliExit({ code: ExitCode.ExitCode.Throttled })))
 * assert.strictEqual(Cli.exitCode(exit), 5)
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class CliExit extends Data.TaggedError("CliExit")<{ readonly code: number }> {}

/**
 * Every error a command can end with before it is reported: a `PersonalizeError`, a usage error, a
 * configuration error (the AWS environment), a state file that cannot be used, or the embedded emulator failing to
 * start.
 *
 * @example
 * ```ts
 * import { CliError, ExitCode } from "@effect-personalize/cli"
 *
 * const report = (error: CliError.CliError): string => `exit ${ExitCode.fromError(error)}: ${ExitCode.message(error)}`
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export type CliError =
  | PersonalizeError.PersonalizeError
  | UsageError
  | EmulatorError
  | StateFileError
  | StatusFoundError
  | ConfigError.ConfigError
