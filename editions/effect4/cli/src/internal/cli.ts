/** @internal */
import { knownStatuses } from "@effect-personalize/core/BatchSegmentJob"
import * as ListBatchSegmentJobs from "@effect-personalize/core/ListBatchSegmentJobs"
import type { PersonalizeClient } from "@effect-personalize/core/PersonalizeClient"
import * as RateLimit from "@effect-personalize/core/RateLimit"
import * as Retry from "@effect-personalize/core/Retry"
import * as CliMessage from "@effect-personalize/protocol/CliMessage"
import * as DurationText from "@effect-personalize/protocol/DurationText"
import { ExitCode } from "@effect-personalize/protocol/ExitCode"
import { formats, normalizeStatus, watchFormats } from "@effect-personalize/protocol/Output"
import { escapeControl } from "@effect-personalize/protocol/Text"
import * as Cause from "effect/Cause"
import * as CliConfig from "effect/cli/CliConfig"
import * as CliErrors from "effect/cli/CliError"
import * as CliOutput from "effect/cli/CliOutput"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as GlobalFlag from "effect/cli/GlobalFlag"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as FileSystem from "effect/FileSystem"
import * as Layer from "effect/Layer"
import type * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import type * as Path from "effect/Path"
import * as References from "effect/References"
import type { Args, CommonArgs, ListArgs, WatchArgs } from "../Cli.js"
import type { CliError } from "../CliError.js"
import { CliExit, OutputError } from "../CliError.js"
import type { Connection, Purpose } from "../Connection.js"
import { ClientProvider } from "../Connection.js"
import { Output } from "../Output.js"
import { exitCodeOf, messageOf } from "./errors.js"
import * as Help from "./help.js"
import * as List from "./list.js"
import * as Terminal from "./terminal.js"
import * as Watch from "./watch.js"

/** @internal */
export const name = "personalize-jobs"

/** @internal */
export const version = "1.0.0"

const summary = "list and watch Amazon Personalize batch segment jobs"

// -----------------------------------------------------------------------------
// values
// -----------------------------------------------------------------------------

/** A value refused, in the words of the message printed for it (`Invalid --max-items: ...`). */
const invalid = (message: string) => Effect.fail(new CliErrors.ValidationError({ message }))

const duration = (flag: string) => (text: string) => {
  const result = DurationText.parse(text)
  return result._tag === "Left" ? invalid(`Invalid --${flag}: ${result.detail}`) : Effect.succeed(
    Duration.millis(result.value)
  )
}

/** A whole number from `min` up (to `max`), read from the text of `--flag`; the message names the option. */
const wholeNumber = (flag: string, min: number, max?: number) => (text: string) => {
  const n = /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : NaN
  return Number.isSafeInteger(n) && n >= min && (max === undefined || n <= max)
    ? Effect.succeed(n)
    : invalid(
      `Invalid --${flag}: expected a whole number ${
        max === undefined ? `of at least ${min}` : `from ${min} to ${max}`
      }, got '${text}'`
    )
}

/** `--flag N`: a whole number from `min` up (to `max`). */
const integer = (flag: string, min: number, max?: number): Flag.Flag<number> =>
  Flag.String(flag).pipe(Flag.mapEffect(wholeNumber(flag, min, max)))

/** One of `choices`, in any case; the message names the option. */
const choice = <A extends string>(flag: string, choices: ReadonlyArray<A>): Flag.Flag<A> =>
  Flag.String(flag).pipe(
    Flag.mapEffect((text) => {
      const chosen = choices.find((c) => c === text.trim().toLowerCase())
      return chosen !== undefined
        ? Effect.succeed(chosen)
        : invalid(`Invalid --${flag}: expected ${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}, got '${text}'`)
    })
  )

const positive = (flag: string, what: string) => (text: string) => {
  const n = text.trim() === "" ? NaN : Number(text)
  return Number.isFinite(n) && n > 0 ? Effect.succeed(n) : invalid(`Invalid --${flag}: expected ${what}, got '${text}'`)
}

