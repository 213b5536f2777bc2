/** @internal */
import type { PersonalizeClient } from "@effect-personalize/core/PersonalizeClient"
import * as Retry from "@effect-personalize/core/Retry"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Span from "@effect/cli/HelpDoc/Span"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { CliError } from "../CliError.js"
import { CliExit } from "../CliError.js"
import type { Connection, Purpose } from "../Connection.js"
import { ClientProvider } from "../Connection.js"
import { Output } from "../Output.js"
import { ExitCode, exitCodeOf, messageOf } from "./errors.js"
import { formats, watchFormats } from "./format.js"
import * as List from "./list.js"
import * as Watch from "./watch.js"

/** @internal */
export const name = "personalize-jobs"

/** @internal */
export const version = "0.1.0"

// -----------------------------------------------------------------------------
// values
// -----------------------------------------------------------------------------

const units: Record<string, (n: number) => Duration.Duration> = {
  ms: Duration.millis,
  millis: Duration.millis,
  s: Duration.seconds,
  sec: Duration.seconds,
  seconds: Duration.seconds,
  m: Duration.minutes,
  min: Duration.minutes,
  minutes: Duration.minutes,
  h: Duration.hours,
  hours: Duration.hours
}

/** `30s`, `500ms`, `2m`, `1h`, `1.5s`, `30 seconds`; a bare number is seconds. @internal */
export const parseDuration = (text: string): Option.Option<Duration.Duration> => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text)
  if (match === null) return Option.none()
  const unit = units[(match[2] ?? "").toLowerCase() || "s"]
  const amount = Number(match[1])
  if (unit === undefined || !Number.isFinite(amount) || amount <= 0) return Option.none()
  return Option.some(unit(amount))
}

const duration = (flag: string) => (text: string) =>
  Option.match(parseDuration(text), {
    onNone: () =>
      Effect.fail(
        ValidationError.invalidValue(
          HelpDoc.p(`Invalid --${flag}: expected a positive duration such as 30s, 500ms, 2m or 1h, got '${text}'`)
        )
      ),
    onSome: Effect.succeed
  })

const atLeast = (flag: string, min: number, max?: number) => (n: number) =>
  Number.isInteger(n) && n >= min && (max === undefined || n <= max)
    ? Effect.succeed(n)
    : Effect.fail(
      ValidationError.invalidValue(
        HelpDoc.p(
          `Invalid --${flag}: expected a whole number ${
            max === undefined ? `of at least ${min}` : `from ${min} to ${max}`
          }, got ${n}`
        )
      )
    )

// -----------------------------------------------------------------------------
// options
// -----------------------------------------------------------------------------

const solutionVersionArn = Options.text("solution-version-arn").pipe(
  Options.withDescription(
    "Only the jobs of this solution version (arn:aws:personalize:REGION:ACCOUNT:solution/NAME/VERSION). " +
      "Without it, every batch segment job of the account and region."
  ),
  Options.optional
)

const status = Options.text("status").pipe(
  Options.withDescription(
    "Only jobs in this status: PENDING, IN PROGRESS, ACTIVE, CREATE FAILED (any case; repeat for several)."
  ),
  Options.repeated
)

const pageSize = Options.integer("page-size").pipe(
  Options.withDescription("Jobs per request, 1 to 100 (the service's default is 100)."),
  Options.mapEffect(atLeast("page-size", 1, 100)),
  Options.optional
)

const maxItems = Options.integer("max-items").pipe(
  Options.withDescription(
    "Print at most this many jobs (after --status), then print the token that resumes right after them."
  ),
  Options.mapEffect(atLeast("max-items", 1)),
  Options.optional
)

const startingToken = Options.text("starting-token").pipe(
  Options.withDescription(
    "Continue a listing: the token printed by an earlier run (or a service nextToken). " +
      "Give the same --solution-version-arn as that run."
  ),
  Options.optional
)

const listFormat = Options.choice("format", formats).pipe(
  Options.withDescription(
    "table (aligned, for people), json (one array), ndjson (one job per line), csv (with a header row)."
  ),
  Options.withDefault("table" as const)
)

const watchFormat = Options.choice("format", watchFormats).pipe(
  Options.withDescription("table, ndjson (one event per line) or csv (with a header row)."),
  Options.withDefault("table" as const)
)

const interval = Options.text("interval").pipe(
  Options.withDescription("Time between polls, e.g. 30s, 500ms, 2m."),
  Options.withDefault("30s"),
  Options.mapEffect(duration("interval"))
)

