/** @internal */
import { knownStatuses } from "@effect-personalize/core/BatchSegmentJob"
import * as ListBatchSegmentJobs from "@effect-personalize/core/ListBatchSegmentJobs"
import type { PersonalizeClient } from "@effect-personalize/core/PersonalizeClient"
import * as RateLimit from "@effect-personalize/core/RateLimit"
import * as Retry from "@effect-personalize/core/Retry"
import * as CliDemo from "@effect-personalize/protocol/CliDemo"
import * as CliHelp from "@effect-personalize/protocol/CliHelp"
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
import { CliExit, OutputError, UsageError } from "../CliError.js"
import type { Connection, Purpose } from "../Connection.js"
import { ClientProvider } from "../Connection.js"
import { Output } from "../Output.js"
import { exitCodeOf, messageOf } from "./errors.js"
import * as Help from "./help.js"
import * as List from "./list.js"
import * as RateLimitStore from "./rateLimitStore.js"
import { awsOptions } from "./source.js"
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

/** An option's help, from the protocol's `CliHelp` (the same in both editions). */
const doc = (name: string, help: CliHelp.Option, isRepeated?: boolean): Help.OptionDoc => ({
  name: `--${name.replace(/^(list|watch)-/, "")}`,
  metavar: help.metavar,
  repeated: isRepeated,
  description: help.description
})

const solutionVersionArns: Flag.Flag<ReadonlyArray<string>> = repeated("solution-version-arn").pipe(
  // the same solution version twice is listed or watched once
  Flag.map((arns) => [...new Set(arns)])
)

const listSolutionVersionArnsDoc = doc("list-solution-version-arn", CliHelp.options["list-solution-version-arn"], true)

const watchSolutionVersionArnsDoc = doc(
  "watch-solution-version-arn",
  CliHelp.options["watch-solution-version-arn"],
  true
)

const concurrency = integer("concurrency", 1).pipe(Flag.withDefault(4))
const concurrencyDoc = doc("concurrency", CliHelp.options.concurrency)

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
const statusDoc = doc("status", CliHelp.options.status, true)

const failOnStatus = repeated("fail-on-status").pipe(Flag.mapEffect(knownStatus("fail-on-status")))
const failOnStatusDoc = doc("fail-on-status", CliHelp.options["fail-on-status"], true)

const since = Flag.String("since").pipe(
  Flag.mapEffect((text) => {
    const result = DurationText.parseSince(text)
    return result._tag === "Left" ? invalid(`Invalid --since: ${result.detail}`) : Effect.succeed(result.value)
  }),
  Flag.optional
)
const sinceDoc = doc("since", CliHelp.options.since)

const pageSize = integer("page-size", 1, 100).pipe(Flag.optional)
const pageSizeDoc = doc("page-size", CliHelp.options["page-size"])

const maxItems = integer("max-items", 1).pipe(Flag.optional)
const maxItemsDoc = doc("max-items", CliHelp.options["max-items"])

const startingToken = Flag.String("starting-token").pipe(Flag.optional)
const startingTokenDoc = doc("starting-token", CliHelp.options["starting-token"])

const listFormat = choice("format", formats).pipe(Flag.withDefault("table" as const))
const listFormatDoc = doc("list-format", CliHelp.options["list-format"])

const watchFormat = choice("format", watchFormats).pipe(Flag.withDefault("table" as const))
const watchFormatDoc = doc("watch-format", CliHelp.options["watch-format"])

const defaultInterval = "30 seconds"

const interval = Flag.String("interval").pipe(Flag.withDefault(defaultInterval), Flag.mapEffect(duration("interval")))
const intervalDoc = doc("interval", CliHelp.interval(defaultInterval, DurationText.examples))

const untilTerminal = flag("until-terminal")
const untilTerminalDoc = doc("until-terminal", CliHelp.options["until-terminal"])

const once = flag("once")
const onceDoc = doc("once", CliHelp.options.once)

const stateFile = Flag.String("state-file").pipe(Flag.optional)
const stateFileDoc = doc("state-file", CliHelp.options["state-file"])

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

const rateLimitStore = Flag.String("rate-limit-store").pipe(
  Flag.mapEffect((text) => {
    const result = RateLimitStore.parseUrl(text)
    return result._tag === "Left"
      ? invalid(`Invalid --rate-limit-store: ${result.detail}`)
      : Effect.succeed(result.value)
  }),
  Flag.optional
)

const rateLimitStoreFailure = choice("rate-limit-store-failure", ["local", "fail"] as const).pipe(Flag.optional)

const rateLimitAccount = Flag.String("rate-limit-account").pipe(
  Flag.mapEffect((text) =>
    /^\d{12}$/.test(text.trim())
      ? Effect.succeed(text.trim())
      : invalid(`Invalid --rate-limit-account: expected the 12 digits of an AWS account, got '${text}'`)
  ),
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
  rateLimitStore,
  rateLimitStoreFailure,
  rateLimitAccount,
  verbose,
  logLevel
} as const