/** A switch: given, true; absent, false. */
const flag = (flagName: string): Flag.Flag<boolean> => Flag.Boolean(flagName).pipe(Flag.withDefault(false))

/** A repeatable text option: every value given, in order (none: empty). */
const repeated = (flagName: string): Flag.Flag<ReadonlyArray<string>> => Flag.String(flagName).pipe(Flag.atLeast(0))

// -----------------------------------------------------------------------------
// options
// -----------------------------------------------------------------------------

const doc = (name: string, description: string, metavar?: string, isRepeated?: boolean): Help.OptionDoc => ({
  name: `--${name}`,
  metavar,
  repeated: isRepeated,
  description
})

const solutionVersionArns: Flag.Flag<ReadonlyArray<string>> = repeated("solution-version-arn").pipe(
  // the same solution version twice is listed or watched once
  Flag.map((arns) => [...new Set(arns)])
)

const listSolutionVersionArnsDoc = doc(
  "solution-version-arn",
  "Only the jobs of this solution version (arn:aws:personalize:REGION:ACCOUNT:solution/NAME/VERSION). " +
    "Repeat it to list several side by side (see --concurrency). Without it, every batch segment job of the " +
    "account and region.",
  "ARN",
  true
)

const watchSolutionVersionArnsDoc = doc(
  "solution-version-arn",
  "Only the jobs of this solution version (arn:aws:personalize:REGION:ACCOUNT:solution/NAME/VERSION). " +
    "Repeat it to watch several, one feed each, printed together. Without it, every batch segment job of the " +
    "account and region.",
  "ARN",
  true
)

const concurrency = integer("concurrency", 1).pipe(Flag.withDefault(4))
const concurrencyDoc = doc(
  "concurrency",
  "How many solution versions (of several --solution-version-arn) are listed at once (default 4).",
  "N"
)

/**
 * The `--status` values, each one of the documented statuses in any case, `_` or `-` for the space: a value that
 * is none of them (a typo, `failed`) would match no job and report nothing, so it is refused.
 */
const knownStatus = (flagName: string) => (values: ReadonlyArray<string>) => {
  const unknown = values.find((value) => !(knownStatuses as ReadonlyArray<string>).includes(normalizeStatus(value)))
  return unknown === undefined
    ? Effect.succeed(values)
    : invalid(
      `Invalid --${flagName} '${unknown}': expected ${knownStatuses.slice(0, -1).join(", ")} or ${
        knownStatuses.at(-1)
      } (any case, '_' or '-' for the space)`
    )
}

const status = repeated("status").pipe(Flag.mapEffect(knownStatus("status")))
const statusDoc = doc(
  "status",
  "Only jobs in this status: PENDING, IN PROGRESS, ACTIVE or CREATE FAILED, in any case, '_' or '-' for the " +
    "space; repeat it for several (default: every status). Any other value is refused.",
  "STATUS",
  true
)

const failOnStatus = repeated("fail-on-status").pipe(Flag.mapEffect(knownStatus("fail-on-status")))
const failOnStatusDoc = doc(
  "fail-on-status",
  "For CI and cron: after the listing, end with exit code 11 when a listed job (after --status and " +
    "--max-items) is in this status, one of PENDING, IN PROGRESS, ACTIVE or CREATE FAILED in any case; repeat " +
    "it for several (default: none).",
  "STATUS",
  true
)

const since = Flag.String("since").pipe(
  Flag.mapEffect((text) => {
    const result = DurationText.parseSince(text)
    return result._tag === "Left" ? invalid(`Invalid --since: ${result.detail}`) : Effect.succeed(result.value)
  }),
  Flag.optional
)
const sinceDoc = doc(
  "since",
  "Only jobs created at or after this time: a date or time in ISO 8601 (2024-03-01, 2024-03-01T10:00:00Z; UTC " +
    "unless it has an offset), or a duration back from now (\"2 hours\", \"7 days\", 30m). Every page is still " +
    "read: the service does not document the order of its jobs (default: every job).",
  "TIME"
)

