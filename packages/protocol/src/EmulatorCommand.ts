/**
 * The `personalize-emulator` command's options as both editions read them: what each option accepts, in the words of
 * its usage error, the checks of the options together, and the lines the command prints. Pure functions of the
 * command line's values; each edition parses `argv` with its own CLI library and turns durations into its own.
 *
 * @since 0.1.0
 */
import { type FaultKind, faultKinds } from "./FaultInjection.js"
import * as RateLimiter from "./RateLimiter.js"
import * as RequestLog from "./RequestLog.js"

/**
 * The environment variable that can hold the secret of `--access-key-id` instead of `--secret-access-key`: a command
 * line is visible to every user of the machine (`ps`), the environment of a process is not. Not the SDKs'
 * `AWS_SECRET_ACCESS_KEY`, which may hold a real key: the emulator takes one only when told to.
 *
 * @example
 * ```ts
 * import { EmulatorCommand } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(EmulatorCommand.secretAccessKeyEnv, "PERSONALIZE_EMULATOR_SECRET_ACCESS_KEY")
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const secretAccessKeyEnv = "PERSONALIZE_EMULATOR_SECRET_ACCESS_KEY"

/**
 * What each number option accepts, in the words of its usage error.
 *
 * @example
 * ```ts
 * import { EmulatorCommand } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(EmulatorCommand.expects["fault-rate"], "a number from 0 to 1")
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const expects = {
  port: "a whole number from 0 to 65535 (0 picks a free port)",
  "random-seed": "a whole number",
  "fault-rate": "a number from 0 to 1",
  "token-ttl": "a whole number of seconds of at least 1",
  "response-time": "a whole number of milliseconds of at least 0",
  "request-log-size": "a whole number of at least 0"
} as const

/**
 * The usage error of a number option: `--port expects a whole number from 0 to 65535 (0 picks a free port), got
 * 99999`.
 *
 * @example
 * ```ts
 * import { EmulatorCommand } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(EmulatorCommand.usageLine("token-ttl", 0), "--token-ttl expects a whole number of seconds of at least 1, got 0")
 * assert.strictEqual(EmulatorCommand.usageLine("port", "abc"), "--port expects a whole number from 0 to 65535 (0 picks a free port), got \"abc\"")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const usageLine = (option: keyof typeof expects, got: string | number): string =>
  `--${option} expects ${expects[option]}, got ${typeof got === "string" ? JSON.stringify(got) : String(got)}`

const integerText = /^[+-]?\d+$/
const numberText = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i

/**
 * A number option's text as a number, or its usage error (a whole number for every option but `--fault-rate`).
 *
 * @example
 * ```ts
 * import { EmulatorCommand } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(EmulatorCommand.parseNumber("port", "4566"), 4566)
 * assert.deepStrictEqual(EmulatorCommand.parseNumber("port", "x"), { detail: "--port expects a whole number from 0 to 65535 (0 picks a free port), got \"x\"" })
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const parseNumber = (option: keyof typeof expects, text: string): number | { readonly detail: string } =>
  (option === "fault-rate" ? numberText : integerText).test(text.trim())
    ? Number(text)
    : { detail: usageLine(option, text) }

/**
 * What a check gives: its value, or the one-line usage error that names the option.
 *
 * @example
 * ```ts
 * import type { EmulatorCommand } from "@effect-personalize/protocol"
 *
 * const detail = <A>(result: EmulatorCommand.Result<A>) => result._tag === "Left" ? result.detail : undefined
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Result<A> =
  | { readonly _tag: "Right"; readonly value: A }
  | { readonly _tag: "Left"; readonly detail: string }

const right = <A>(value: A): Result<A> => ({ _tag: "Right", value })
const left = <A = never>(detail: string): Result<A> => ({ _tag: "Left", detail })

/**
 * A rate limit as `--rate-limit` gives it.
 *
 * @example
 * ```ts
 * import type { EmulatorCommand } from "@effect-personalize/protocol"
 *
 * const limit: EmulatorCommand.RateLimit = { requestsPerSecond: 5, burst: 10, retryAfterSeconds: 2 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface RateLimit {
  readonly requestsPerSecond: number
  readonly burst?: number
  readonly retryAfterSeconds?: number
}

const rateLimitShape = "REQUESTS/s[,burst=N][,retry-after=SECONDS], e.g. 5/s or 5/s,burst=10"
const positive = /^\d+(\.\d+)?$/

/**
 * `--rate-limit`: `REQUESTS/s`, then optionally `burst=N` and `retry-after=SECONDS`, comma-separated.
 *
 * @example
 * ```ts
 * import { EmulatorCommand } from "@effect-personalize/protocol"
 *
 * assert.deepStrictEqual(EmulatorCommand.parseRateLimit("5/s,burst=10"), { _tag: "Right", value: { requestsPerSecond: 5, burst: 10 } })
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const parseRateLimit = (text: string): Result<RateLimit> => {
  const fail = (why: string) => left(`--rate-limit expects ${rateLimitShape}; ${why} in ${JSON.stringify(text)}`)
  const [rate, ...rest] = text.split(",").map((part) => part.trim())
  const match = /^(.+)\/s$/.exec(rate)
  if (match === null || !positive.test(match[1])) return fail(`the rate must be a number of requests per second (N/s)`)
  let options: { -readonly [K in keyof RateLimit]: RateLimit[K] } = { requestsPerSecond: Number(match[1]) }
  for (const part of rest) {
    const eq = part.indexOf("=")
    const key = eq < 0 ? part : part.slice(0, eq).trim()
    const value = eq < 0 ? "" : part.slice(eq + 1).trim()
    if (key === "burst" && /^\d+$/.test(value)) options = { ...options, burst: Number(value) }
    else if (key === "retry-after" && positive.test(value)) options = { ...options, retryAfterSeconds: Number(value) }
    else if (key === "burst" || key === "retry-after") {
      return fail(`${key} needs a number, got ${JSON.stringify(value)}`)
    } else return fail(`unknown setting ${JSON.stringify(key)}`)
  }
  const problem = RateLimiter.check(options)
  return problem === undefined ? right(options) : fail(problem)
}

/**
 * The command line's values, as a CLI library parsed them (`S`: the secret, as the edition keeps it).
 *
 * @example
 * ```ts
 * import type { EmulatorCommand } from "@effect-personalize/protocol"
 *
 * const config: EmulatorCommand.Config<string> = { host: "127.0.0.1", port: 0, noVerifySignatures: false, generate: "3:40" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Config<S> {
  readonly host: string
  readonly port: number
  readonly generate?: string | undefined
  readonly seedFile?: string | undefined
  readonly randomSeed?: number | undefined
  readonly accessKeyId?: string | undefined
  readonly secretAccessKey?: S | undefined
  readonly noVerifySignatures: boolean
  readonly faultRate?: number | undefined
  readonly faultKinds?: string | undefined
  readonly lifecycle?: string | undefined
  readonly tokenTtl?: number | undefined
  readonly responseTime?: number | undefined
  readonly rateLimit?: string | undefined
  readonly requestLogSize?: number | undefined
}

/**
 * The emulator's options from the command line's, durations in milliseconds.
 *
 * @example
 * ```ts
 * import type { EmulatorCommand } from "@effect-personalize/protocol"
 *
 * const read = (options: EmulatorCommand.Parsed<string>) => options.generate?.jobsPerVersion
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Parsed<S> {
  readonly host: string
  readonly port: number
  readonly verifySignatures: boolean
  readonly seedFile: string | undefined
  readonly generate?: { readonly solutionVersions: number; readonly jobsPerVersion: number; readonly seed: number }
  readonly lifecycle?: {
    readonly pendingForMillis: number
    readonly runForMillis: number
    readonly failureRate: number
    readonly seed: number
  }
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: S }
  readonly faults?: {
    readonly rate: number
    readonly seed: number
    readonly kinds: ReadonlyArray<FaultKind> | undefined
  }
  readonly tokenTtlSeconds?: number
  readonly responseTimeMillis?: number
  readonly rateLimit?: RateLimit
  readonly requestLogSize?: number
}

const numbers = (text: string, option: string, shape: string): Result<ReadonlyArray<number>> => {
  const parts = text.split(":").map(Number)
  return parts.some((n) => !Number.isFinite(n) || n < 0)
    ? left(`--${option} expects ${shape}, got ${JSON.stringify(text)}`)
    : right(parts)
}

/**
 * Checks the command line's values together and makes the emulator's options of them: ranges, shapes, options that
 * need each other. The usage error is one line that names the option.
 *
 * @example
 * ```ts
 * import { EmulatorCommand } from "@effect-personalize/protocol"
 *
 * const parsed = EmulatorCommand.parse({ host: "127.0.0.1", port: 0, noVerifySignatures: false, generate: "3:40", randomSeed: 7 })
 * assert.deepStrictEqual(parsed._tag === "Right" && parsed.value.generate, { solutionVersions: 3, jobsPerVersion: 40, seed: 7 })
 * const wrong = EmulatorCommand.parse({ host: "127.0.0.1", port: 70000, noVerifySignatures: false })
 * assert.strictEqual(wrong._tag === "Left" && wrong.detail, "--port expects a whole number from 0 to 65535 (0 picks a free port), got 70000")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const parse = <S>(config: Config<S>): Result<Parsed<S>> => {
  const usage = (option: keyof typeof expects, got: number) => left(usageLine(option, got))
  const whole = (n: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
    Number.isSafeInteger(n) && n >= min && n <= max
  if (!whole(config.port, 0, 65535)) return usage("port", config.port)
  if (config.randomSeed !== undefined && !whole(config.randomSeed, Number.MIN_SAFE_INTEGER)) {
    return usage("random-seed", config.randomSeed)
  }
  const seed = config.randomSeed ?? 0
  const options: { -readonly [K in keyof Parsed<S>]: Parsed<S>[K] } = {
    host: config.host,
    port: config.port,
    verifySignatures: !config.noVerifySignatures,
    seedFile: config.seedFile
  }
  if (config.generate !== undefined) {
    const parts = numbers(config.generate, "generate", "SOLUTION_VERSIONS:JOBS_EACH")
    if (parts._tag === "Left") return parts
    if (parts.value.length !== 2 || !parts.value.every(Number.isInteger)) {
      return left("--generate expects two whole numbers, e.g. 3:40")
    }
    options.generate = { solutionVersions: parts.value[0], jobsPerVersion: parts.value[1], seed }
  }
  if (config.lifecycle !== undefined) {
    const parts = numbers(config.lifecycle, "lifecycle", "PENDING_SECONDS:RUN_SECONDS[:FAILURE_RATE]")
    if (parts._tag === "Left") return parts
    if (parts.value.length < 2 || parts.value.length > 3 || (parts.value[2] ?? 0) > 1) {
      return left("--lifecycle expects PENDING_SECONDS:RUN_SECONDS[:FAILURE_RATE]")
    }
    options.lifecycle = {
      pendingForMillis: parts.value[0] * 1000,
      runForMillis: parts.value[1] * 1000,
      failureRate: parts.value[2] ?? 0,
      seed
    }
  }
  if (config.accessKeyId !== undefined && config.secretAccessKey === undefined) {
    return left(
      `--access-key-id needs its secret: set ${secretAccessKeyEnv} in the environment, or give --secret-access-key`
    )
  }
  if (config.accessKeyId === undefined && config.secretAccessKey !== undefined) {
    return left(
      `a secret access key (--secret-access-key or ${secretAccessKeyEnv}) needs --access-key-id: ` +
        "give the access key id that goes with it"
    )
  }
  if (config.accessKeyId !== undefined && config.secretAccessKey !== undefined) {
    options.credentials = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
  }
  if (config.faultRate === undefined && config.faultKinds !== undefined) {
    return left(
      "--fault-kinds chooses the kinds of the faults of --fault-rate: give --fault-rate too, e.g. " +
        `--fault-rate 0.1 --fault-kinds ${config.faultKinds}`
    )
  }
  if (config.faultRate !== undefined) {
    const rate = config.faultRate
    if (!(rate >= 0 && rate <= 1)) return usage("fault-rate", rate)
    const kinds = config.faultKinds?.split(",").map((kind) => kind.trim())
    const unknown = (kinds ?? []).filter((kind) => !faultKinds.includes(kind as FaultKind))
    if (unknown.length > 0) return left(`unknown fault kinds ${unknown.join(", ")}; known: ${faultKinds.join(", ")}`)
    options.faults = { rate, seed, kinds: kinds as ReadonlyArray<FaultKind> | undefined }
  }
  if (config.tokenTtl !== undefined) {
    if (!whole(config.tokenTtl, 1)) return usage("token-ttl", config.tokenTtl)
    options.tokenTtlSeconds = config.tokenTtl
  }
  if (config.responseTime !== undefined) {
    if (!whole(config.responseTime, 0)) return usage("response-time", config.responseTime)
    options.responseTimeMillis = config.responseTime
  }
  if (config.rateLimit !== undefined) {
    const rateLimit = parseRateLimit(config.rateLimit)
    if (rateLimit._tag === "Left") return rateLimit
    options.rateLimit = rateLimit.value
  }
  if (config.requestLogSize !== undefined) {
    if (RequestLog.check(config.requestLogSize) !== undefined) return usage("request-log-size", config.requestLogSize)
    options.requestLogSize = config.requestLogSize
  }
  return right(options)
}

/**
 * The line the command prints on stderr once it listens (its URL alone on stdout comes first).
 *
 * @example
 * ```ts
 * import { EmulatorCommand } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(
 *   EmulatorCommand.startLine({ jobs: 3, verifySignatures: true, credentials: false, rateLimit: undefined }),
 *   "personalize-emulator: 3 job(s); signatures verified with the documented test key pair; stop with Ctrl-C or SIGTERM"
 * )
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const startLine = (options: {
  readonly jobs: number
  readonly verifySignatures: boolean
  readonly credentials: boolean
  readonly rateLimit: RateLimiter.Options | undefined
}): string =>
  `personalize-emulator: ${options.jobs} job(s); signatures ${
    !options.verifySignatures
      ? "not verified"
      : !options.credentials
      ? "verified with the documented test key pair"
      : "verified with the key of --access-key-id"
  }${
    options.rateLimit === undefined
      ? ""
      : `; rate limit ${options.rateLimit.requestsPerSecond}/s per account, burst ${
        RateLimiter.burstOf(options.rateLimit)
      }`
  }; stop with Ctrl-C or SIGTERM`

/**
 * The line the command prints on stderr when it stops: what it saw, for scripts and benchmarks.
 *
 * @example
 * ```ts
 * import { EmulatorCommand, RequestLog } from "@effect-personalize/protocol"
 *
 * assert.ok(EmulatorCommand.stopLine(new RequestLog.RequestLog().stats()).startsWith("personalize-emulator: stopped after 0 request(s)"))
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const stopLine = (stats: RequestLog.Stats): string =>
  `personalize-emulator: stopped after ${stats.requests} request(s): ${stats.pages} page(s), ${stats.throttled} throttled, ${stats.faultsInjected} fault(s) injected, ${stats.aborted} aborted`

/**
 * Why the command cannot listen, from the error's code (`EADDRINUSE`, ...), naming the option to change.
 *
 * @example
 * ```ts
 * import { EmulatorCommand } from "@effect-personalize/protocol"
 *
 * assert.ok(EmulatorCommand.listenProblem("EADDRINUSE", "127.0.0.1", 4566).startsWith("--port 4566: 127.0.0.1:4566 is in use"))
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const listenProblem = (code: string | undefined, host: string, port: number, cause?: unknown): string => {
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
      return `cannot listen on ${where} (${code ?? String(cause)}); check --host and --port`
  }
}
