import * as EmulatorCommand from "@effect-personalize/protocol/EmulatorCommand"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as EffectConfig from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Api from "../PersonalizeEmulator.js"
import { Emulator, EmulatorServer } from "../PersonalizeEmulator.js"
import * as Faults from "./faults.js"
import * as RequestLog from "./requestLog.js"
import * as internalServer from "./server.js"

/** A command line the emulator cannot run with. (Not marked internal: tested.) */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly detail: string }> {
  override get message(): string {
    return this.detail
  }
}

const secretAccessKeyEnv = EmulatorCommand.secretAccessKeyEnv

// The option's words and checks are the protocol package's, shared with the Effect 4 edition's command.
const numberOption = (name: keyof typeof EmulatorCommand.expects) =>
  Options.text(name).pipe(
    Options.mapEffect((text) => {
      const parsed = EmulatorCommand.parseNumber(name, text)
      return typeof parsed === "number"
        ? Effect.succeed(parsed)
        : Effect.fail(ValidationError.invalidValue(HelpDoc.p(parsed.detail)))
    })
  )

const host = Options.text("host").pipe(
  Options.withDefault("127.0.0.1"),
  Options.withDescription("The address to listen on.")
)
const port = numberOption("port").pipe(
  Options.withPseudoName("PORT"),
  Options.withDefault(0),
  Options.withDescription("The port to listen on, 0 to 65535; 0 picks a free one.")
)
const generate = Options.text("generate").pipe(
  Options.withPseudoName("SOLUTION_VERSIONS:JOBS_EACH"),
  Options.withDescription("Generate jobs, e.g. 3:40 for 3 solution versions with 40 jobs each."),
  Options.optional
)
// Read and checked by the emulator, whose error names the file and the place in it.
const seedFile = Options.text("seed-file").pipe(
  Options.withPseudoName("FILE"),
  Options.withDescription("A JSON array of job summaries (timestamps as epoch seconds or ISO strings)."),
  Options.optional
)
const randomSeed = numberOption("random-seed").pipe(
  Options.withPseudoName("N"),
  Options.withDescription("The seed of generated jobs, lifecycle outcomes and random faults (default 0)."),
  Options.optional
)
const accessKeyId = Options.text("access-key-id").pipe(
  Options.withDescription("The access key id to accept (default: the documented test key pair)."),
  Options.optional
)
// An empty variable is no variable.
const secretFromEnv = EffectConfig.redacted(secretAccessKeyEnv).pipe(
  EffectConfig.mapOrFail((secret) =>
    Redacted.value(secret) === ""
      ? Either.left(ConfigError.MissingData([secretAccessKeyEnv], `${secretAccessKeyEnv} is empty`))
      : Either.right(secret)
  )
)
const secretAccessKey = Options.redacted("secret-access-key").pipe(
  Options.withFallbackConfig(secretFromEnv),
  Options.withDescription(
    `The secret access key that goes with --access-key-id; better in the environment variable ${secretAccessKeyEnv}, ` +
      "which other users of the machine cannot see (a command line shows in ps)."
  ),
  Options.optional
)
const noVerifySignatures = Options.boolean("no-verify-signatures").pipe(
  Options.withDescription("Accept requests without checking their SigV4 signature.")
)
const faultRate = numberOption("fault-rate").pipe(
  Options.withPseudoName("PROBABILITY"),
  Options.withDescription("The probability of a fault per request, 0 to 1."),
  Options.optional
)
const faultKinds = Options.text("fault-kinds").pipe(
  Options.withDescription(`Comma-separated fault kinds for --fault-rate: ${Faults.faultKinds.join(", ")}.`),
  Options.optional
)
const lifecycle = Options.text("lifecycle").pipe(
  Options.withPseudoName("PENDING_SECONDS:RUN_SECONDS[:FAILURE_RATE]"),
  Options.withDescription("Make PENDING and IN PROGRESS jobs advance on the clock."),
  Options.optional
)
const responseTime = numberOption("response-time").pipe(
  Options.withPseudoName("MILLISECONDS"),
  Options.withDescription("Answer every request after this many milliseconds (a network and service time)."),
  Options.optional
)
const rateLimit = Options.text("rate-limit").pipe(
  Options.withPseudoName("REQUESTS/s[,burst=N][,retry-after=SECONDS]"),
  Options.withDescription(
    "Throttle each account beyond this rate (ThrottlingException, HTTP 400), e.g. 5/s, 100/s or 5/s,burst=10. " +
      "The burst defaults to one second's worth; retry-after adds a Retry-After header to throttled answers."
  ),
  Options.optional
)
const requestLogSize = numberOption("request-log-size").pipe(
  Options.withPseudoName("REQUESTS"),
  Options.withDescription(
    `How many of the newest requests the request log keeps (default ${RequestLog.defaultSize}; 0 keeps none).`
  ),
  Options.optional
)
const tokenTtl = numberOption("token-ttl").pipe(
  Options.withPseudoName("SECONDS"),
  Options.withDescription("How long a page token stays valid, in seconds (default 86400)."),
  Options.optional
)