const pageSize = integer("page-size", 1, 100).pipe(Flag.optional)
const pageSizeDoc = doc("page-size", "Jobs per request, 1 to 100 (the service's default is 100).", "N")

const maxItems = integer("max-items", 1).pipe(Flag.optional)
const maxItemsDoc = doc(
  "max-items",
  "Print at most this many jobs (counted after --status), then the token that resumes right after them, on " +
    "stderr (default: every job).",
  "N"
)

const startingToken = Flag.String("starting-token").pipe(Flag.optional)
const startingTokenDoc = doc(
  "starting-token",
  "Continue a listing: the token printed by an earlier run (or a service nextToken). " +
    "Give the same --solution-version-arn as that run (one at most).",
  "TOKEN"
)

const listFormat = choice("format", formats).pipe(Flag.withDefault("table" as const))
const listFormatDoc = doc(
  "format",
  "table (aligned, for people; the default), json (one array), ndjson (one job per line) or csv (with a " +
    "header row).",
  formats.join("|")
)

const watchFormat = choice("format", watchFormats).pipe(Flag.withDefault("table" as const))
const watchFormatDoc = doc(
  "format",
  "table (the default), ndjson (one event per line) or csv (with a header row).",
  watchFormats.join("|")
)

const defaultInterval = "30 seconds"

const interval = Flag.String("interval").pipe(Flag.withDefault(defaultInterval), Flag.mapEffect(duration("interval")))
const intervalDoc = doc(
  "interval",
  `Time between polls (default ${defaultInterval}), e.g. ${DurationText.examples}.`,
  "DURATION"
)

const untilTerminal = flag("until-terminal")
const untilTerminalDoc = doc("until-terminal", "Stop once every watched job is ACTIVE or CREATE FAILED.")

const once = flag("once")
const onceDoc = doc(
  "once",
  "Poll once, print what changed since the state saved in --state-file (without one: every job, as new), " +
    "save the state and end: for cron."
)

const stateFile = Flag.String("state-file").pipe(Flag.optional)
const stateFileDoc = doc(
  "state-file",
  "Restore the watch state from this file at the start (a missing file: a first run) and save it there after " +
    "each change, so that a watch run again later prints only what changed since. Written whole or not at " +
    "all (a temporary file, then a rename). Keep one file per set of --solution-version-arn (default: no file, " +
    "the state lasts as long as the command).",
  "PATH"
)

const region = Flag.String("region").pipe(Flag.optional)
const endpoint = Flag.String("endpoint").pipe(Flag.optional)
const allowInsecureEndpoint = flag("allow-insecure-endpoint")
const profile = Flag.String("profile").pipe(Flag.optional)
const emulator = flag("emulator")

const maxAttempts = integer("max-attempts", 1, 20).pipe(Flag.optional)

const timeout = Flag.String("timeout").pipe(Flag.mapEffect(duration("timeout")), Flag.optional)

const maxRps = Flag.String("max-rps").pipe(
  Flag.mapEffect(positive("max-rps", "a positive number of requests per second, e.g. 5 or 0.5")),
  Flag.optional
)

const verbose = flag("verbose")

/** The levels of `--log-level`, in the words of the Effect 3 edition (`warning`), with Effect 4's names. */
const logLevels: ReadonlyArray<readonly [string, LogLevel.LogLevel]> = [
  ["all", "All"],
  ["trace", "Trace"],
  ["debug", "Debug"],
  ["info", "Info"],
  ["warning", "Warn"],
  ["error", "Error"],
  ["fatal", "Fatal"],
  ["none", "None"]
]

/**
 * `--log-level`, an option of each command, so that it is in the usage line and works anywhere after the command
 * (effect/cli's built-in one is left out: it knows `warn`, not the `warning` of the Effect 3 edition).
 */
