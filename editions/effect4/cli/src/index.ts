/**
 * `personalize-jobs`: the `list` and `watch` commands, and how to run them.
 *
 * @since 1.0.0
 */
export * as Cli from "./Cli.js"

/**
 * Where the jobs come from, and how that becomes a `PersonalizeClient`.
 *
 * @since 1.0.0
 */
export * as Connection from "./Connection.js"

/**
 * The exit codes of `personalize-jobs`, one per kind of failure, and the error behind each.
 *
 * @since 1.0.0
 */
export * as ExitCode from "./ExitCode.js"

/**
 * Where the program writes: stdout for jobs, stderr for the rest, captured in tests.
 *
 * @since 1.0.0
 */
export * as Output from "./Output.js"

/**
 * The errors of the command line program itself, next to the `PersonalizeError`s of the operation.
 *
 * @since 1.0.0
 */
export * as CliError from "./CliError.js"

/**
 * How jobs and watch events are printed: `table`, `json`, `ndjson` and `csv`.
 *
 * @since 1.0.0
 */
export * as Format from "./Format.js"