const untilTerminal = Options.boolean("until-terminal").pipe(
  Options.withDescription("Stop once every watched job is ACTIVE or CREATE FAILED.")
)

const region = Options.text("region").pipe(
  Options.withDescription("The AWS region, e.g. us-east-1 (default: AWS_REGION or AWS_DEFAULT_REGION)."),
  Options.optional
)

const endpoint = Options.text("endpoint").pipe(
  Options.withDescription(
    "Another endpoint than the region's, e.g. http://127.0.0.1:4566 (default: AWS_ENDPOINT_URL_PERSONALIZE " +
      "or AWS_ENDPOINT_URL)."
  ),
  Options.optional
)

const profile = Options.text("profile").pipe(
  Options.withDescription("A named profile of ~/.aws/config for the credentials (sets AWS_PROFILE)."),
  Options.optional
)

const emulator = Options.boolean("emulator").pipe(
  Options.withDescription(
    "Start the embedded emulator on 127.0.0.1 with generated demo data (fixed seed) and use it instead of AWS."
  )
)

const maxAttempts = Options.integer("max-attempts").pipe(
  Options.withDescription(
    "Attempts per request on throttling, 5xx and network errors, with exponential backoff (default 5)."
  ),
  Options.mapEffect(atLeast("max-attempts", 1, 20)),
  Options.optional
)

const timeout = Options.text("timeout").pipe(
  Options.withDescription("How long one attempt may wait for its response, e.g. 10s (default 30s)."),
  Options.mapEffect(duration("timeout")),
  Options.optional
)

const verbose = Options.boolean("verbose").pipe(
  Options.withDescription("On an error, also print its full cause with stack traces.")
)

const connection = { region, endpoint, profile, emulator, maxAttempts, timeout, verbose } as const

interface ConnectionOptions {
  readonly region: Option.Option<string>
  readonly endpoint: Option.Option<string>
  readonly profile: Option.Option<string>
  readonly emulator: boolean
  readonly maxAttempts: Option.Option<number>
  readonly timeout: Option.Option<Duration.Duration>
  readonly verbose: boolean
}

/** The retry policy of `--max-attempts`: the core's default shape with that many attempts. @internal */
export const retryPolicy = (attempts: Option.Option<number>): Retry.Policy | undefined =>
  Option.match(attempts, {
    onNone: () => undefined,
    onSome: (n) =>
      n <= 1
        ? Retry.none
        : Retry.makePolicy({ base: "100 millis", throttlingBase: "500 millis", retries: n - 1, budget: "20 seconds" })
  })

// -----------------------------------------------------------------------------
// running a command
// -----------------------------------------------------------------------------

/**
 * Prints the error of a failed command as one line on stderr (with the full cause under `--verbose`) and fails
 * with its exit code. An interruption stays an interruption.
 *
 * @internal
 */
export const report = (verbose: boolean) =>
<A, R>(
  self: Effect.Effect<A, CliError, R>
): Effect.Effect<A, CliExit, R | Output> =>
  Effect.catchAllCause(self, (cause) => Cause.isInterruptedOnly(cause) ? Effect.interrupt : fail(cause, verbose))

const fail = (cause: Cause.Cause<CliError>, verbose: boolean): Effect.Effect<never, CliExit, Output> =>
  Effect.gen(function*() {
    const output = yield* Output
    if (verbose) yield* output.stderr(`${Cause.pretty(cause)}\n`)
    const failure = Cause.failureOption(cause)
    if (Option.isSome(failure)) {
      yield* output.stderr(`Error: ${messageOf(failure.value)}\n`)
      return yield* new CliExit({ code: exitCodeOf(failure.value) })
    }
    const squashed = Cause.squash(cause)
    const detail = squashed instanceof Error ? squashed.message : String(squashed)
    yield* output.stderr(
      `Unexpected error: ${detail.replace(/\s*\n\s*/g, " ")}.${
        verbose ? "" : " Run again with --verbose for details."
      }\n`
    )
    return yield* new CliExit({ code: ExitCode.Failure })
  })

const withClient = <A, E extends CliError, R>(
  options: ConnectionOptions,
  purpose: Purpose,
  program: Effect.Effect<A, E, R>
): Effect.Effect<A, CliExit, Exclude<R, PersonalizeClient> | Output> =>
  Effect.flatMap(ClientProvider, (provider) => {
    const target: Connection = {
      region: options.region,
      endpoint: options.endpoint,
      profile: options.profile,
      emulator: options.emulator
    }
    return Effect.provide(program, provider(target, purpose))
  }).pipe(report(options.verbose))

