/**
 * The errors of the command line program itself, next to the `PersonalizeError`s of the operation: each ends the
 * command with one line on stderr and its exit code (see `ExitCode`).
 *
 * @since 1.0.0
 */
import type * as PersonalizeError from "@effect-personalize/core/PersonalizeError"
import * as CliMessage from "@effect-personalize/protocol/CliMessage"
import type * as Config from "effect/Config"
import * as Data from "effect/Data"

/**
 * A command line that parses but cannot run as given: options that cannot be combined, an option that needs
 * another. Exit code 2.
 *
 * @example
 * ```ts
 * import { CliError } from "@effect-personalize/cli"
 *
 * const error = new CliError.UsageError({ detail: "--once and --until-terminal cannot be combined." })
 * assert.strictEqual(error.message, "--once and --until-terminal cannot be combined.")
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class UsageError extends Data.TaggedError("UsageError")<{
  readonly detail: string
  readonly cause?: unknown
}> {
  /** @since 1.0.0 */
  override get message(): string {
    return this.detail
  }
}

/**
 * The embedded emulator (`--emulator`) could not start. Exit code 1.
 *
 * @example
 * ```ts
 * import { CliError } from "@effect-personalize/cli"
 *
 * const error = new CliError.EmulatorError({ detail: "no free port" })
 * assert.strictEqual(error.message, "The embedded emulator could not start: no free port")
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class EmulatorError extends Data.TaggedError("EmulatorError")<{
  readonly detail: string
  readonly cause?: unknown
}> {
  /** @since 1.0.0 */
  override get message(): string {
    return `The embedded emulator could not start: ${this.detail}`
  }
}

/**
 * `watch --state-file` could not use its file: damaged, of other solution versions (exit code 2), or unreadable,
 * unusable or unwritable (exit code 10). The file is left as it was.
 *
 * @example
 * ```ts
 * import { CliError } from "@effect-personalize/cli"
 *
 * const error = new CliError.StateFileError({ path: "jobs.state", reason: "Damaged", detail: "not JSON" })
 * assert.ok(error.message.startsWith("The state file jobs.state is not a watch state that can be read: not JSON."))
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class StateFileError extends Data.TaggedError("StateFileError")<{
  readonly path: string
  readonly reason: "Damaged" | "OtherFilter" | "Unreadable" | "Unwritable" | "Unusable"
  readonly detail: string
  readonly cause?: unknown
}> {
  /** @since 1.0.0 */
  override get message(): string {
    return CliMessage.stateFile(this)
  }
}

/**
 * `list --fail-on-status`: listed jobs are in one of its statuses. Exit code 11, after the whole listing.
 *
 * @example
 * ```ts
 * import { CliError } from "@effect-personalize/cli"
 *
 * const error = new CliError.StatusFoundError({ found: [["CREATE FAILED", 2]] })
 * assert.ok(error.message.startsWith("2 of the jobs listed are in a status of --fail-on-status"))
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class StatusFoundError extends Data.TaggedError("StatusFoundError")<{
  /** Each status of `--fail-on-status` that listed jobs were in, with how many. */
  readonly found: ReadonlyArray<readonly [status: string, count: number]>
}> {
  /** @since 1.0.0 */
  override get message(): string {
    return CliMessage.statusFound(this.found)
  }
}

/**
 * stdout or stderr could not be written (a full disk). A defect of `Output.layerNode`'s writes, reported as one line
 * and exit code 1; a closed pipe (`EPIPE`, `list | head`) ends the command quietly.
 *
 * @example
 * ```ts
 * import { CliError } from "@effect-personalize/cli"
 *
 * const error = new CliError.OutputError({ stream: "stdout", code: "ENOSPC", detail: "no space left on device" })
 * assert.ok(error.message.includes("Free some space"))
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class OutputError extends Data.TaggedError("OutputError")<{
  readonly stream: "stdout" | "stderr"
  /** The system's error code, e.g. `ENOSPC` or `EPIPE`. */
  readonly code?: string | undefined
  readonly detail: string
  readonly cause?: unknown
}> {
  /** @since 1.0.0 */
  override get message(): string {
    return CliMessage.outputError(this)
  }
}

/**
 * The end of a run whose failure has been printed already: the process exits with `code`.
 *
 * @example
 * ```ts
 * import { Cli, CliError } from "@effect-personalize/cli"
 * import { Exit } from "effect"
 *
 * assert.strictEqual(Cli.exitCode(Exit.fail(new CliError.CliExit({ code: 5 }))), 5)
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class CliExit extends Data.TaggedError("CliExit")<{ readonly code: number }> {}

/**
 * Every failure a command can end with, before it is printed.
 *
 * @example
 * ```ts
 * import { CliError, ExitCode } from "@effect-personalize/cli"
 *
 * const code = (error: CliError.CliError): number => ExitCode.fromError(error)
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export type CliError =
  | PersonalizeError.PersonalizeError
  | UsageError
  | EmulatorError
  | StateFileError
  | StatusFoundError
  | Config.ConfigError
