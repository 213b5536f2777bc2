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
import * as RateLimit from "./rateLimit.js"
import * as RequestLog from "./requestLog.js"
import * as internalServer from "./server.js"

/** A command line the emulator cannot run with. (Not marked internal: tested.) */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly detail: string }> {
  override get message(): string {
    return this.detail
  }
}

/**
 * The environment variable that can hold the secret of `--access-key-id` instead of `--secret-access-key`: a command
 * line is visible to every user of the machine (`ps`), the environment of a process is not. Not the SDKs'
 * `AWS_SECRET_ACCESS_KEY`, which may hold a real key: the emulator takes one only when told to.
 */
const secretAccessKeyEnv = "PERSONALIZE_EMULATOR_SECRET_ACCESS_KEY"

// What each number option accepts, in the words of its usage error: `--port expects a whole number from 0 to 65535
// (0 picks a free port), got 99999`.
const expects = {
  port: "a whole number from 0 to 65535 (0 picks a free port)",
  "random-seed": "a whole number",
  "fault-rate": "a number from 0 to 1",
  "token-ttl": "a whole number of seconds of at least 1",
  "response-time": "a whole number of milliseconds of at least 0",
  "request-log-size": "a whole number of at least 0"
} as const

const usageLine = (option: keyof typeof expects, got: string | number) =>
  `--${option} expects ${expects[option]}, got ${typeof got === "string" ? JSON.stringify(got) : String(got)}`

const integerText = /^[+-]?\d+$/
const numberText = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i

// A number option is read as text and parsed here, so that its error names the option (@effect/cli's own integer
// option says "'abc' is not a integer"); the range is checked with the others, in `toOptions`.
const numberOption = (name: keyof typeof expects, whole: boolean) =>
  Options.text(name).pipe(
    Options.mapEffect((text) =>
      (whole ? integerText : numberText).test(text.trim())
        ? Effect.succeed(Number(text))
        : Effect.fail(ValidationError.invalidValue(HelpDoc.p(usageLine(name, text))))
    )
  )