const logLevel: Flag.Flag<Option.Option<LogLevel.LogLevel>> = choice("log-level", logLevels.map(([n]) => n)).pipe(
  Flag.map((chosen) => logLevels.find(([n]) => n === chosen)![1]),
  Flag.optional
)

const common = {
  region,
  endpoint,
  allowInsecureEndpoint,
  profile,
  emulator,
  maxAttempts,
  timeout,
  maxRps,
  verbose,
  logLevel
} as const

const commonDocs: ReadonlyArray<Help.OptionDoc> = [
  doc("region", "The AWS region, e.g. us-east-1 (default: AWS_REGION or AWS_DEFAULT_REGION).", "REGION"),
  doc(
    "endpoint",
    "Another endpoint than the region's, e.g. http://127.0.0.1:4566 (default: AWS_ENDPOINT_URL_PERSONALIZE " +
      "or AWS_ENDPOINT_URL).",
    "URL"
  ),
  doc(
    "allow-insecure-endpoint",
    "Accept a plain http:// --endpoint on another machine (by default only https://, or http:// on this machine, " +
      "is accepted: over http the signed requests and the session token travel unencrypted). Only on a network " +
      "you trust, e.g. an emulator on another host."
  ),
  doc(
    "profile",
    "A named profile of ~/.aws/config and ~/.aws/credentials for the credentials (default: AWS_PROFILE, else " +
      "the access keys of the environment, else the SDK's default chain).",
    "NAME"
  ),
  doc(
    "emulator",
    "Start the embedded emulator on 127.0.0.1 with generated demo data (fixed seed) and use it instead of AWS " +
      "(not available in this edition yet)."
  ),
  doc(
    "max-attempts",
    "Attempts per request on throttling, 5xx and network errors, with exponential backoff " +
      `(default ${Retry.defaults.retries + 1}).`,
    "N"
  ),
  doc(
    "timeout",
    "How long one attempt may wait for its response, e.g. \"10 seconds\" or 10s " +
      `(default ${Duration.format(ListBatchSegmentJobs.defaultTimeout)}).`,
    "DURATION"
  ),
  doc(
    "max-rps",
    "At most this many requests a second for the whole command (fractions allowed, e.g. 0.5), shared by every " +
      "listing and feed; lowered for a while when the service throttles (default: no limit).",
    "N"
  ),
  doc(
    "verbose",
    "On an error, also print its full cause with stack traces. (The log of each request and retry: --log-level debug.)"
  ),
  doc(
    "log-level",
    "Print the libraries' log on stderr from this level up: debug shows each request, warning each retry " +
      "(default: none, nothing is logged).",
    logLevels.map(([n]) => n).join("|")
  )
]

