/** @internal */
import type { KnownStatus } from "@effect-personalize/core/BatchSegmentJob"
import { knownStatuses } from "@effect-personalize/core/BatchSegmentJob"
import * as ListBatchSegmentJobs from "@effect-personalize/core/ListBatchSegmentJobs"
import type { PersonalizeClient } from "@effect-personalize/core/PersonalizeClient"
import * as RateLimit from "@effect-personalize/core/RateLimit"
import * as Retry from "@effect-personalize/core/Retry"
import * as CliHelp from "@effect-personalize/protocol/CliHelp"
import * as CliMessage from "@effect-personalize/protocol/CliMessage"
import type * as CliApp from "@effect/cli/CliApp"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Span from "@effect/cli/HelpDoc/Span"
import * as Options from "@effect/cli/Options"
import * as Usage from "@effect/cli/Usage"
import * as ValidationError from "@effect/cli/ValidationError"
import type * as FileSystem from "@effect/platform/FileSystem"
import type * as Path from "@effect/platform/Path"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import type { Args, CommonArgs, ListArgs, WatchArgs } from "../Cli.js"
import type { CliError } from "../CliError.js"
import { CliExit, OutputError } from "../CliError.js"
import type { Connection, Purpose } from "../Connection.js"
import { ClientProvider } from "../Connection.js"
import { Output } from "../Output.js"
import * as DurationText from "./duration.js"
import { exitCodeOf, messageOf } from "./errors.js"
import { ExitCode, table as exitCodes } from "./exitCode.js"
import { formats, normalizeStatus, watchFormats } from "./format.js"
import * as List from "./list.js"
import * as Terminal from "./terminal.js"
import { escapeControl } from "./text.js"
import * as Watch from "./watch.js"

/** @internal */
export const name = "personalize-jobs"

/** @internal */
export const version = "0.1.0"

// -----------------------------------------------------------------------------
// values
// -----------------------------------------------------------------------------

const duration = (flag: string) => (text: string) =>
  Either.match(DurationText.parse(text), {
    onLeft: (reason) => Effect.fail(ValidationError.invalidValue(HelpDoc.p(`Invalid --${flag}: ${reason}`))),
    onRight: Effect.succeed
  })

/**
 * A whole number from `min` up (to `max`), read from the text of `--flag`: the message names the option, where
 * @effect/cli's own integer says only "'ten' is not a integer".
 */
const wholeNumber = (flag: string, min: number, max?: number) => (text: string) => {
  const n = /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : NaN
  return Number.isSafeInteger(n) && n >= min && (max === undefined || n <= max)
    ? Effect.succeed(n)
    : Effect.fail(
      ValidationError.invalidValue(
        HelpDoc.p(
          `Invalid --${flag}: expected a whole number ${
            max === undefined ? `of at least ${min}` : `from ${min} to ${max}`
          }, got '${text}'`
        )
      )
    )
}

/** `--flag N`: a whole number from `min` up (to `max`). */
const integer = (flag: string, min: number, max?: number): Options.Options<number> =>
  Options.text(flag).pipe(Options.withPseudoName("N"), Options.mapEffect(wholeNumber(flag, min, max)))

/** One of `choices`, in any case; the message names the option (@effect/cli's own choice does not). */
const choice = <A extends string>(flag: string, choices: ReadonlyArray<A>): Options.Options<A> =>
  Options.text(flag).pipe(
    Options.withPseudoName(choices.join("|")),
    Options.mapEffect((text) => {
      const chosen = choices.find((c) => c === text.trim().toLowerCase())
      return chosen !== undefined
        ? Effect.succeed(chosen)
        : Effect.fail(
          ValidationError.invalidValue(
            HelpDoc.p(
              `Invalid --${flag}: expected ${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}, got '${text}'`
            )
          )
        )
    })
  )

// -----------------------------------------------------------------------------
// options
// -----------------------------------------------------------------------------

const positive = (flag: string, what: string) => (text: string) => {
  const n = text.trim() === "" ? NaN : Number(text)
  return Number.isFinite(n) && n > 0
    ? Effect.succeed(n)
    : Effect.fail(ValidationError.invalidValue(HelpDoc.p(`Invalid --${flag}: expected ${what}, got '${text}'`)))
}

