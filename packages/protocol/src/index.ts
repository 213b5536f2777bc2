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
 * The emulators' fault injection: the kinds of faults and the seeded decision of which request gets which.
 *
 * @since 0.1.0
 */
export * as FaultInjection from "./FaultInjection.js"

/**
 * An emulator's answer as the wire carries it: status, headers and body of a page or an error.
 *
 * @since 0.1.0
 */
export * as HttpAnswer from "./HttpAnswer.js"

/**
 * Generated jobs that look like a real account's, the same for the same seed.
 *
 * @since 0.1.0
 */
export * as JobGenerator from "./JobGenerator.js"

/**
 * How the emulators' jobs advance on the clock: schedules and the job at a time.
 *
 * @since 0.1.0
 */
export * as JobLifecycle from "./JobLifecycle.js"

/**
 * The emulators' jobs in the listing's order, with keyset pages.
 *
 * @since 0.1.0
 */
export * as JobStore from "./JobStore.js"

/**
 * `ListBatchSegmentJobs` as the emulators answer it: checks, token, page, wire encoding.
 *
 * @since 0.1.0
 */
export * as ListOperation from "./ListOperation.js"

/**
 * The emulators' page tokens: a signed keyset position bound to its filter, with a time to live.
 *
 * @since 0.1.0
 */
export * as PageToken from "./PageToken.js"

/**
 * The service's rate limit as the emulators apply it: a token bucket per account.
 *
 * @since 0.1.0
 */
export * as RateLimiter from "./RateLimiter.js"

/**
 * The emulators' bounded request log and counters.
 *
 * @since 0.1.0
 */
export * as RequestLog from "./RequestLog.js"

/**
 * The emulators' checks of a request: JSON types, then the model's constraints, as the service words them.
 *
 * @since 0.1.0
 */
export * as RequestValidation from "./RequestValidation.js"

/**
 * A small deterministic random generator (mulberry32) for the emulators.
 *
 * @since 0.1.0
 */
export * as SeededRandom from "./SeededRandom.js"

/**
 * The errors the service answers with, worded as it words them.
 *
 * @since 0.1.0
 */
export * as ServiceFailure from "./ServiceFailure.js"

/**
 * SigV4 verification as the service does it, with the errors AWS answers.
 *
 * @since 0.1.0
 */
export * as SigV4 from "./SigV4.js"

/**
 * The check of the jobs that seed an emulator, each fault named by its place.
 *
 * @since 0.1.0
 */
export * as SeedJobs from "./SeedJobs.js"

/**
 * The `personalize-emulator` command's options, checks and lines, as both editions read and print them.
 *
 * @since 0.1.0
 */
export * as EmulatorCommand from "./EmulatorCommand.js"

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

/**
 * The demo data of `personalize-jobs --emulator`: its jobs, lifecycles, region, page-token key and announcement.
 *
 * @since 0.1.0
 */
export * as CliDemo from "./CliDemo.js"

/**
 * Keeps credential values out of errors: a scrubber of known secrets and session tokens, and a safe copy of an error.
 *
 * @since 0.1.0
 */
export * as Redact from "./Redact.js"