export interface Config {
  readonly host: string
  readonly port: number
  readonly generate: Option.Option<string>
  readonly seedFile: Option.Option<string>
  readonly randomSeed: Option.Option<number>
  readonly accessKeyId: Option.Option<string>
  readonly secretAccessKey: Option.Option<Redacted.Redacted<string>>
  readonly noVerifySignatures: boolean
  readonly faultRate: Option.Option<number>
  readonly faultKinds: Option.Option<string>
  readonly lifecycle: Option.Option<string>
  readonly tokenTtl: Option.Option<number>
  readonly responseTime: Option.Option<number>
  readonly rateLimit: Option.Option<string>
  readonly requestLogSize: Option.Option<number>
}

const unusable = <A>(result: EmulatorCommand.Result<A>): Effect.Effect<A, UsageError> =>
  result._tag === "Right" ? Effect.succeed(result.value) : Effect.fail(new UsageError({ detail: result.detail }))

const toRateLimit = (rateLimit: EmulatorCommand.RateLimit): Api.RateLimitOptions =>
  rateLimit.retryAfterSeconds === undefined
    ? rateLimit
    : {
      requestsPerSecond: rateLimit.requestsPerSecond,
      ...(rateLimit.burst === undefined ? {} : { burst: rateLimit.burst }),
      retryAfter: Duration.seconds(rateLimit.retryAfterSeconds)
    }

/**
 * `--rate-limit`: `REQUESTS/s`, then optionally `burst=N` and `retry-after=SECONDS`, comma-separated. (Not marked
 * internal: tested.)
 */
export const parseRateLimit = (text: string): Effect.Effect<Api.RateLimitOptions, UsageError> =>
  Effect.map(unusable(EmulatorCommand.parseRateLimit(text)), toRateLimit)

/** The emulator's options from the command line's. (Not marked internal: tested.) */
export const toOptions = (config: Config): Effect.Effect<Api.Options & Api.ServerOptions, UsageError> =>
  Effect.map(
    unusable(
      EmulatorCommand.parse({
        host: config.host,
        port: config.port,
        generate: Option.getOrUndefined(config.generate),
        seedFile: Option.getOrUndefined(config.seedFile),
        randomSeed: Option.getOrUndefined(config.randomSeed),
        accessKeyId: Option.getOrUndefined(config.accessKeyId),
        secretAccessKey: Option.getOrUndefined(config.secretAccessKey),
        noVerifySignatures: config.noVerifySignatures,
        faultRate: Option.getOrUndefined(config.faultRate),
        faultKinds: Option.getOrUndefined(config.faultKinds),
        lifecycle: Option.getOrUndefined(config.lifecycle),
        tokenTtl: Option.getOrUndefined(config.tokenTtl),
        responseTime: Option.getOrUndefined(config.responseTime),
        rateLimit: Option.getOrUndefined(config.rateLimit),
        requestLogSize: Option.getOrUndefined(config.requestLogSize)
      })
    ),
    (parsed) => {
      let options: Api.Options & Api.ServerOptions = {
        host: parsed.host,
        port: parsed.port,
        verifySignatures: parsed.verifySignatures,
        seedFile: parsed.seedFile
      }
      if (parsed.generate !== undefined) options = { ...options, generate: parsed.generate }
      if (parsed.lifecycle !== undefined) {
        const { failureRate, pendingForMillis, runForMillis, seed } = parsed.lifecycle
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
      if (parsed.credentials !== undefined) options = { ...options, credentials: parsed.credentials }
      if (parsed.faults !== undefined) options = { ...options, faults: parsed.faults }
      if (parsed.tokenTtlSeconds !== undefined) {
        options = { ...options, tokenTtl: Duration.seconds(parsed.tokenTtlSeconds) }
      }
      if (parsed.responseTimeMillis !== undefined) {
        options = { ...options, responseTime: Duration.millis(parsed.responseTimeMillis) }
      }
      if (parsed.rateLimit !== undefined) options = { ...options, rateLimit: toRateLimit(parsed.rateLimit) }
      if (parsed.requestLogSize !== undefined) options = { ...options, requestLogSize: parsed.requestLogSize }
      return options
    }
  )

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, " ").trim()