const host = Options.text("host").pipe(
  Options.withDefault("127.0.0.1"),
  Options.withDescription("The address to listen on.")
)
const port = numberOption("port", true).pipe(
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
const randomSeed = numberOption("random-seed", true).pipe(
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
const faultRate = numberOption("fault-rate", false).pipe(
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
const responseTime = numberOption("response-time", true).pipe(
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
const requestLogSize = numberOption("request-log-size", true).pipe(
  Options.withPseudoName("REQUESTS"),
  Options.withDescription(
    `How many of the newest requests the request log keeps (default ${RequestLog.defaultSize}; 0 keeps none).`
  ),
  Options.optional
)
const tokenTtl = numberOption("token-ttl", true).pipe(
  Options.withPseudoName("SECONDS"),
  Options.withDescription("How long a page token stays valid, in seconds (default 86400)."),
  Options.optional
)

const numbers = (text: string, option: string, shape: string): Effect.Effect<ReadonlyArray<number>, UsageError> => {
  const parts = text.split(":").map(Number)
  return parts.some((n) => !Number.isFinite(n) || n < 0)
    ? Effect.fail(new UsageError({ detail: `--${option} expects ${shape}, got ${JSON.stringify(text)}` }))
    : Effect.succeed(parts)
}

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

const rateLimitShape = "REQUESTS/s[,burst=N][,retry-after=SECONDS], e.g. 5/s or 5/s,burst=10"
const positive = /^\d+(\.\d+)?$/

/**
 * `--rate-limit`: `REQUESTS/s`, then optionally `burst=N` and `retry-after=SECONDS`, comma-separated. (Not marked
 * internal: tested.)
 */
export const parseRateLimit = (text: string): Effect.Effect<Api.RateLimitOptions, UsageError> => {
  const fail = (why: string) =>
    Effect.fail(
      new UsageError({ detail: `--rate-limit expects ${rateLimitShape}; ${why} in ${JSON.stringify(text)}` })
    )
  const [rate, ...rest] = text.split(",").map((part) => part.trim())
  const match = /^(.+)\/s$/.exec(rate)
  if (match === null || !positive.test(match[1])) return fail(`the rate must be a number of requests per second (N/s)`)
  let options: { -readonly [K in keyof Api.RateLimitOptions]: Api.RateLimitOptions[K] } = {
    requestsPerSecond: Number(match[1])
  }
  for (const part of rest) {
    const eq = part.indexOf("=")
    const key = eq < 0 ? part : part.slice(0, eq).trim()
    const value = eq < 0 ? "" : part.slice(eq + 1).trim()
    if (key === "burst" && /^\d+$/.test(value)) options = { ...options, burst: Number(value) }
    else if (key === "retry-after" && positive.test(value)) {
      options = { ...options, retryAfter: Duration.seconds(Number(value)) }
    } else if (key === "burst" || key === "retry-after") {
      return fail(`${key} needs a number, got ${JSON.stringify(value)}`)
    } else return fail(`unknown setting ${JSON.stringify(key)}`)
  }
  const problem = RateLimit.check(options)
  return problem === undefined ? Effect.succeed(options) : fail(problem)
}

/** The emulator's options from the command line's. (Not marked internal: tested.) */
export const toOptions = (config: Config): Effect.Effect<Api.Options & Api.ServerOptions, UsageError> =>
  Effect.gen(function*() {
    const usage = (option: keyof typeof expects, got: number) => new UsageError({ detail: usageLine(option, got) })
    const whole = (n: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
      Number.isSafeInteger(n) && n >= min && n <= max
    if (!whole(config.port, 0, 65535)) return yield* usage("port", config.port)
    if (Option.isSome(config.randomSeed) && !whole(config.randomSeed.value, Number.MIN_SAFE_INTEGER)) {
      return yield* usage("random-seed", config.randomSeed.value)
    }
    const seed = Option.getOrElse(config.randomSeed, () => 0)
    let options: Api.Options & Api.ServerOptions = {
      host: config.host,
      port: config.port,
      verifySignatures: !config.noVerifySignatures,
      seedFile: Option.getOrUndefined(config.seedFile)
    }
    if (Option.isSome(config.generate)) {
      const parts = yield* numbers(config.generate.value, "generate", "SOLUTION_VERSIONS:JOBS_EACH")
      if (parts.length !== 2 || !parts.every(Number.isInteger)) {
        return yield* new UsageError({ detail: "--generate expects two whole numbers, e.g. 3:40" })
      }
      options = { ...options, generate: { solutionVersions: parts[0], jobsPerVersion: parts[1], seed } }
    }
    if (Option.isSome(config.lifecycle)) {
      const parts = yield* numbers(config.lifecycle.value, "lifecycle", "PENDING_SECONDS:RUN_SECONDS[:FAILURE_RATE]")
      if (parts.length < 2 || parts.length > 3 || (parts[2] ?? 0) > 1) {
        return yield* new UsageError({ detail: "--lifecycle expects PENDING_SECONDS:RUN_SECONDS[:FAILURE_RATE]" })
      }
      options = {
        ...options,
        lifecycle: {
          pendingFor: Duration.seconds(parts[0]),
          runFor: Duration.seconds(parts[1]),
          failureRate: parts[2] ?? 0,
          seed
        }
      }
    }
    if (Option.isSome(config.accessKeyId) && Option.isNone(config.secretAccessKey)) {
      return yield* new UsageError({
        detail:
          `--access-key-id needs its secret: set ${secretAccessKeyEnv} in the environment, or give --secret-access-key`
      })
    }
    if (Option.isNone(config.accessKeyId) && Option.isSome(config.secretAccessKey)) {
      return yield* new UsageError({
        detail: `a secret access key (--secret-access-key or ${secretAccessKeyEnv}) needs --access-key-id: ` +
          "give the access key id that goes with it"
      })
    }
    if (Option.isSome(config.accessKeyId) && Option.isSome(config.secretAccessKey)) {
      options = {
        ...options,
        credentials: { accessKeyId: config.accessKeyId.value, secretAccessKey: config.secretAccessKey.value }
      }
    }
    if (Option.isNone(config.faultRate) && Option.isSome(config.faultKinds)) {
      return yield* new UsageError({
        detail: "--fault-kinds chooses the kinds of the faults of --fault-rate: give --fault-rate too, e.g. " +
          `--fault-rate 0.1 --fault-kinds ${config.faultKinds.value}`
      })
    }
    if (Option.isSome(config.faultRate)) {
      const rate = config.faultRate.value
      if (!(rate >= 0 && rate <= 1)) return yield* usage("fault-rate", rate)
      const kinds = Option.map(config.faultKinds, (text) => text.split(",").map((kind) => kind.trim()))
      const unknown = Option.getOrElse(kinds, () => []).filter((kind) =>
        !Faults.faultKinds.includes(kind as Api.FaultKind)
      )
      if (unknown.length > 0) {
        return yield* new UsageError({
          detail: `unknown fault kinds ${unknown.join(", ")}; known: ${Faults.faultKinds.join(", ")}`
        })
      }
      options = {
        ...options,
        faults: { rate, seed, kinds: Option.getOrUndefined(kinds) as ReadonlyArray<Api.FaultKind> | undefined }
      }
    }
    if (Option.isSome(config.tokenTtl)) {
      if (!whole(config.tokenTtl.value, 1)) return yield* usage("token-ttl", config.tokenTtl.value)
      options = { ...options, tokenTtl: Duration.seconds(config.tokenTtl.value) }
    }
    if (Option.isSome(config.responseTime)) {
      if (!whole(config.responseTime.value, 0)) return yield* usage("response-time", config.responseTime.value)
      options = { ...options, responseTime: Duration.millis(config.responseTime.value) }
    }
    if (Option.isSome(config.rateLimit)) {
      options = { ...options, rateLimit: yield* parseRateLimit(config.rateLimit.value) }
    }
    if (Option.isSome(config.requestLogSize)) {
      if (RequestLog.check(config.requestLogSize.value) !== undefined) {
        return yield* usage("request-log-size", config.requestLogSize.value)
      }
      options = { ...options, requestLogSize: config.requestLogSize.value }
    }
    return options
  })

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, " ").trim()

// CSI sequences (colors, styles), as @effect/printer-ansi writes them
const csi = /\u001b\[[0-?]*[ -/]*[@-~]/g

const seedProblem = (error: Api.SeedError): string =>
  error.path === undefined ? error.message : `--seed-file ${error.path}: ${error.detail}`

const listenProblem = (error: HttpServerError.ServeError, host: string, port: number): string => {
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code
  const where = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`
  switch (code) {
    case "EADDRINUSE":
      return `--port ${port}: ${where} is in use (EADDRINUSE); stop what listens there, or choose another --port ` +
        "(0 picks a free one)"
    case "EACCES":
      return `--port ${port}: not allowed to listen on ${where} (EACCES); choose a port from 1024 up, or 0 for a free one`
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
      return `--host ${host}: no address of this machine (${code}); give one, e.g. 127.0.0.1`
    default:
      return `cannot listen on ${where} (${code ?? String(error.cause)}); check --host and --port`
  }
}

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
        `personalize-emulator: ${jobs.length} job(s); signatures ${
          options.verifySignatures === false
            ? "not verified"
            : options.credentials === undefined
            ? "verified with the documented test key pair"
            : "verified with the key of --access-key-id"
        }${
          options.rateLimit === undefined
            ? ""
            : `; rate limit ${options.rateLimit.requestsPerSecond}/s per account, burst ${
              RateLimit.burstOf(options.rateLimit)
            }`
        }; stop with Ctrl-C or SIGTERM`
      )
      // What it saw, when it stops: for scripts and benchmarks that count requests and throttles.
      return yield* Effect.onInterrupt(Effect.never, () =>
        Effect.flatMap(emulator.stats, (stats) =>
          Console.error(
            `personalize-emulator: stopped after ${stats.requests} request(s): ${stats.pages} page(s), ${stats.throttled} throttled, ${stats.faultsInjected} fault(s) injected, ${stats.aborted} aborted`
          )))
    }).pipe(
      Effect.provide(internalServer.layerWith(options)),
      Effect.catchTags({
        SeedError: (error) => new UsageError({ detail: seedProblem(error) }),
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