const example = (description: string, line: string): [Span.Span, HelpDoc.HelpDoc] => [
  Span.text(description),
  HelpDoc.p(Span.code(line))
]

const help = (summary: string, examples: HelpDoc.HelpDoc, notes: ReadonlyArray<string>) =>
  HelpDoc.blocks([
    HelpDoc.p(summary),
    ...notes.map((note) => HelpDoc.p(note)),
    HelpDoc.h2("EXAMPLES"),
    examples
  ])

const exitCodesNote = "Exit codes: 0 ok, 1 unexpected, 2 invalid input or usage, 3 invalid token, 4 access denied, " +
  "5 throttled, 6 service error, 7 no response (endpoint, network), 8 bad response, 9 pagination loop, 130 interrupted."

/** @internal */
export const listCommand = Command.make(
  "list",
  { solutionVersionArn, status, maxItems, pageSize, startingToken, format: listFormat, ...connection },
  (options) =>
    withClient(
      options,
      "list",
      List.list({
        solutionVersionArn: options.solutionVersionArn,
        maxItems: options.maxItems,
        pageSize: options.pageSize,
        startingToken: options.startingToken,
        format: options.format,
        status: options.status,
        retry: retryPolicy(options.maxAttempts),
        timeout: Option.getOrUndefined(options.timeout)
      })
    )
).pipe(Command.withDescription(help(
  "List batch segment jobs as they arrive, page by page.",
  HelpDoc.descriptionList([
    example("Every job of the account and region:", "personalize-jobs list --region us-east-1"),
    example(
      "The failed jobs of one solution version, as CSV:",
      "personalize-jobs list --solution-version-arn arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c --status \"CREATE FAILED\" --format csv"
    ),
    example(
      "The first 10 jobs, then the next 10:",
      "personalize-jobs list --max-items 10   # prints: Resume with: --starting-token <token>"
    ),
    example("", "personalize-jobs list --max-items 10 --starting-token <token>"),
    example("The demo data of the embedded emulator, as JSON:", "personalize-jobs list --emulator --format json")
  ]),
  [
    "Credentials and region come from the standard AWS environment (AWS_REGION, AWS_ACCESS_KEY_ID, " +
    "AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ...), or from --region, --endpoint and --profile.",
    "Ctrl-C stops at once and prints the token that resumes after the last printed job.",
    exitCodesNote
  ]
)))

/** @internal */
export const watchCommand = Command.make(
  "watch",
  { solutionVersionArn, status, pageSize, interval, untilTerminal, format: watchFormat, ...connection },
  (options) =>
    withClient(
      options,
      "watch",
      Watch.watch({
        solutionVersionArn: options.solutionVersionArn,
        pageSize: options.pageSize,
        format: options.format,
        status: options.status,
        interval: options.interval,
        untilTerminal: options.untilTerminal,
        retry: retryPolicy(options.maxAttempts),
        timeout: Option.getOrUndefined(options.timeout)
      })
    )
).pipe(Command.withDescription(help(
  "Watch batch segment jobs: poll, and print each new job and each status change once.",
  HelpDoc.descriptionList([
    example("Every minute, until every job has finished:", "personalize-jobs watch --interval 1m --until-terminal"),
    example(
      "Only the failures of one solution version, one JSON object per line:",
      "personalize-jobs watch --solution-version-arn arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c --status \"CREATE FAILED\" --format ndjson"
    ),
    example(
      "Jobs of the embedded emulator advancing (a new job every 20s):",
      "personalize-jobs watch --emulator --interval 5s"
    )
  ]),
  [
    "The first poll prints every job as new; later polls print only what changed. --status chooses which events " +
    "are printed; --until-terminal looks at every job listed.",
    exitCodesNote
  ]
)))

/** @internal */
export const command = Command.make(name).pipe(
  Command.withDescription(help(
    "List and watch Amazon Personalize batch segment jobs, from AWS or from an embedded emulator. " +
      "Run 'personalize-jobs list --help' or 'personalize-jobs watch --help' for their options.",
    HelpDoc.descriptionList([
      example("Try it without an AWS account (embedded emulator, demo data):", "personalize-jobs list --emulator"),
      example(
        "Every job of the account, as one JSON object per line:",
        "personalize-jobs list --region us-east-1 --format ndjson"
      ),
      example("Follow jobs until they have all finished:", "personalize-jobs watch --until-terminal --interval 1m")
    ]),
    [exitCodesNote]
  )),
  Command.withSubcommands([listCommand, watchCommand])
)

/** @internal */
export const run = Command.run(command, {
  name,
  version,
  summary: Span.text("list and watch Amazon Personalize batch segment jobs")
})