const solutionVersionArns = (description: string): Options.Options<ReadonlyArray<string>> =>
  Options.text("solution-version-arn").pipe(
    Options.withPseudoName("ARN"),
    Options.withDescription(description),
    Options.repeated,
    Options.optional,
    // the same solution version twice is listed or watched once
    Options.map(Option.match({ onNone: () => [], onSome: (arns) => [...new Set(arns)] }))
  )

const listSolutionVersionArns = solutionVersionArns(
  CliHelp.options["list-solution-version-arn"].description
)

const watchSolutionVersionArns = solutionVersionArns(
  CliHelp.options["watch-solution-version-arn"].description
)

const concurrency = integer("concurrency", 1).pipe(
  Options.withDescription(CliHelp.options.concurrency.description),
  Options.withDefault(4)
)

/**
 * The `--status` values, each one of the documented statuses in any case, `_` or `-` for the space: a value that
 * is none of them (a typo, `failed`) would match no job and report nothing, so it is refused.
 */
const knownStatus = (flag: string) => (values: ReadonlyArray<string>) => {
  const unknown = values.find((value) => !knownStatuses.includes(normalizeStatus(value) as KnownStatus))
  return unknown === undefined
    ? Effect.succeed(values)
    : Effect.fail(
      ValidationError.invalidValue(
        HelpDoc.p(
          `Invalid --${flag} '${unknown}': expected ${knownStatuses.slice(0, -1).join(", ")} or ${
            knownStatuses.at(-1)
          } (any case, '_' or '-' for the space)`
        )
      )
    )
}

const status: Options.Options<ReadonlyArray<string>> = Options.text("status").pipe(
  Options.withPseudoName("STATUS"),
  Options.withDescription(CliHelp.options.status.description),
  Options.repeated,
  // optional, so that the usage line shows it in brackets: none at all means every status
  Options.optional,
  Options.map(Option.getOrElse(() => [])),
  Options.mapEffect(knownStatus("status"))
)

const failOnStatus: Options.Options<ReadonlyArray<string>> = Options.text("fail-on-status").pipe(
  Options.withPseudoName("STATUS"),
  Options.withDescription(CliHelp.options["fail-on-status"].description),
  Options.repeated,
  Options.optional,
  Options.map(Option.getOrElse(() => [])),
  Options.mapEffect(knownStatus("fail-on-status"))
)

const since = Options.text("since").pipe(
  Options.withPseudoName("TIME"),
  Options.withDescription(CliHelp.options.since.description),
  Options.mapEffect((text) =>
    Either.match(DurationText.parseSince(text), {
      onLeft: (reason) => Effect.fail(ValidationError.invalidValue(HelpDoc.p(`Invalid --since: ${reason}`))),
      onRight: Effect.succeed
    })
  ),
  Options.optional
)

const pageSize = integer("page-size", 1, 100).pipe(
  Options.withDescription(CliHelp.options["page-size"].description),
  Options.optional
)

const maxItems = integer("max-items", 1).pipe(
  Options.withDescription(CliHelp.options["max-items"].description),
  Options.optional
)

const startingToken = Options.text("starting-token").pipe(
  Options.withPseudoName("TOKEN"),
  Options.withDescription(CliHelp.options["starting-token"].description),
  Options.optional
)

const listFormat = choice("format", formats).pipe(
  Options.withDescription(CliHelp.options["list-format"].description),
  Options.withDefault("table" as const)
)

const watchFormat = choice("format", watchFormats).pipe(
  Options.withDescription(CliHelp.options["watch-format"].description),
  Options.withDefault("table" as const)
)

const defaultInterval = "30 seconds"

const interval = Options.text("interval").pipe(
  Options.withPseudoName("DURATION"),
  Options.withDescription(CliHelp.interval(defaultInterval, DurationText.examples).description),
  Options.withDefault(defaultInterval),
  Options.mapEffect(duration("interval"))
)

const untilTerminal = Options.boolean("until-terminal").pipe(
  Options.withDescription(CliHelp.options["until-terminal"].description)
)

const once = Options.boolean("once").pipe(
  Options.withDescription(CliHelp.options.once.description)
)

const stateFile = Options.text("state-file").pipe(
  Options.withPseudoName("PATH"),
  Options.withDescription(CliHelp.options["state-file"].description),
  Options.optional
)

