/**
 * The exit codes of `personalize-jobs`, one per kind of failure, so that scripts can tell them apart.
 *
 * | code | meaning |
 * | --- | --- |
 * | 0 | success |
 * | 1 | unexpected failure (a bug; `--verbose` shows the cause), or the embedded emulator could not start |
 * | 2 | invalid input or usage: a bad option, a malformed ARN, no region configured |
 * | 3 | invalid pagination token (`--starting-token`) |
 * | 4 | access denied: missing, unknown or expired credentials, bad signature, missing IAM permission |
 * | 5 | throttled beyond the retries |
 * | 6 | any other error of the service (5xx after retries, ...) |
 * | 7 | no response: connection refused or reset, DNS, timeout |
 * | 8 | a response that does not match the service model |
 * | 9 | the service sent the same page token twice |
 * | 130 | interrupted (Ctrl-C) |
 *
 * @since 0.1.0
 */
import type { CliError } from "./CliError.js"
import * as errors from "./internal/errors.js"

/**
 * @since 0.1.0
 * @category constants
 */
export const ExitCode: {
  readonly Success: 0
  readonly Failure: 1
  readonly InvalidInput: 2
  readonly InvalidToken: 3
  readonly AccessDenied: 4
  readonly Throttled: 5
  readonly ServiceError: 6
  readonly Transport: 7
  readonly BadResponse: 8
  readonly PaginationLoop: 9
  readonly Interrupted: 130
} = errors.ExitCode

/**
 * @since 0.1.0
 * @category models
 */
export type ExitCode = errors.ExitCode

/**
 * Every error a command can end with: a `PersonalizeError`, a usage error, a configuration error, or the
 * embedded emulator failing to start.
 *
 * @since 0.1.0
 * @category models
 */
export type Error = CliError

/**
 * The exit code of an error.
 *
 * @since 0.1.0
 * @category utils
 */
export const fromError: (error: CliError) => ExitCode = errors.exitCodeOf

/**
 * The one line printed on stderr for an error: what happened and what to do.
 *
 * @since 0.1.0
 * @category utils
 */
export const message: (error: CliError) => string = errors.messageOf