const commonDocs: ReadonlyArray<Help.OptionDoc> = [
  doc("region", CliHelp.options.region),
  doc("endpoint", CliHelp.options.endpoint),
  doc("allow-insecure-endpoint", CliHelp.options["allow-insecure-endpoint"]),
  doc("profile", CliHelp.options.profile),
  doc("emulator", CliHelp.options.emulator),
  doc("max-attempts", CliHelp.maxAttempts(Retry.defaults.retries + 1)),
  doc("timeout", CliHelp.timeout(Duration.format(ListBatchSegmentJobs.defaultTimeout))),
  doc("max-rps", CliHelp.options["max-rps"]),
  // this edition's only: RateLimit.layerStore
  {
    name: "--rate-limit-store",
    metavar: "URL",
    description: "Share --max-rps with every process that uses this Redis for the same AWS account and region " +
      "(redis://HOST:PORT[/DB], rediss:// for TLS; port 6379 and database 0 by default): workers, cron jobs and " +
      "services then send at most --max-rps between them all, each slowed down by a throttle any of them met, " +
      "instead of each at the full rate. Needs --max-rps (the rate of them all)."
  },
  {
    name: "--rate-limit-store-failure",
    metavar: "local|fail",
    description: "When Redis does not answer (within 1 second): local warns on stderr and goes on under this " +
      "command's own --max-rps, back to the shared limit once Redis answers again (to the end of the command when " +
      "Redis could not be reached at its start); fail stops with exit code 7 before the request is sent " +
      "(default: local)."
  },
  {
    name: "--rate-limit-account",
    metavar: "ACCOUNT",
    description: "The AWS account (12 digits) whose quota --rate-limit-store shares, when no " +
      "--solution-version-arn names it. Asked for rather than looked up: the credentials' account is known only " +
      "from a request to AWS STS, which needs a permission of its own."
  },
  doc("verbose", CliHelp.options.verbose),
  doc("log-level", CliHelp.options["log-level"])
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
 * The limit of `--max-rps`: this process's own `RateLimit.layer`, or with `--rate-limit-store` the one that every
 * process of the account and region shares (`RateLimit.layerStore`); a usage error for options that do not go
 * together.
 */
const rateLimitLayer = (
  options: CommonArgs,
  target: Connection,
  arns: ReadonlyArray<string>
): Effect.Effect<Layer.Layer<never, CliError, Output>, CliError> =>
  Effect.gen(function*() {
    if (Option.isNone(options.rateLimitStore)) {
      const orphan = Option.isSome(options.rateLimitStoreFailure)
        ? "--rate-limit-store-failure"
        : Option.isSome(options.rateLimitAccount)
        ? "--rate-limit-account"
        : undefined
      if (orphan !== undefined) {
        return yield* new UsageError({
          detail: `${orphan} only applies to a shared limit: pass --rate-limit-store with it, or leave it out.`
        })
      }
      return Option.match(options.maxRps, {
        onNone: () => Layer.empty,
        onSome: (requestsPerSecond) => RateLimit.layer({ requestsPerSecond })
      })
    }
    if (Option.isNone(options.maxRps)) {
      return yield* new UsageError({
        detail: "--rate-limit-store needs --max-rps: the requests a second that the processes share between them " +
          "all (the account's quota, or less), e.g. --max-rps 20."
      })
    }
    const account = yield* RateLimitStore.accountOf(Option.getOrUndefined(options.rateLimitAccount), arns)
    // the region the requests go to, as the client finds it
    const region = target.emulator ? CliDemo.region : (yield* awsOptions(target)).region
    return RateLimitStore.layer({
      store: options.rateLimitStore.value,
      onStoreFailure: Option.getOrElse(options.rateLimitStoreFailure, () => "local" as const),
      requestsPerSecond: options.maxRps.value,
      account,
      region,
      logLevel: Option.getOrElse(options.logLevel, (): LogLevel.LogLevel => "Warn")
    })
  })

/**
 * Runs a command with its client and, with `--max-rps`, one `RateLimit.layer` (or, with `--rate-limit-store`, one
 * `RateLimit.layerStore`) over everything it sends.
 */
const withClient = <A, E extends CliError, R>(
  options: CommonArgs,
  arns: ReadonlyArray<string>,
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
    const rateLimit = yield* rateLimitLayer(options, target, arns)
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

/** A command's help from the protocol's `CliHelp`. */
const commandDoc = (
  command: CliHelp.Command,
  rest: Omit<Help.CommandDoc, "summary" | "notes" | "examples">,
  extra: ReadonlyArray<Help.Example> = []
): Help.CommandDoc => ({
  summary: command.summary,
  notes: command.notes,
  examples: [...command.examples, ...extra],
  ...rest
})

/** The help of each command, by its path. @internal */
export const docs: Record<"root" | "list" | "watch", Help.CommandDoc> = {
  list: commandDoc(CliHelp.commands.list, { usage: usage(`${name} list`, listDocs), options: listDocs }),
  watch: commandDoc(CliHelp.commands.watch, { usage: usage(`${name} watch`, watchDocs), options: watchDocs }),
  root: commandDoc(CliHelp.commands.root, {
    usage: `${name} list|watch [options]`,
    options: [],
    commands: [usage("list", listDocs), usage("watch", watchDocs)]
  })
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
      options.solutionVersionArns,
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
      options.solutionVersionArns,
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
