import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
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

const host = Options.text("host").pipe(
  Options.withDefault("127.0.0.1"),
  Options.withDescription("The address to listen on.")
)
const port = Options.integer("port").pipe(
  Options.withDefault(0),
  Options.withDescription("The port to listen on; 0 picks a free one.")
)
const generate = Options.text("generate").pipe(
  Options.withPseudoName("SOLUTION_VERSIONS:JOBS_EACH"),
  Options.withDescription("Generate jobs, e.g. 3:40 for 3 solution versions with 40 jobs each."),
  Options.optional
)
const seedFile = Options.file("seed-file", { exists: "yes" }).pipe(
  Options.withDescription("A JSON array of job summaries (timestamps as epoch seconds or ISO strings)."),
  Options.optional
)
const randomSeed = Options.integer("random-seed").pipe(
  Options.withDescription("The seed of generated jobs, lifecycle outcomes and random faults (default 0)."),
  Options.optional
)
const accessKeyId = Options.text("access-key-id").pipe(
  Options.withDescription("The access key id to accept (default: the documented test key pair)."),
  Options.optional
)
const secretAccessKey = Options.redacted("secret-access-key").pipe(
  Options.withDescription("The secret access key that goes with --access-key-id."),
  Options.optional
)
const noVerifySignatures = Options.boolean("no-verify-signatures").pipe(
  Options.withDescription("Accept requests without checking their SigV4 signature.")
)
const faultRate = Options.float("fault-rate").pipe(
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
const responseTime = Options.integer("response-time").pipe(
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
const requestLogSize = Options.integer("request-log-size").pipe(
  Options.withPseudoName("REQUESTS"),
  Options.withDescription(
    `How many of the newest requests the request log keeps (default ${RequestLog.defaultSize}; 0 keeps none).`
  ),
  Options.optional
)
const tokenTtl = Options.integer("token-ttl").pipe(
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
    if (Option.isSome(config.accessKeyId) !== Option.isSome(config.secretAccessKey)) {
      return yield* new UsageError({ detail: "--access-key-id and --secret-access-key go together" })
    }
    if (Option.isSome(config.accessKeyId) && Option.isSome(config.secretAccessKey)) {
      options = {
        ...options,
        credentials: { accessKeyId: config.accessKeyId.value, secretAccessKey: config.secretAccessKey.value }
      }
    }
    if (Option.isSome(config.faultRate)) {
      const rate = config.faultRate.value
      if (rate < 0 || rate > 1) return yield* new UsageError({ detail: "--fault-rate expects a number from 0 to 1" })
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
    if (Option.isSome(config.tokenTtl)) options = { ...options, tokenTtl: Duration.seconds(config.tokenTtl.value) }
    if (Option.isSome(config.responseTime)) {
      if (config.responseTime.value < 0) {
        return yield* new UsageError({ detail: "--response-time expects a number of milliseconds of at least 0" })
      }
      options = { ...options, responseTime: Duration.millis(config.responseTime.value) }
    }
    if (Option.isSome(config.rateLimit)) {
      options = { ...options, rateLimit: yield* parseRateLimit(config.rateLimit.value) }
    }
    if (Option.isSome(config.requestLogSize)) {
      const problem = RequestLog.check(config.requestLogSize.value)
      if (problem !== undefined) return yield* new UsageError({ detail: `--request-log-size: ${problem}` })
      options = { ...options, requestLogSize: config.requestLogSize.value }
    }
    return options
  })

// A usage error is the caller's to fix: one line on stderr (stdout carries only the URL), exit code 2.
const usage = (error: UsageError) =>
  Effect.zipRight(
    Console.error(`personalize-emulator: ${error.message}`),
    Effect.sync(() => {
      process.exitCode = 2
    })
  )

const serve = (config: Config) =>
  Effect.gen(function*() {
    const parsed = yield* Effect.either(toOptions(config))
    if (Either.isLeft(parsed)) return yield* usage(parsed.left)
    const options = parsed.right
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
            : "verified with the key given on the command line"
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
    }).pipe(Effect.provide(internalServer.layerWith(options)))
  })

/** @internal */
export const command = Command.make("personalize-emulator", {
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
}, serve).pipe(
  Command.withDescription(
    "A local Amazon Personalize that answers ListBatchSegmentJobs over HTTP (awsJson1_1, SigV4), for tests and demos."
  )
)

/** @internal */
export const run = Command.run(command, { name: "personalize-emulator", version: "0.1.0" })
