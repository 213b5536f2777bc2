import * as EmulatorCommand from "@effect-personalize/protocol/EmulatorCommand"
import * as FaultInjection from "@effect-personalize/protocol/FaultInjection"
import * as RequestLogs from "@effect-personalize/protocol/RequestLog"
import * as CliError from "effect/cli/CliError"
import * as CliOutput from "effect/cli/CliOutput"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as HttpServerError from "effect/http/HttpServerError"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Api from "../PersonalizeEmulator.js"
import { Emulator, EmulatorServer } from "../PersonalizeEmulator.js"
import * as internalServer from "./server.js"

/** A command line the emulator cannot run with. (Not marked internal: tested.) */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly detail: string }> {
  override get message(): string {
    return this.detail
  }
}

const secretAccessKeyEnv = EmulatorCommand.secretAccessKeyEnv

// Every option is read as text and checked by the protocol package's `EmulatorCommand`, shared with the Effect 3
// edition's command, so that a usage error names the option in the same words in both editions.
const text = (name: string, metavar: string | undefined, description: string) => {
  const flag = Flag.String(name).pipe(Flag.withDescription(description))
  return Flag.optional(metavar === undefined ? flag : Flag.withMetavar(flag, metavar))
}

const flags = {
  host: Flag.String("host").pipe(Flag.withDefault("127.0.0.1"), Flag.withDescription("The address to listen on.")),
  port: text("port", "PORT", "The port to listen on, 0 to 65535; 0 picks a free one."),
  generate: text(
    "generate",
    "SOLUTION_VERSIONS:JOBS_EACH",
    "Generate jobs, e.g. 3:40 for 3 solution versions with 40 jobs each."
  ),
  seedFile: text("seed-file", "FILE", "A JSON array of job summaries (timestamps as epoch seconds or ISO strings)."),
  randomSeed: text(
    "random-seed",
    "N",
    "The seed of generated jobs, lifecycle outcomes and random faults (default 0)."
  ),
  accessKeyId: text(
    "access-key-id",
    undefined,
    "The access key id to accept (default: the documented test key pair)."
  ),
  secretAccessKey: Flag.Redacted("secret-access-key").pipe(
    Flag.withDescription(
      `The secret access key that goes with --access-key-id; better in the environment variable ${secretAccessKeyEnv}, ` +
        "which other users of the machine cannot see (a command line shows in ps)."
    ),
    Flag.optional
  ),
  noVerifySignatures: Flag.Boolean("no-verify-signatures").pipe(
    Flag.withDefault(false),
    Flag.withDescription("Accept requests without checking their SigV4 signature.")
  ),
  faultRate: text("fault-rate", "PROBABILITY", "The probability of a fault per request, 0 to 1."),
  faultKinds: text(
    "fault-kinds",
    undefined,
    `Comma-separated fault kinds for --fault-rate: ${FaultInjection.faultKinds.join(", ")}.`
  ),
  lifecycle: text(
    "lifecycle",
    "PENDING_SECONDS:RUN_SECONDS[:FAILURE_RATE]",
    "Make PENDING and IN PROGRESS jobs advance on the clock."
  ),
  tokenTtl: text("token-ttl", "SECONDS", "How long a page token stays valid, in seconds (default 86400)."),
  responseTime: text(
    "response-time",
    "MILLISECONDS",
    "Answer every request after this many milliseconds (a network and service time)."
  ),
  rateLimit: text(
    "rate-limit",
    "REQUESTS/s[,burst=N][,retry-after=SECONDS]",
    "Throttle each account beyond this rate (ThrottlingException, HTTP 400), e.g. 5/s, 100/s or 5/s,burst=10. " +
      "The burst defaults to one second's worth; retry-after adds a Retry-After header to throttled answers."
  ),
  requestLogSize: text(
    "request-log-size",
    "REQUESTS",
    `How many of the newest requests the request log keeps (default ${RequestLogs.defaultSize}; 0 keeps none).`
  )
}

type Flags = {
  readonly [K in keyof typeof flags]: (typeof flags)[K] extends Flag.Flag<infer A> ? A : never
}