/** The retry policy of `--max-attempts`: the core's default policy with that many attempts. @internal */
export const retryPolicy = (attempts: Option.Option<number>): Retry.Policy | undefined =>
  Option.match(attempts, {
    onNone: () => undefined,
    onSome: (n) => n <= 1 ? Retry.none : Retry.makePolicy({ retries: n - 1 })
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
  Effect.catchCause(self, (cause) => Cause.hasInterruptsOnly(cause) ? Effect.interrupt : fail(cause, verbose))

const fail = (cause: Cause.Cause<CliError>, verbose: boolean): Effect.Effect<never, CliExit, Output> =>
  Effect.gen(function*() {
    const output = yield* Output
    const unwritable = cause.reasons.find((reason) => Cause.isDieReason(reason) && reason.defect instanceof OutputError)
    if (unwritable !== undefined && Cause.isDieReason(unwritable)) {
      const error = unwritable.defect as OutputError
      // a reader that stopped reading (`list | head`) is no failure
      if (error.code === "EPIPE") return yield* new CliExit({ code: ExitCode.Success })
      yield* output.stderr(`Error: ${escapeControl(error.message)}\n`)
      return yield* new CliExit({ code: ExitCode.Failure })
    }
    if (verbose) yield* output.stderr(`${Cause.pretty(cause)}\n`)
    const failure = Cause.findErrorOption(cause)
    if (Option.isSome(failure)) {
      // the message may quote the service (its error message, a token): never a control character to the terminal
      yield* output.stderr(`Error: ${escapeControl(messageOf(failure.value))}\n`)
      return yield* new CliExit({ code: exitCodeOf(failure.value) })
    }
    const squashed = Cause.squash(cause)
    const detail = squashed instanceof Error ? squashed.message : String(squashed)
    yield* output.stderr(
      `Unexpected error: ${escapeControl(detail.replace(/\s*\n\s*/g, " "))}.${
        verbose ? "" : " Run again with --verbose for details."
      }\n`
    )
    return yield* new CliExit({ code: ExitCode.Failure })
  })

/**
 * Runs a command with its client and, with `--max-rps`, one `RateLimit.layer` over everything it sends.
 */
const withClient = <A, E extends CliError, R>(
  options: CommonArgs,
  purpose: Purpose,
  program: Effect.Effect<A, E, R>
): Effect.Effect<A, CliExit, Exclude<R, PersonalizeClient> | Output> =>
  Effect.gen(function*() {
    const provider = yield* ClientProvider
    const target: Connection = {
      region: options.region,
      endpoint: options.endpoint,
      profile: options.profile,
      emulator: options.emulator,
      allowInsecureEndpoint: options.allowInsecureEndpoint
    }
    const rateLimit = Option.match(options.maxRps, {
      onNone: () => Layer.empty,
      onSome: (requestsPerSecond) => RateLimit.layer({ requestsPerSecond })
    })
    const logged = Option.match(options.logLevel, {
      onNone: () => program,
      onSome: (level) => Effect.provideService(program, References.MinimumLogLevel, level)
    })
    return Effect.flatMap(connectionAnnotations(options), (annotations) =>
      Effect.provide(
        Effect.annotateLogs(logged, annotations),
        Layer.merge(provider(target, purpose), rateLimit)
      )).pipe(Terminal.withLogs)
  }).pipe(Effect.flatten, report(options.verbose)) as Effect.Effect<A, CliExit, Exclude<R, PersonalizeClient> | Output>

/**
 * What every log line of a command says about where it lists (the region, the endpoint, or the embedded emulator),
 * so that a retry warning can be told apart from another command's in one log.
 */
const connectionAnnotations = (options: CommonArgs): Effect.Effect<Record<string, string>> =>
  Effect.gen(function*() {
    if (options.emulator) return { endpoint: "embedded emulator" }
    const first = (flagValue: Option.Option<string>, names: ReadonlyArray<string>) =>
      Option.isSome(flagValue)
        ? Effect.succeed(flagValue)
        : Effect.map(
          Effect.all(
            names.map((n) =>
              Effect.gen(function*() {
                return yield* Config.option(Config.NonEmptyString(n))
              }).pipe(Effect.orElseSucceed((): Option.Option<string> => Option.none()))
            )
          ),
          (found) => Option.firstSomeOf(found)
        )
    const regionFound = yield* first(options.region, ["AWS_REGION", "AWS_DEFAULT_REGION"])
    const endpointFound = yield* first(options.endpoint, ["AWS_ENDPOINT_URL_PERSONALIZE", "AWS_ENDPOINT_URL"])
    return {
      ...(Option.isSome(regionFound) ? { region: regionFound.value } : {}),
      ...(Option.isSome(endpointFound) ? { endpoint: endpointFound.value } : {})
    }
  })

// -----------------------------------------------------------------------------
// commands
// -----------------------------------------------------------------------------

const listDocs: ReadonlyArray<Help.OptionDoc> = [
  listSolutionVersionArnsDoc,
  statusDoc,
  sinceDoc,
  failOnStatusDoc,
  maxItemsDoc,
  pageSizeDoc,
  startingTokenDoc,
  concurrencyDoc,
  listFormatDoc,
  ...commonDocs
]

const watchDocs: ReadonlyArray<Help.OptionDoc> = [
  watchSolutionVersionArnsDoc,
  statusDoc,
  pageSizeDoc,
  intervalDoc,
  untilTerminalDoc,
  onceDoc,
  stateFileDoc,
  watchFormatDoc,
  ...commonDocs
]

const usage = (command: string, docs: ReadonlyArray<Help.OptionDoc>) => `${command} ${docs.map(Help.usageOf).join(" ")}`

/** The help of each command, by its path. @internal */
export const docs: Record<"root" | "list" | "watch", Help.CommandDoc> = {
  list: {
    usage: usage(`${name} list`, listDocs),
    summary: "List batch segment jobs as they arrive, page by page.",
    notes: [
      "Credentials and region come from the standard AWS environment (AWS_REGION, AWS_ACCESS_KEY_ID, " +
      "AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ...), or from --region, --endpoint and --profile.",
      "Ctrl-C stops at once and prints the token that resumes after the last printed job.",
      "Several --solution-version-arn are listed side by side, --concurrency at a time; each row names its solution " +
      "version. The first one that fails ends the command with its error. A listing of several has no resume " +
      "token: --starting-token and --max-items take one solution version at most."
    ],
    examples: [
      { description: "Every job of the account and region:", line: "personalize-jobs list --region us-east-1" },
      {
        description: "The failed jobs of one solution version, as CSV:",
        line:
          "personalize-jobs list --solution-version-arn arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c --status \"CREATE FAILED\" --format csv"
      },
      {
        description: "The first 10 jobs, then the next 10:",
        line: "personalize-jobs list --max-items 10   # prints: Resume with: --starting-token <token>\n" +
          "  personalize-jobs list --max-items 10 --starting-token <token>"
      },
      {
        description: "Two solution versions side by side, at most 5 requests a second:",
        line:
          "personalize-jobs list --solution-version-arn arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c --solution-version-arn arn:aws:personalize:us-east-1:123456789012:solution/hats/0a1b2c3d --max-rps 5 --format ndjson"
      },
      {
        description: "In CI or cron: exit code 11 when a job failed (the listing still printed whole):",
        line: "personalize-jobs list --fail-on-status \"CREATE FAILED\" --format ndjson > jobs.ndjson"
      },
      {
        description: "Against an emulator on this machine, as JSON:",
        line: "personalize-jobs list --endpoint http://127.0.0.1:4566 --region us-east-1 --format json"
      }
    ],
    options: listDocs
  },
  watch: {
    usage: usage(`${name} watch`, watchDocs),
    summary: "Watch batch segment jobs: poll, and print each new job and each status change once.",
    notes: [
      "The first poll prints every job as new; later polls print only what changed. --status chooses which events " +
      "are printed; --until-terminal looks at every job listed.",
      "With --state-file, the state is restored at the start and saved after each change: a watch run again later " +
      "prints only what changed since. A damaged state file, or one of other solution versions, stops the command " +
      "(exit code 2) and is left as it is.",
      "Several --solution-version-arn are watched together, one feed each (one state file holds them all)."
    ],
    examples: [
      {
        description: "Every minute, until every job has finished:",
        line: "personalize-jobs watch --interval \"1 minute\" --until-terminal"
      },
      {
        description: "Only the failures of one solution version, one JSON object per line:",
        line:
          "personalize-jobs watch --solution-version-arn arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c --status \"CREATE FAILED\" --format ndjson"
      },
      {
        description: "From cron: what changed since the last run (nothing when nothing did):",
        line: "personalize-jobs watch --once --state-file ~/.personalize-jobs.state --format ndjson"
      }
    ],
    options: watchDocs
  },
  root: {
    usage: `${name} list|watch [options]`,
    summary: "List and watch Amazon Personalize batch segment jobs, from AWS or from an emulator. " +
      "Run 'personalize-jobs list --help' or 'personalize-jobs watch --help' for their options.",
    notes: [],
    examples: [
      {
        description: "Every job of the account, as one JSON object per line:",
        line: "personalize-jobs list --region us-east-1 --format ndjson"
      },
      {
        description: "Follow jobs until they have all finished:",
        line: "personalize-jobs watch --until-terminal --interval \"1 hour\""
      }
    ],
    options: [],
    commands: [
      usage("list", listDocs),
      usage("watch", watchDocs)
    ]
  }
}

/** @internal */
export const listCommand = Command.make(
  "list",
  {
    solutionVersionArns,
    status,
    since,
    failOnStatus,
    maxItems,
    pageSize,
    startingToken,
    concurrency,
    format: listFormat,
    ...common
  },
  (options: ListArgs) =>
    withClient(
      options,
      "list",
      List.list({
        solutionVersionArns: options.solutionVersionArns,
        concurrency: options.concurrency,
        maxItems: options.maxItems,
        pageSize: Option.getOrUndefined(options.pageSize),
        startingToken: Option.getOrUndefined(options.startingToken),
        format: options.format,
        status: options.status,
        failOnStatus: options.failOnStatus,
        since: Option.getOrUndefined(options.since),
        retry: retryPolicy(options.maxAttempts),
        timeout: Option.getOrUndefined(options.timeout)
      })
    )
)

/** @internal */
export const watchCommand = Command.make(
  "watch",
  {
    solutionVersionArns,
    status,
    pageSize,
    interval,
    untilTerminal,
    once,
    stateFile,
    format: watchFormat,
    ...common
  },
  (options: WatchArgs) =>
    withClient(
      options,
      // a watch that is to end does not want new jobs (see the embedded emulator)
      options.untilTerminal || options.once ? "list" : "watch",
      Watch.watch({
        solutionVersionArns: options.solutionVersionArns,
        once: options.once,
        stateFile: options.stateFile,
        pageSize: Option.getOrUndefined(options.pageSize),
        format: options.format,
        status: options.status,
        interval: options.interval,
        untilTerminal: options.untilTerminal,
        retry: retryPolicy(options.maxAttempts),
        timeout: Option.getOrUndefined(options.timeout)
      })
    )
)

/** @internal */
export const command: Command.Command<
  "personalize-jobs",
  Args,
  {},
  CliExit,
  Output | FileSystem.FileSystem | Path.Path
> = Command.make(name).pipe(Command.withSubcommands([listCommand, watchCommand])) as any

// -----------------------------------------------------------------------------
// the command line
// -----------------------------------------------------------------------------

const takesValue = (docs: ReadonlyArray<Help.OptionDoc>, option: string): boolean =>
  docs.some((d) => d.name === option && d.metavar !== undefined)

/** Whether `option` appears more than once in the arguments (`--format csv --format json`, or `--format=csv`). */
const givenTwice = (args: ReadonlyArray<string>, option: string): boolean =>
  args.filter((arg) => arg === option || arg.startsWith(`${option}=`)).length > 1

/** The option an error of effect/cli is about, as typed (`--format`), if it is about one. */
const optionOf = (error: CliErrors.CliError): string | undefined =>
  error._tag === "UnrecognizedOption"
    ? error.option
    : error._tag === "InvalidValue" || error._tag === "MissingOption"
    ? `--${error.option}`
    : undefined

/**
 * A command line that effect/cli refused, as one line in the form of every error, `<what>. <what to do>`, naming
 * the option, in the words of the Effect 3 edition.
 *
 * @internal
 */
export const usageMessage = (error: CliErrors.CliError, argv: ReadonlyArray<string>): string => {
  const args = argv.slice(2)
  const commandName = args[0] === "list" || args[0] === "watch" ? args[0] : undefined
  const options = commandName === "list" ? listDocs : commandName === "watch" ? watchDocs : []
  const beforeCommand = commandName === undefined && args[0] !== undefined && args[0].startsWith("-")
  const what = ((): string => {
    if (beforeCommand && (error._tag === "UnrecognizedOption" || error._tag === "UnexpectedArgument")) {
      return `Expected a command, list or watch, before ${args[0]}`
    }
    const option = optionOf(error)
    // an option of one value given twice, which effect/cli refuses as "at most 1 value"
    if (
      option !== undefined && givenTwice(args, option) &&
      options.some((d) => d.name === option && d.metavar !== undefined && d.repeated !== true)
    ) {
      return `${option} is given more than once: give it once`
    }
    switch (error._tag) {
      case "UnrecognizedOption":
        return takesValue(options, error.option)
          ? `${error.option} needs a value`
          : `Unknown option '${error.option}' for ${commandName ?? name}`
      case "UnexpectedArgument":
        return `Unexpected argument '${error.arguments[0]}': ${
          commandName ?? name
        } takes options only (quote a value with spaces)`
      case "UnknownSubcommand":
        return `Unknown command '${error.subcommand}': expected list or watch`
      case "MissingOption":
        return `--${error.option} needs a value`
      case "InvalidValue":
        return error.value === "" ? `--${error.option} needs a value` : `Invalid --${error.option}: ${error.expected}`
      case "ValidationError":
        return error.message.replace(/\.$/, "")
      default:
        return error.message.replace(/\s*\n[\s\S]*$/, "").replace(/\.$/, "")
    }
  })()
  return `${what}. Run '${name}${commandName === undefined ? "" : ` ${commandName}`} --help' for ${
    commandName === undefined ? "the commands" : "its options"
  }.`
}

/** Help, version and refused command lines, written to the `Output` streams as the Effect 3 edition writes them. */
const presenter = (
  output: typeof Output.Service,
  styled: boolean,
  argv: ReadonlyArray<string>
): CliOutput.Presenter => ({
  present: (event) =>
    Effect.gen(function*() {
      switch (event._tag) {
        case "Help": {
          const path = event.commandPath.slice(1)
          const which = path[0] === "list" ? "list" : path[0] === "watch" ? "watch" : "root"
          return yield* output.stdout(Help.render({ name, version, summary }, docs[which], styled))
        }
        case "InvalidInvocation": {
          const first = event.errors[0]
          if (first === undefined) return
          return yield* output.stderr(`Error: ${escapeControl(usageMessage(first, argv))}\n`)
        }
        case "Version":
          return yield* output.stdout(`${version}\n`)
      }
    })
})

const run_ = Command.runWith(command, { version })

/**
 * Runs a command line with what effect/cli prints itself (help, version, refused command lines) on the `Output`
 * streams: help without ANSI styles unless stdout is a terminal and `NO_COLOR` is not set, a refused command line
 * as one line on stderr (`usageMessage`), and no log unless `--log-level` asks for it (then on stderr). So is
 * `--wizard` when stdin is not a terminal.
 *
 * @internal
 */
export const run = (
  argv: ReadonlyArray<string>
): Effect.Effect<void, CliExit | CliErrors.CliError, Command.Environment | Output> =>
  Effect.gen(function*() {
    const output = yield* Output
    if (argv.slice(2).includes("--wizard") && output.stdinIsTTY !== true) {
      // it would wait for answers that cannot come
      yield* output.stderr(`Error: ${CliMessage.wizardOffTerminal}
`)
      return yield* new CliExit({ code: ExitCode.InvalidInput })
    }
    return yield* run_(argv.slice(2)).pipe(
      // `personalize-jobs` alone prints its help: no failure
      Effect.catchIf(
        (error): error is CliErrors.ShowHelp =>
          CliErrors.isCliError(error) && error._tag === "ShowHelp" &&
          error.errors.length === 0,
        () => Effect.void
      ),
      Effect.provideService(CliOutput.Presenter, presenter(output, (yield* Terminal.colors).stdout, argv)),
      Effect.provideService(
        CliConfig.CliConfig,
        CliConfig.make({ builtIns: [GlobalFlag.Help, GlobalFlag.Version, GlobalFlag.Wizard, GlobalFlag.Completions] })
      ),
      // no log unless asked for with --log-level, which sets its level inside this one
      Effect.provideService(References.MinimumLogLevel, "None")
    )
  })