const region = Options.text("region").pipe(
  Options.withPseudoName("REGION"),
  Options.withDescription(CliHelp.options.region.description),
  Options.optional
)

const endpoint = Options.text("endpoint").pipe(
  Options.withPseudoName("URL"),
  Options.withDescription(CliHelp.options.endpoint.description),
  Options.optional
)

const allowInsecureEndpoint = Options.boolean("allow-insecure-endpoint").pipe(
  Options.withDescription(CliHelp.options["allow-insecure-endpoint"].description)
)

const profile = Options.text("profile").pipe(
  Options.withPseudoName("NAME"),
  Options.withDescription(CliHelp.options.profile.description),
  Options.optional
)

const emulator = Options.boolean("emulator").pipe(
  Options.withDescription(CliHelp.options.emulator.description)
)

const maxAttempts = integer("max-attempts", 1, 20).pipe(
  Options.withDescription(CliHelp.maxAttempts(Retry.defaults.retries + 1).description),
  Options.optional
)

const timeout = Options.text("timeout").pipe(
  Options.withPseudoName("DURATION"),
  Options.withDescription(CliHelp.timeout(Duration.format(ListBatchSegmentJobs.defaultTimeout)).description),
  Options.mapEffect(duration("timeout")),
  Options.optional
)

const maxRps = Options.text("max-rps").pipe(
  Options.withPseudoName("N"),
  Options.withDescription(CliHelp.options["max-rps"].description),
  Options.mapEffect(positive("max-rps", "a positive number of requests per second, e.g. 5 or 0.5")),
  Options.optional
)

const verbose = Options.boolean("verbose").pipe(
  Options.withDescription(CliHelp.options.verbose.description)
)

/**
 * `--log-level`, an option of each command so that it is in the usage line and works anywhere after the command:
 * @effect/cli's own (built in) finds it only right after the command name, and then takes it away first.
 */