// CSI sequences (colors, styles), as @effect/printer-ansi writes them
const csi = /\u001b\[[0-?]*[ -/]*[@-~]/g

const seedProblem = (error: Api.SeedError): string =>
  error.path === undefined ? error.message : `--seed-file ${error.path}: ${error.detail}`

const listenProblem = (error: HttpServerError.ServeError, host: string, port: number): string =>
  EmulatorCommand.listenProblem(
    (error.cause as NodeJS.ErrnoException | undefined)?.code,
    host,
    port,
    error.cause
  )

const serve = (config: Config) =>
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
      return yield* Effect.onInterrupt(Effect.never, () =>
        Effect.flatMap(emulator.stats, (stats) => Console.error(EmulatorCommand.stopLine(stats))))
    }).pipe(
      Effect.provide(internalServer.layerWith(options)),
      Effect.catchTags({
        SeedError: (error) =>
          new UsageError({ detail: seedProblem(error) }),
        ServeError: (error) =>
          new UsageError({ detail: listenProblem(error, options.host ?? "127.0.0.1", options.port ?? 0) })
      })
    )
  })

// The command runs with the console it was given, while @effect/cli parses with one of its own (see `run`).
const command = (console: Console.Console) =>
  Command.make("personalize-emulator", {
    host,
    port,
    generate,
    seedFile,
    randomSeed,
    accessKeyId,
    secretAccessKey,
    noVerifySignatures,
    faultRate,
    faultKinds,
    lifecycle,
    tokenTtl,
    responseTime,
    rateLimit,
    requestLogSize
  }, (config) => Effect.withConsole(serve(config), console)).pipe(
    Command.withDescription(
      "A local Amazon Personalize that answers ListBatchSegmentJobs over HTTP (awsJson1_1, SigV4), for tests and demos."
    )
  )

// `NO_COLOR` set to anything but the empty string (https://no-color.org).
const noColor = EffectConfig.option(EffectConfig.string("NO_COLOR")).pipe(
  Effect.map(Option.exists((value) => value !== "")),
  Effect.orElseSucceed(() => false)
)

/**
 * The command: parses `argv` and runs the emulator until interrupted. What @effect/cli prints (help, version) has
 * ANSI styles only when stdout is a terminal and `NO_COLOR` is not set. A command line it cannot run with (a
 * malformed or unknown option, a value out of range, options that do not go together, a seed file it cannot use, a
 * port it cannot listen on) fails with a `UsageError` whose message is one line that names the option, and nothing
 * is printed: `main` prints it.
 *
 * @internal
 */
export const run = (argv: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const console = yield* Effect.console
    const styled = process.stdout.isTTY === true && !(yield* noColor)
    const plain = (args: ReadonlyArray<unknown>) =>
      styled ? args : args.map((arg) => typeof arg === "string" ? arg.replace(csi, "") : arg)
    // @effect/cli prints the errors of parsing in several styled lines: `run` words them in one.
    const parsing: Console.Console = {
      ...console,
      log: (...args) => console.log(...plain(args)),
      error: () => Effect.void
    }
    return yield* Command.run(command(console), { name: "personalize-emulator", version: "0.1.0" })(argv).pipe(
      Effect.withConsole(parsing),
      Effect.catchIf(ValidationError.isValidationError, (error) =>
        Effect.fail(
          new UsageError({
            detail: `${oneLine(HelpDoc.toAnsiText(error.error).replace(csi, ""))} (see personalize-emulator --help)`
          })
        ))
    )
  })

/**
 * `run` as a process: a usage error is one line on stderr (stdout carries only the URL) and exit code 2.
 *
 * @internal
 */
export const main = (argv: ReadonlyArray<string>) =>
  Effect.catchTag(run(argv), "UsageError", (error) =>
    Effect.zipRight(
      Console.error(`personalize-emulator: ${oneLine(error.message)}`),
      Effect.sync(() => {
        process.exitCode = 2
      })
    ))