const usage = (detail: string) => new UsageError({ detail })

const number = (
  option: keyof typeof EmulatorCommand.expects,
  value: Option.Option<string>
): Effect.Effect<number | undefined, UsageError> => {
  if (Option.isNone(value)) return Effect.succeed(undefined)
  const parsed = EmulatorCommand.parseNumber(option, value.value)
  return typeof parsed === "number" ? Effect.succeed(parsed) : Effect.fail(usage(parsed.detail))
}

// An empty variable is no variable.
const secretFromEnv = Config.option(Config.String(secretAccessKeyEnv)).pipe(
  Config.map(Option.filter((secret) => secret !== "")),
  Config.map(Option.map(Redacted.make))
)

/** The emulator's options from the command line's. (Not marked internal: tested.) */
export const toOptions = (config: Flags): Effect.Effect<Api.Options & Api.ServerOptions, UsageError> =>
  Effect.gen(function*() {
    const secretAccessKey = Option.isSome(config.secretAccessKey)
      ? config.secretAccessKey
      : yield* Effect.orElseSucceed(secretFromEnv, () => Option.none())
    const parsed = EmulatorCommand.parse({
      host: config.host,
      port: (yield* number("port", config.port)) ?? 0,
      generate: Option.getOrUndefined(config.generate),
      seedFile: Option.getOrUndefined(config.seedFile),
      randomSeed: yield* number("random-seed", config.randomSeed),
      accessKeyId: Option.getOrUndefined(config.accessKeyId),
      secretAccessKey: Option.getOrUndefined(secretAccessKey),
      noVerifySignatures: config.noVerifySignatures,
      faultRate: yield* number("fault-rate", config.faultRate),
      faultKinds: Option.getOrUndefined(config.faultKinds),
      lifecycle: Option.getOrUndefined(config.lifecycle),
      tokenTtl: yield* number("token-ttl", config.tokenTtl),
      responseTime: yield* number("response-time", config.responseTime),
      rateLimit: Option.getOrUndefined(config.rateLimit),
      requestLogSize: yield* number("request-log-size", config.requestLogSize)
    })
    if (parsed._tag === "Left") return yield* usage(parsed.detail)
    const value = parsed.value
    let options: Api.Options & Api.ServerOptions = {
      host: value.host,
      port: value.port,
      verifySignatures: value.verifySignatures,
      seedFile: value.seedFile
    }
    if (value.generate !== undefined) options = { ...options, generate: value.generate }
    if (value.lifecycle !== undefined) {
      const { failureRate, pendingForMillis, runForMillis, seed } = value.lifecycle
      options = {
        ...options,
        lifecycle: {
          pendingFor: Duration.millis(pendingForMillis),
          runFor: Duration.millis(runForMillis),
          failureRate,
          seed
        }
      }
    }
    if (value.credentials !== undefined) options = { ...options, credentials: value.credentials }
    if (value.faults !== undefined) options = { ...options, faults: value.faults }
    if (value.tokenTtlSeconds !== undefined) options = { ...options, tokenTtl: Duration.seconds(value.tokenTtlSeconds) }
    if (value.responseTimeMillis !== undefined) {
      options = { ...options, responseTime: Duration.millis(value.responseTimeMillis) }
    }
    if (value.rateLimit !== undefined) {
      const { burst, requestsPerSecond, retryAfterSeconds } = value.rateLimit
      options = {
        ...options,
        rateLimit: {
          requestsPerSecond,
          ...(burst === undefined ? {} : { burst }),
          ...(retryAfterSeconds === undefined ? {} : { retryAfter: Duration.seconds(retryAfterSeconds) })
        }
      }
    }
    if (value.requestLogSize !== undefined) options = { ...options, requestLogSize: value.requestLogSize }
    return options
  })

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, " ").trim()

const seedProblem = (error: Api.SeedError): string =>
  error.path === undefined ? error.message : `--seed-file ${error.path}: ${error.detail}`

const listenProblem = (error: HttpServerError.ServeError, host: string, port: number): string =>
  EmulatorCommand.listenProblem((error.cause as NodeJS.ErrnoException | undefined)?.code, host, port, error.cause)

