/**
 * The error codes of AWS's JSON protocols as both editions classify them.
 *
 * @since 0.1.0
 */
export * as ErrorCode from "./ErrorCode.js"

/**
 * The resume token's format (`epr2.`), shared by both editions, and the rule that finds its position again.
 *
 * @since 0.1.0
 */
export * as ResumeToken from "./ResumeToken.js"

/**
 * The facts of the service model: the protocol's names, the constraints of every member and their rules.
 *
 * @since 0.1.0
 */
export * as ServiceModel from "./ServiceModel.js"

/**
 * The wire shapes of `ListBatchSegmentJobs`: request, response, job summary, error body.
 *
 * @since 0.1.0
 */
export * as Wire from "./Wire.js"

/**
 * How `personalize-jobs` reads durations and times from its command line (`--interval`, `--timeout`, `--since`).
 *
 * @since 0.1.0
 */
export * as DurationText from "./DurationText.js"

/**
 * The exit codes of `personalize-jobs`, the one table of them.
 *
 * @since 0.1.0
 */
export * as ExitCode from "./ExitCode.js"

/**
 * How `personalize-jobs` prints jobs and watch events: `table`, `json`, `ndjson` and `csv`, written as pages arrive.
 *
 * @since 0.1.0
 */
export * as Output from "./Output.js"

/**
 * Text from the service made safe to print: control characters escaped, spreadsheet formulas neutralised, CSV
 * quoting; ANSI styles removed.
 *
 * @since 0.1.0
 */
export * as Text from "./Text.js"

/**
 * The words of `personalize-jobs` on stderr: summaries, resume tokens, interruptions, watches, the program's errors.
 *
 * @since 0.1.0
 */
export * as CliMessage from "./CliMessage.js"

/**
 * The help of `personalize-jobs`: each option's metavar and description, each command's summary, notes and examples.
 *
 * @since 0.1.0
 */
export * as CliHelp from "./CliHelp.js"