const logLevel: Options.Options<Option.Option<LogLevel.LogLevel>> = choice(
  "log-level",
  LogLevel.allLevels.map((level) => level._tag.toLowerCase())
).pipe(
  Options.withDescription(CliHelp.options["log-level"].description),
  Options.map((name) => LogLevel.allLevels.find((level) => level._tag.toLowerCase() === name)!),
  Options.optional
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
  Effect.catchAllCause(self, (cause) => Cause.isInterruptedOnly(cause) ? Effect.interrupt : fail(cause, verbose))

const fail = (cause: Cause.Cause<CliError>, verbose: boolean): Effect.Effect<never, CliExit, Output> =>
  Effect.gen(function*() {
    const output = yield* Output
    const unwritable = Chunk.findFirst(Cause.defects(cause), (defect) => defect instanceof OutputError)
    if (Option.isSome(unwritable)) {
      // a reader that stopped reading (`list | head`) is no failure
      if ((unwritable.value as OutputError).code === "EPIPE") return yield* new CliExit({ code: ExitCode.Success })
      yield* output.stderr(`Error: ${escapeControl((unwritable.value as OutputError).message)}\n`)
      return yield* new CliExit({ code: ExitCode.Failure })
    }
    if (verbose) yield* output.stderr(`${Cause.pretty(cause)}\n`)
    const failure = Cause.failureOption(cause)
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
  Effect.flatMap(ClientProvider, (provider) => {
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
      onSome: (level) => Logger.withMinimumLogLevel(program, level)
    })
    return Effect.flatMap(connectionAnnotations(options), (annotations) =>
      Effect.provide(
        Effect.annotateLogs(logged, annotations),
        Layer.merge(provider(target, purpose), rateLimit)
      )).pipe(Terminal.withLogs)
  }).pipe(report(options.verbose))

/**
 * What every log line of a command says about where it lists (the region, the endpoint, or the embedded emulator),
 * so that a retry warning can be told apart from another command's in one log.
 */
const connectionAnnotations = (options: CommonArgs): Effect.Effect<Record<string, string>> =>
  Effect.gen(function*() {
    if (options.emulator) return { endpoint: "embedded emulator" }
    const first = (flag: Option.Option<string>, names: ReadonlyArray<string>) =>
      Option.isSome(flag)
        ? Effect.succeed(flag)
        : Effect.map(
          Effect.all(
            names.map((name) => Config.option(Config.nonEmptyString(name)).pipe(Effect.orElseSucceed(Option.none)))
          ),
          Option.firstSomeOf
        )
    const region = yield* first(options.region, ["AWS_REGION", "AWS_DEFAULT_REGION"])
    const endpoint = yield* first(options.endpoint, ["AWS_ENDPOINT_URL_PERSONALIZE", "AWS_ENDPOINT_URL"])
    return {
      ...(Option.isSome(region) ? { region: region.value } : {}),
      ...(Option.isSome(endpoint) ? { endpoint: endpoint.value } : {})
    }
  })

const example = (description: string, line: string): [Span.Span, HelpDoc.HelpDoc] => [
  Span.text(description),
  HelpDoc.p(Span.code(line))
]

/** The `EXIT CODES` section of every help, from the one table of exit codes. */
const exitCodesHelp: HelpDoc.HelpDoc = HelpDoc.blocks([
  HelpDoc.h2("EXIT CODES"),
  // one paragraph with a line per code: paragraphs of their own would each be followed by a blank line
  HelpDoc.p(
    Span.text(exitCodes.map(({ code, meaning }) => `  ${String(code).padEnd(5)}${meaning}`).join("\n"))
  )
])

/** The help of a command, as the protocol's `CliHelp` has it (the same in both editions). */
const commandHelp = (doc: CliHelp.Command): HelpDoc.HelpDoc => {
  const [first, ...rest] = doc.examples.map(({ description, line }) => example(description, line))
  return help(doc.summary, HelpDoc.descriptionList([first!, ...rest]), doc.notes)
}

const help = (summary: string, examples: HelpDoc.HelpDoc, notes: ReadonlyArray<string>) =>
  HelpDoc.blocks([
    HelpDoc.p(summary),
    ...notes.map((note) => HelpDoc.p(note)),
    HelpDoc.h2("EXAMPLES"),
    examples,
    exitCodesHelp
  ])

/** @internal */
export const listCommand: Command.Command<"list", Output, CliExit, ListArgs> = Command.make(
  "list",
  {
    solutionVersionArns: listSolutionVersionArns,
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
  (options) =>
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
).pipe(Command.withDescription(commandHelp(CliHelp.commands.list)))

/** @internal */
export const watchCommand: Command.Command<"watch", Output | FileSystem.FileSystem | Path.Path, CliExit, WatchArgs> =
  Command.make(
    "watch",
    {
      solutionVersionArns: watchSolutionVersionArns,
      status,
      pageSize,
      interval,
      untilTerminal,
      once,
      stateFile,
      format: watchFormat,
      ...common
    },
    (options) =>
      withClient(
        options,
        // a watch that is to end does not want new jobs: under --until-terminal, a job started every 20 seconds by
        // the embedded emulator would never let every job be terminal
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
  ).pipe(Command.withDescription(commandHelp(CliHelp.commands.watch)))

/** @internal */
export const command: Command.Command<
  "personalize-jobs",
  Output | FileSystem.FileSystem | Path.Path,
  CliExit,
  Args
> = Command.make(name).pipe(
  Command.withDescription(commandHelp(CliHelp.commands.root)),
  Command.withSubcommands([listCommand, watchCommand])
)

const runCommand = Command.run(command, {
  name,
  version,
  summary: Span.text("list and watch Amazon Personalize batch segment jobs")
})

/** Whether the usage line of `command` shows `flag` with a value (`[--max-items integer]`). */
const takesValue = (command: "list" | "watch", flag: string): boolean =>
  Terminal.stripAnsi(
    HelpDoc.toAnsiText(
      Usage.getHelp(command === "list" ? Command.getUsage(listCommand) : Command.getUsage(watchCommand))
    )
  ).includes(`[${flag} `)

/** Whether `flag` is an option of `command` (in its usage line, with a value or without). */
const isOption = (command: "list" | "watch", flag: string): boolean =>
  takesValue(command, flag) ||
  Terminal.stripAnsi(
    HelpDoc.toAnsiText(
      Usage.getHelp(command === "list" ? Command.getUsage(listCommand) : Command.getUsage(watchCommand))
    )
  ).includes(`[${flag}]`)

/**
 * An option that takes a value given without one: last on the line, or followed by another option of the command.
 * @effect/cli would take no value for a repeatable one (`--status` alone: every status) or the next option as its
 * value (`--status --format`).
 */
const withoutValue = (args: ReadonlyArray<string>): string | undefined => {
  const command = args[0]
  if (command !== "list" && command !== "watch") return undefined
  return args.find((arg, i) =>
    i > 0 && takesValue(command, arg) && (i === args.length - 1 || isOption(command, args[i + 1]!))
  )
}

/** Whether `option` appears more than once in the arguments (`--format csv --format json`, or `--format=csv`). */
const givenTwice = (args: ReadonlyArray<string>, option: string): boolean =>
  args.filter((arg) => arg === option || arg.startsWith(`${option}=`)).length > 1

/**
 * A command line that the parser refused, as one line in the form of every error, `<what>. <what to do>`, naming
 * the option: @effect/cli's own wording ("Received unknown argument: '--x'", several lines) reworded where it
 * names nothing.
 *
 * @internal
 */
export const usageMessage = (error: ValidationError.ValidationError, argv: ReadonlyArray<string>): string => {
  const args = argv.slice(2)
  const command = args[0] === "list" || args[0] === "watch" ? args[0] : undefined
  const text = Terminal.stripAnsi(HelpDoc.toAnsiText(error.error)).replace(/\s+/g, " ").trim()
  const unknown = /^Received unknown argument: '(.*)'$/.exec(text)
  const noValue = /^Expected a value following option: '(.*)'$/.exec(text)
  const what = unknown !== null
    ? command !== undefined && takesValue(command, unknown[1]!)
      // the parser refuses the second value of an option that takes one the way it refuses a missing value
      ? givenTwice(args, unknown[1]!)
        ? `${unknown[1]} is given more than once: give it once`
        : `${unknown[1]} needs a value`
      : unknown[1]!.startsWith("-")
      ? `Unknown option '${unknown[1]}' for ${command ?? name}`
      : `Unexpected argument '${unknown[1]}': ${command ?? name} takes options only (quote a value with spaces)`
    : noValue !== null
    ? `${noValue[1]} needs a value`
    : text.startsWith("Invalid subcommand for")
    ? args[0] === undefined || args[0].startsWith("-")
      ? `Expected a command, list or watch, before ${args[0] ?? "the options"}`
      : `Unknown command '${args[0]}': expected list or watch`
    : text.replace(/\.$/, "")
  return `${what}. Run '${name}${command === undefined ? "" : ` ${command}`} --help' for ${
    command === undefined ? "the commands" : "its options"
  }.`
}

/**
 * Runs a command line with what @effect/cli prints itself (help, version) on the `Output` streams, without ANSI
 * escapes unless the stream is a terminal and `NO_COLOR` is not set, and no log unless `--log-level` asks for it
 * (then on stderr). A command line that the parser refuses is one line on stderr (`usageMessage`); so is `--wizard`
 * when stdin is not a terminal.
 *
 * @internal
 */
export const run = (
  argv: ReadonlyArray<string>
): Effect.Effect<void, CliExit | ValidationError.ValidationError, CliApp.CliApp.Environment | Output> =>
  Effect.gen(function*() {
    const output = yield* Output
    if (argv.slice(2).includes("--wizard") && output.stdinIsTTY !== true) {
      // it would wait for answers that cannot come
      yield* output.stderr(`Error: ${CliMessage.wizardOffTerminal}
`)
      return yield* new CliExit({ code: ExitCode.InvalidInput })
    }
    const noValue = withoutValue(argv.slice(2))
    if (noValue !== undefined) {
      yield* output.stderr(`Error: ${noValue} needs a value. Run '${name} ${argv[2]} --help' for its options.\n`)
      return yield* new CliExit({ code: ExitCode.InvalidInput })
    }
    const console = yield* Terminal.console(
      output,
      yield* Terminal.colors,
      (text) => Terminal.tidyHelp(text, name, ["list", "watch"])
    )
    // no log unless asked for with the built-in --log-level, which sets its level inside this one
    return yield* Effect.withConsole(Logger.withMinimumLogLevel(runCommand(argv), LogLevel.None), console).pipe(
      Effect.tapError((error) =>
        ValidationError.isValidationError(error)
          ? output.stderr(`Error: ${escapeControl(usageMessage(error, argv))}\n`)
          : Effect.void
      )
    )
  })