const serve = (config: Flags) =>
  Effect.gen(function*() {
    const options = yield* toOptions(config)
    yield* Effect.gen(function*() {
      const server = yield* EmulatorServer
      const emulator = yield* Emulator
      const jobs = yield* emulator.jobs
      // The URL first, alone on its line: scripts and tests read it from there.
      yield* Console.log(server.url)
      yield* Console.error(
        EmulatorCommand.startLine({
          jobs: jobs.length,
          verifySignatures: options.verifySignatures !== false,
          credentials: options.credentials !== undefined,
          rateLimit: options.rateLimit
        })
      )
      // What it saw, when it stops: for scripts and benchmarks that count requests and throttles.
      return yield* Effect.onInterrupt(
        Effect.never,
        () => Effect.flatMap(emulator.stats, (stats) => Console.error(EmulatorCommand.stopLine(stats)))
      )
    }).pipe(
      Effect.provide(internalServer.layerWith(options)),
      Effect.catchTags({
        SeedError: (error) => Effect.fail(usage(seedProblem(error))),
        ServeError: (error) => Effect.fail(usage(listenProblem(error, options.host ?? "127.0.0.1", options.port ?? 0)))
      })
    )
  })

const command = Command.make("personalize-emulator", flags, serve).pipe(
  Command.withDescription(
    "A local Amazon Personalize that answers ListBatchSegmentJobs over HTTP (awsJson1_1, SigV4), for tests and demos."
  )
)

// `NO_COLOR` set to anything but the empty string (https://no-color.org).
const noColor = Config.option(Config.String("NO_COLOR")).pipe(
  Effect.map(Option.exists((value) => value !== "")),
  Effect.orElseSucceed(() => false)
)

// The words of a parse error, in one line: an unknown option in the words of the Effect 3 edition's command.
const parseProblem = (error: CliError.CliError): string => {
  const first = error._tag === "ShowHelp" ? error.errors[0] : error
  if (first === undefined) return "cannot parse the command line"
  if (first._tag === "UnrecognizedOption") return `Received unknown argument: '${first.option}'`
  return oneLine(first.message)
}

/**
 * The command: parses `argv` (without the program's own two) and runs the emulator until interrupted. Help and
 * version have ANSI styles only when stdout is a terminal and `NO_COLOR` is not set. A command line it cannot run
 * with fails with a `UsageError` whose message is one line that names the option, and nothing is printed: `main`
 * prints it.
 *
 * @internal
 */
export const run = (argv: ReadonlyArray<string>): Effect.Effect<void, UsageError, Command.Environment> =>
  Effect.gen(function*() {
    const styled = process.stdout.isTTY === true && !(yield* noColor)
    const formatter = CliOutput.defaultFormatter({ colors: styled })
    // Help and version as effect's CLI prints them; an invalid command line only as `main`'s one line.
    const presenter: CliOutput.Presenter = {
      present: (event) => event._tag === "InvalidInvocation" ? Effect.void : CliOutput.defaultPresenter.present(event)
    }
    return yield* Command.runWith(command, { version: "1.0.0" })(argv).pipe(
      Effect.provideService(CliOutput.Formatter, formatter),
      Effect.provideService(CliOutput.Presenter, presenter),
      Effect.catchIf(CliError.isCliError, (error) =>
        error._tag === "ShowHelp" && error.errors.length === 0
          ? Effect.void
          : Effect.fail(usage(`${parseProblem(error)} (see personalize-emulator --help)`)))
    )
  })

/**
 * `run` as a process: a usage error is one line on stderr (stdout carries only the URL) and exit code 2.
 *
 * @internal
 */
export const main = (argv: ReadonlyArray<string>): Effect.Effect<void, never, Command.Environment> =>
  Effect.catchTag(run(argv), "UsageError", (error) =>
    Effect.andThen(
      Console.error(`personalize-emulator: ${oneLine(error.message)}`),
      Effect.sync(() => {
        process.exitCode = 2
      })
    ))
