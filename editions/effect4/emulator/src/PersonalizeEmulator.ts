/**
 * A local Amazon Personalize that answers `ListBatchSegmentJobs` as the service does, for tests and demos.
 *
 * One in-memory model of the service (jobs, validation, page tokens, lifecycle, faults) with two faces:
 *
 * - `layerClient`: the core's `PersonalizeClient` port served from memory, no HTTP: fast unit tests.
 * - `layerServer`: an HTTP server speaking awsJson1_1 with SigV4 verification, so that any AWS SDK, botocore
 *   or the AWS CLI can be pointed at it.
 *
 * Both faces provide the `Emulator` handle, to seed jobs, inject faults and read what the emulator saw.
 * Time is the Effect `Clock`: under `TestClock`, tokens expire and jobs advance when the test says so.
 *
 * The faces use nothing but the `Emulator` service: each request they receive goes to its `handle`, and its
 * `Answer` goes back on the wire or to the caller. Another implementation of `Emulator.Service`, or one that
 * wraps the emulator's, serves both faces just as well.
 *
 * @since 1.0.0
 */
import type * as PersonalizeClient from "@effect-personalize/core/PersonalizeClient"
import * as FaultInjection from "@effect-personalize/protocol/FaultInjection"
import * as RequestLogs from "@effect-personalize/protocol/RequestLog"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as HttpServerError from "effect/http/HttpServerError"
import type * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as internalClient from "./internal/client.js"
import * as internal from "./internal/emulator.js"
import * as internalServer from "./internal/server.js"

/**
 * A point in time as seeds accept it: a `Date`, epoch seconds (fractions allowed, as on the wire), or an
 * ISO 8601 string.
 *
 * @example
 * ```ts
 * import type { PersonalizeEmulator } from "@effect-personalize/emulator"
 *
 * // the same moment, three ways
 * const times: ReadonlyArray<PersonalizeEmulator.Time> = [
 *   new Date("2024-03-01T12:00:00Z"),
 *   1709294400,
 *   "2024-03-01T12:00:00Z"
 * ]
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type Time = Date | number | string

/**
 * A job's way through `PENDING → IN PROGRESS → ACTIVE | CREATE FAILED`. Durations count from the moment the
 * job enters the emulator (or from its creation time, if that is later), on the emulator's clock.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect } from "effect"
 *
 * const batchSegmentJobArn = "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/spring-launch"
 * const lifecycle: PersonalizeEmulator.JobLifecycle = {
 *   pendingFor: "10 seconds",
 *   runFor: "2 minutes",
 *   outcome: "CREATE FAILED",
 *   failureReason: "Insufficient data"
 * }
 * const program = Effect.gen(function*() {
 *   const emulator = yield* PersonalizeEmulator.Emulator
 *   yield* emulator.advance("3 minutes")
 *   return (yield* emulator.jobs)[0]?.status
 * }).pipe(Effect.provide(PersonalizeEmulator.layer({ seed: [{ batchSegmentJobArn, status: "PENDING", lifecycle }] })))
 * Effect.runPromise(program).then((status) => assert.strictEqual(status, "CREATE FAILED"))
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface JobLifecycle {
  /** How long the job stays `PENDING` (default 1 minute). */
  readonly pendingFor?: Duration.Input | undefined
  /** How long the job stays `IN PROGRESS` (default 5 minutes). */
  readonly runFor?: Duration.Input | undefined
  /** How the job ends. Without it, the emulator's `lifecycle.failureRate` decides (deterministically). */
  readonly outcome?: "ACTIVE" | "CREATE FAILED" | undefined
  /** The failure reason when the job ends in `CREATE FAILED`. */
  readonly failureReason?: string | undefined
}

/**
 * A job to put in the emulator. Only the ARN is required: the job name defaults to the ARN's last segment,
 * the creation time to now, the last update to the creation time. Members left out stay out of responses.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect } from "effect"
 *
 * const job: PersonalizeEmulator.SeedJob = {
 *   batchSegmentJobArn: "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/spring-launch",
 *   status: "ACTIVE",
 *   creationDateTime: "2024-03-01T12:00:00Z",
 *   solutionVersionArn: "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"
 * }
 * const page = ListBatchSegmentJobs.list({}).pipe(Effect.provide(PersonalizeEmulator.layerClient({ seed: [job] })))
 * // the name is the ARN's last segment
 * Effect.runPromise(page).then((page) => assert.strictEqual(page.batchSegmentJobs[0]?.jobName, "spring-launch"))
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface SeedJob {
  readonly batchSegmentJobArn: string
  readonly jobName?: string | undefined
  readonly status?: string | undefined
  readonly creationDateTime?: Time | undefined
  readonly lastUpdatedDateTime?: Time | undefined
  readonly failureReason?: string | undefined
  readonly solutionVersionArn?: string | undefined
  /** Makes a `PENDING` or `IN PROGRESS` job advance on the clock. */
  readonly lifecycle?: JobLifecycle | undefined
}

/**
 * How non-terminal jobs advance. When set on the emulator, every job that enters it in `PENDING` or
 * `IN PROGRESS` (seeded, generated or created) advances on the clock.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 *
 * // 30 seconds pending, 2 minutes running, and one job in five ends CREATE FAILED
 * const lifecycle: PersonalizeEmulator.LifecycleOptions = {
 *   pendingFor: "30 seconds",
 *   runFor: "2 minutes",
 *   failureRate: 0.2,
 *   seed: 42
 * }
 * const Emulator = PersonalizeEmulator.layerClient({ generate: { solutionVersions: 2, jobsPerVersion: 10 }, lifecycle })
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface LifecycleOptions {
  readonly pendingFor?: Duration.Input | undefined
  readonly runFor?: Duration.Input | undefined
  /** The share of jobs that end in `CREATE FAILED` (0 to 1, default 0), decided per job ARN from `seed`. */
  readonly failureRate?: number | undefined
  readonly seed?: number | undefined
}

/**
 * Generated jobs: `solutionVersions` solution versions with `jobsPerVersion` jobs each, with realistic names,
 * ARNs, statuses (every documented status), failure reasons and timestamps over the 90 days before `endingAt`.
 * The same seed gives the same jobs.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect } from "effect"
 *
 * const options: PersonalizeEmulator.GenerateOptions = { solutionVersions: 2, jobsPerVersion: 3, seed: 1 }
 * const generated = Effect.flatMap(Effect.service(PersonalizeEmulator.Emulator), (emulator) => emulator.generate(options))
 * Effect.runPromise(Effect.provide(generated, PersonalizeEmulator.layer())).then((jobs) =>
 *   assert.strictEqual(jobs.length, 6)
 * )
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface GenerateOptions {
  readonly solutionVersions: number
  readonly jobsPerVersion: number
  /** Default 0. */
  readonly seed?: number | undefined
  /** The newest possible creation time; default: now on the emulator's clock. */
  readonly endingAt?: Time | undefined
  /** Default: the emulator's region (`us-east-1`). */
  readonly region?: string | undefined
  /** Default: the emulator's account (`123456789012`). */
  readonly accountId?: string | undefined
}

/**
 * A job started now, in `PENDING`, advancing on the clock.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect } from "effect"
 *
 * const job: PersonalizeEmulator.CreateJob = {
 *   jobName: "spring-launch",
 *   lifecycle: { runFor: "1 minute", outcome: "ACTIVE" }
 * }
 * const created = Effect.flatMap(Effect.service(PersonalizeEmulator.Emulator), (emulator) => emulator.createJob(job))
 * Effect.runPromise(Effect.provide(created, PersonalizeEmulator.layer())).then((job) =>
 *   assert.strictEqual(job.status, "PENDING")
 * )
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface CreateJob {
  readonly jobName?: string | undefined
  readonly solutionVersionArn?: string | undefined
  readonly lifecycle?: JobLifecycle | undefined
}

/**
 * The faults the emulator can inject:
 *
 * - `throttle`: HTTP 400 `ThrottlingException`; `tooManyRequests`: HTTP 429 `TooManyRequestsException`
 * - `internalError`: HTTP 500 `InternalServerError`; `serviceUnavailable`: HTTP 503 `ServiceUnavailable`
 * - `latency`: the answer comes after a delay on the clock (`TestClock` moves it)
 * - `connectionReset`: the socket is destroyed (in memory: `TransportError` with reason `ConnectionReset`)
 * - `hang`: no answer until the client gives up
 * - `malformedBody`: HTTP 200 with a body that is not JSON; `wrongTypes`: HTTP 200 with JSON of the wrong types
 * - `repeatToken`: the page carries the same `nextToken` the request sent (only for requests with a token)
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 *
 * // the second request fails as the service fails under load
 * const kind: PersonalizeEmulator.FaultKind = "serviceUnavailable"
 * const Flaky = PersonalizeEmulator.layerClient({ faults: { script: [{ on: 2, kind }] } })
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type FaultKind =
  | "throttle"
  | "tooManyRequests"
  | "internalError"
  | "serviceUnavailable"
  | "latency"
  | "connectionReset"
  | "hang"
  | "malformedBody"
  | "wrongTypes"
  | "repeatToken"

/**
 * Every kind of fault the emulator can inject.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 *
 * // one request in ten fails with any fault, those no retry recovers from included
 * const Chaos = PersonalizeEmulator.layerClient({ faults: { rate: 0.1, seed: 3, kinds: PersonalizeEmulator.faultKinds } })
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export const faultKinds: ReadonlyArray<FaultKind> = FaultInjection.faultKinds

/**
 * The faults drawn from when a random fault fires: those a client with retries recovers from.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 *
 * assert.ok(PersonalizeEmulator.retryableFaultKinds.includes("throttle"))
 * assert.ok(!PersonalizeEmulator.retryableFaultKinds.includes("malformedBody"))
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export const retryableFaultKinds: ReadonlyArray<FaultKind> = FaultInjection.retryableFaultKinds

/**
 * A fault to inject: its kind, and for `latency` how long.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 *
 * // every request but the first answers 5 seconds late
 * const slow: PersonalizeEmulator.Fault = { kind: "latency", latency: "5 seconds" }
 * const Slow = PersonalizeEmulator.layerClient({ faults: { script: (request) => request.index > 1 ? slow : undefined } })
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface Fault {
  readonly kind: FaultKind
  /** The delay of a `latency` fault (default: the options' `latency`, else 2 seconds). */
  readonly latency?: Duration.Input | undefined
}

/**
 * A fault on the request with this index (1-based, counting every request the emulator received).
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Retry } from "@effect-personalize/core"
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect } from "effect"
 *
 * const script: ReadonlyArray<PersonalizeEmulator.ScriptedFault> = [{ on: 1, kind: "throttle" }]
 * const first = ListBatchSegmentJobs.list({}, { retry: Retry.none })
 * const error = Effect.flip(first).pipe(Effect.provide(PersonalizeEmulator.layerClient({ faults: { script } })))
 * Effect.runPromise(error).then((error) => assert.strictEqual(error._tag, "ThrottlingException"))
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface ScriptedFault extends Fault {
  readonly on: number
}

/**
 * Which face received a request.
 *
 * @example
 * ```ts
 * import type { PersonalizeEmulator } from "@effect-personalize/emulator"
 *
 * const describe = (face: PersonalizeEmulator.Face): string => face === "http" ? "over HTTP" : "in memory"
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type Face = "client" | "http"

/**
 * What a fault script sees of a request.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 *
 * // the service fails for good after ten requests, but only over HTTP
 * const outage = (request: PersonalizeEmulator.FaultRequest): PersonalizeEmulator.FaultKind | undefined =>
 *   request.face === "http" && request.index > 10 ? "internalError" : undefined
 * const Server = PersonalizeEmulator.layerServer({ faults: { script: outage } })
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface FaultRequest {
  /** 1-based, counting every request the emulator received. */
  readonly index: number
  readonly face: Face
  /** The request body, parsed. */
  readonly body: unknown
}

/**
 * Fault injection, deterministic: scripted faults on given requests, or random ones at `rate` from `seed`
 * (the fault of request n depends only on the seed and n).
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 *
 * // one request in five fails with a fault that retries recover from, the same requests on every run
 * const faults: PersonalizeEmulator.FaultOptions = { rate: 0.2, seed: 7 }
 * const Flaky = PersonalizeEmulator.layerClient({ generate: { solutionVersions: 1, jobsPerVersion: 50 }, faults })
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface FaultOptions {
  /** The probability of a fault per request, 0 to 1. */
  readonly rate?: number | undefined
  readonly seed?: number | undefined
  /** The kinds a random fault is drawn from (default `retryableFaultKinds`). */
  readonly kinds?: ReadonlyArray<FaultKind> | undefined
  /** The delay of `latency` faults (default 2 seconds). */
  readonly latency?: Duration.Input | undefined
  /** Exact faults, which take precedence over random ones. */
  readonly script?:
    | ReadonlyArray<ScriptedFault>
    | ((request: FaultRequest) => FaultKind | Fault | undefined)
    | undefined
}

/**
 * The options of an emulator: its jobs, how they advance, its faults, page tokens, rate limit and request log.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 *
 * const options: PersonalizeEmulator.Options = {
 *   generate: { solutionVersions: 2, jobsPerVersion: 25, seed: 1 },
 *   responseTime: "20 millis",
 *   tokenTtl: "1 hour"
 * }
 * const Emulator = PersonalizeEmulator.layerClient(options)
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface Options {
  /** Jobs to start with. */
  readonly seed?: Iterable<SeedJob> | undefined
  /** A JSON file holding an array of `SeedJob`s (timestamps as epoch seconds or ISO strings). */
  readonly seedFile?: string | undefined
  /** Generated jobs to start with. */
  readonly generate?: GenerateOptions | undefined
  readonly lifecycle?: LifecycleOptions | undefined
  readonly faults?: FaultOptions | undefined
  /** The key that signs page tokens (default: random per emulator, so tokens never outlive it). */
  readonly tokenSecret?: Redacted.Redacted<string> | string | undefined
  /** How long a page token stays valid (default 24 hours). */
  readonly tokenTtl?: Duration.Input | undefined
  /**
   * How long every answer takes, on the emulator's clock: the network and service time of a real call, for
   * benchmarks and for tests of prefetching (default none). Not a fault: nothing is counted.
   */
  readonly responseTime?: Duration.Input | undefined
  /**
   * A rate limit per account, as the service has: beyond it, requests are answered with `ThrottlingException`
   * (HTTP 400, "Rate exceeded"). Default none.
   */
  readonly rateLimit?: RateLimitOptions | undefined
  /**
   * How many requests the request log keeps: the newest ones, older ones are dropped (default
   * `defaultRequestLogSize`, 1000; 0 keeps none). The counters of `stats` count every request regardless.
   */
  readonly requestLogSize?: number | undefined
  /** Default `us-east-1`. */
  readonly region?: string | undefined
  /** The account of the jobs generated, and of requests whose key names none (default `123456789012`). */
  readonly accountId?: string | undefined
}

/**
 * The service's rate limit: a token bucket per account, on the emulator's clock (so `TestClock` drives it). Each
 * account's bucket starts full with `burst` permits and refills at `requestsPerSecond`; a request that finds it
 * empty is answered `ThrottlingException` (HTTP 400, `{"__type": "ThrottlingException", "message": "Rate
 * exceeded"}`), counted in `Stats.throttled` and logged with `throttled: true`. Requests the HTTP face refuses
 * itself (signature, target, size) take no permit; a permit is taken before any fault or response time applies.
 *
 * The account of a request is that of its access key (`Credentials.accountId`), else the emulator's `accountId`;
 * the in-memory face has one account, the emulator's.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Retry } from "@effect-personalize/core"
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect } from "effect"
 *
 * // one request every 10 seconds: the second one at once is throttled
 * const rateLimit: PersonalizeEmulator.RateLimitOptions = { requestsPerSecond: 0.1, retryAfter: "10 seconds" }
 * const second = ListBatchSegmentJobs.list({}).pipe(
 *   Effect.andThen(Effect.flip(ListBatchSegmentJobs.list({}, { retry: Retry.none }))),
 *   Effect.provide(PersonalizeEmulator.layerClient({ rateLimit }))
 * )
 * Effect.runPromise(second).then((error) => assert.strictEqual(error._tag, "ThrottlingException"))
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface RateLimitOptions {
  /** The permits a second, per account (a positive number; fractions allowed). */
  readonly requestsPerSecond: number
  /**
   * How many requests an account may send at once after a quiet spell (a whole number, at least 1). Default: one
   * second's worth, `requestsPerSecond` rounded up.
   */
  readonly burst?: number | undefined
  /**
   * Sent as the `Retry-After` header of each throttled answer, in whole seconds (rounded up); the in-memory face
   * hands the same to the core. Default: no header.
   */
  readonly retryAfter?: Duration.Input | undefined
}

/**
 * How many requests the request log keeps unless told otherwise: about 6 MB of memory at most, however long the
 * emulator runs.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 *
 * // a long soak test that inspects more of the log
 * const Emulator = PersonalizeEmulator.layerClient({ requestLogSize: PersonalizeEmulator.defaultRequestLogSize * 10 })
 * ```
 *
 * @since 1.0.0
 * @category constants
 */
export const defaultRequestLogSize: number = RequestLogs.defaultSize

/**
 * An AWS access key the server accepts.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Redacted } from "effect"
 *
 * // two keys of two accounts, each account with its own rate limit
 * const credentials: ReadonlyArray<PersonalizeEmulator.Credentials> = [
 *   { accessKeyId: "AKIDTEAMA", secretAccessKey: Redacted.make("secret-a"), accountId: "111122223333" },
 *   { accessKeyId: "AKIDTEAMB", secretAccessKey: Redacted.make("secret-b"), accountId: "444455556666" }
 * ]
 * const Server = PersonalizeEmulator.layerServer({ credentials, rateLimit: { requestsPerSecond: 5 } })
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: Redacted.Redacted<string> | string
  /** The account the key belongs to: whose rate limit its requests count against (default: the emulator's). */
  readonly accountId?: string | undefined
}

/**
 * Where and how the HTTP face listens: host, port, the keys it accepts, signature checks, body size.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 *
 * // the port of the AWS CLI's examples, for clients that cannot sign
 * const options: PersonalizeEmulator.ServerOptions = { port: 4566, verifySignatures: false }
 * const Server = PersonalizeEmulator.layerServer({ ...options, generate: { solutionVersions: 1, jobsPerVersion: 10 } })
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface ServerOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
  /** Default 0: a free port. */
  readonly port?: number | undefined
  /** The keys the server accepts (default `testCredentials`). */
  readonly credentials?: Credentials | ReadonlyArray<Credentials> | undefined
  /** Verify SigV4 signatures (default `true`). */
  readonly verifySignatures?: boolean | undefined
  /** The largest request body accepted, in bytes (default 64 KiB); larger ones get HTTP 413. */
  readonly maxBodySize?: number | undefined
}

/**
 * The documented test key pair that the server accepts by default. It is AWS's own documentation example,
 * not a real key.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Redacted } from "effect"
 *
 * const sdkCredentials = {
 *   accessKeyId: PersonalizeEmulator.testCredentials.accessKeyId,
 *   secretAccessKey: Redacted.value(PersonalizeEmulator.testCredentials.secretAccessKey)
 * }
 * ```
 *
 * @since 1.0.0
 * @category constants
 */
export const testCredentials: {
  readonly accessKeyId: string
  readonly secretAccessKey: Redacted.Redacted<string>
} = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: Redacted.make("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
}

/**
 * What the emulator counted: requests, faults, throttles, the pages and jobs it answered, errors by name.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect } from "effect"
 *
 * const stats = ListBatchSegmentJobs.list({ maxResults: 5 }).pipe(
 *   Effect.andThen(Effect.flatMap(Effect.service(PersonalizeEmulator.Emulator), (emulator) => emulator.stats)),
 *   Effect.provide(PersonalizeEmulator.layerClient({ generate: { solutionVersions: 1, jobsPerVersion: 20 } }))
 * )
 * Effect.runPromise(stats).then((stats: PersonalizeEmulator.Stats) => {
 *   assert.strictEqual(stats.requests, 1)
 *   assert.strictEqual(stats.jobs, 5)
 * })
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface Stats {
  /** Every request received, by both faces. */
  readonly requests: number
  /**
   * Requests received and not answered yet: waiting for a `responseTime` or a `latency` fault, or hung (until the
   * client gives up).
   */
  readonly inFlight: number
  readonly faultsInjected: number
  /** Requests the client gave up on before the answer was sent. */
  readonly aborted: number
  /** Requests answered `ThrottlingException` by the rate limit (`rateLimit`); injected faults are in `faults`. */
  readonly throttled: number
  /** Pages answered: successful listings (a `repeatToken` page included; `wrongTypes` and `malformedBody` not). */
  readonly pages: number
  /** Job summaries in those pages. */
  readonly jobs: number
  /** Error answers by error name (`ThrottlingException`, `ServiceUnavailable`, `InvalidInputException`, ...). */
  readonly errors: { readonly [code: string]: number }
  /** Injected faults by kind; they add up to `faultsInjected`. */
  readonly faults: { readonly [K in FaultKind]?: number }
}

/**
 * One request as the emulator saw it. Credentials are never recorded. The log keeps the newest `requestLogSize`
 * requests (default `defaultRequestLogSize`).
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect } from "effect"
 *
 * const log = ListBatchSegmentJobs.list({ maxResults: 5 }).pipe(
 *   Effect.andThen(Effect.flatMap(Effect.service(PersonalizeEmulator.Emulator), (emulator) => emulator.requestLog)),
 *   Effect.provide(PersonalizeEmulator.layerClient())
 * )
 * Effect.runPromise(log).then((entries: ReadonlyArray<PersonalizeEmulator.RequestLogEntry>) => {
 *   assert.deepStrictEqual(entries[0]?.body, { maxResults: 5 })
 *   assert.strictEqual(entries[0]?.status, 200)
 * })
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface RequestLogEntry {
  /** 1-based. */
  readonly index: number
  /** When it arrived, on the emulator's clock. */
  readonly at: Date
  readonly face: Face
  readonly requestId: string
  /**
   * What the body held, bounded whatever was sent: of a JSON object, only the members of the operation that it set
   * (`solutionVersionArn`, `nextToken`, `maxResults`), each as sent, except that a string longer than the member's
   * longest valid value (256 characters for an ARN, 1500 for a token, 256 for anything else) is cut, with
   * `… (N characters)` after the cut, and an object or array is described (`"an object of 3 members"`); the text of
   * a body that is not JSON, cut to 256 characters; a JSON array, described. Absent when there was no body.
   */
  readonly body?: unknown
  readonly fault?: FaultKind | undefined
  /** The HTTP status answered; absent while in flight, or when no answer was sent. */
  readonly status?: number | undefined
  /** The error type answered, if any. */
  readonly error?: string | undefined
  readonly aborted: boolean
  /** Answered `ThrottlingException` by the rate limit (not by an injected fault). */
  readonly throttled: boolean
}

/**
 * A job summary as the emulator holds it, at the current time.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect } from "effect"
 *
 * const failed = (jobs: ReadonlyArray<PersonalizeEmulator.Job>) => jobs.filter((job) => job.status === "CREATE FAILED")
 * const failedNow = Effect.flatMap(Effect.service(PersonalizeEmulator.Emulator), (emulator) => Effect.map(emulator.jobs, failed))
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface Job {
  readonly batchSegmentJobArn: string
  readonly jobName?: string | undefined
  readonly status?: string | undefined
  readonly creationDateTime: Date
  readonly lastUpdatedDateTime?: Date | undefined
  readonly failureReason?: string | undefined
  readonly solutionVersionArn?: string | undefined
}

/**
 * A seed was rejected: a job that breaks the service model, or a seed file that cannot be read. The detail
 * names where the fault is (`[2].creationDateTime "yesterday" is neither epoch seconds nor an ISO 8601 date`),
 * and `at` holds that place.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect } from "effect"
 *
 * const batchSegmentJobArn = "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/spring-launch"
 * const seeded = PersonalizeEmulator.make({ seed: [{ batchSegmentJobArn, creationDateTime: "yesterday" }] })
 * Effect.runPromise(Effect.flip(seeded)).then((error) => assert.deepStrictEqual(error.at, [0, "creationDateTime"]))
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class SeedError extends Data.TaggedError("SeedError")<{
  readonly detail: string
  /** The seed file, when the jobs came from one. */
  readonly path?: string | undefined
  /**
   * Where in the seed the (first) fault is: the index of the job, then the members down to the value, e.g.
   * `[2, "creationDateTime"]`; empty when the seed as a whole is wrong.
   */
  readonly at?: ReadonlyArray<PropertyKey> | undefined
  readonly cause?: unknown
}> {
  /** @since 1.0.0 */
  override get message(): string {
    return `Cannot seed the emulator${this.path === undefined ? "" : ` from ${this.path}`}: ${this.detail}`
  }
}

/**
 * An error as the service sends it: the HTTP status, the error's name and its message.
 *
 * @example
 * ```ts
 * import type { PersonalizeEmulator } from "@effect-personalize/emulator"
 *
 * const denied: PersonalizeEmulator.ServiceFailure = {
 *   status: 403,
 *   code: "AccessDeniedException",
 *   message: "User is not authorized"
 * }
 * const answer: PersonalizeEmulator.Answer = { _tag: "Failure", requestId: "c0ffee00", failure: denied }
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface ServiceFailure {
  readonly status: number
  /** The error's short name, as `x-amzn-ErrorType` carries it (`ThrottlingException`). */
  readonly code: string
  /** The `__type` of the body when it is not `code`: a namespaced name (`com.amazon.coral.service#SerializationException`). */
  readonly type?: string | undefined
  readonly message: string
  /** How long the client should wait, sent as the `Retry-After` header in whole seconds (rounded up). */
  readonly retryAfter?: Duration.Duration | undefined
}

/**
 * One request as a face hands it to `Emulator.Service.handle`.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect, Layer } from "effect"
 *
 * // The emulator, but every request of the in-memory face is refused as the service refuses a caller.
 * const Refusing = Layer.effect(
 *   PersonalizeEmulator.Emulator,
 *   Effect.map(PersonalizeEmulator.make(), (emulator): PersonalizeEmulator.Emulator.Service => ({
 *     ...emulator,
 *     handle: (request) =>
 *       request.face === "client"
 *         ? emulator.handle({ ...request, refused: { status: 403, code: "AccessDeniedException", message: "denied" } })
 *         : emulator.handle(request)
 *   }))
 * )
 * const client = PersonalizeEmulator.layerClientFromEmulator.pipe(Layer.provideMerge(Refusing))
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface Request {
  readonly face: Face
  /** The account the request counts against for the rate limit (default: the emulator's `accountId`). */
  readonly accountId?: string | undefined
  /** The request body, parsed from JSON; its text when it is not JSON (then `refused` says so). */
  readonly body?: unknown
  /**
   * Set when the face refused the request before the operation: a bad signature, another target, a body too
   * large or not JSON. The answer is this error; no fault and no response time apply, but the request is counted
   * and logged like any other.
   */
  readonly refused?: ServiceFailure | undefined
}

/**
 * What the emulator answers to one request. The HTTP face writes it on the wire; the in-memory face reads it as
 * a transport reads a response, so both faces give the caller the same thing. An answer that never comes (the
 * `hang` fault) is an `Effect` that does not complete.
 *
 * - `Success`: HTTP 200 with this JSON body, as it is (it may break the model, as the `wrongTypes` fault does)
 * - `Failure`: an error of the service
 * - `Malformed`: HTTP 200 with a body that is not JSON
 * - `Reset`: no answer, the connection is reset
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect } from "effect"
 *
 * const answer = Effect.flatMap(
 *   PersonalizeEmulator.make(),
 *   (emulator) => emulator.handle({ face: "client", body: { maxResults: 0 } })
 * )
 * Effect.runPromise(answer).then((answer: PersonalizeEmulator.Answer) =>
 *   assert.strictEqual(answer._tag === "Failure" && answer.failure.code, "InvalidInputException")
 * )
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type Answer =
  | { readonly _tag: "Success"; readonly requestId: string; readonly body: unknown }
  | { readonly _tag: "Failure"; readonly requestId: string; readonly failure: ServiceFailure }
  | { readonly _tag: "Malformed"; readonly requestId: string; readonly text: string }
  | { readonly _tag: "Reset"; readonly requestId: string }

/**
 * The emulator's handle, shared by both faces: seed jobs, script faults, read counters and the request log.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const emulator = yield* PersonalizeEmulator.Emulator
 *   yield* emulator.generate({ solutionVersions: 2, jobsPerVersion: 10, seed: 1 })
 *   const page = yield* ListBatchSegmentJobs.list({ maxResults: 5 })
 *   const stats = yield* emulator.stats
 *   return { page, stats }
 * }).pipe(Effect.provide(PersonalizeEmulator.layerClient()))
 * ```
 *
 * @since 1.0.0
 * @category services
 */
export class Emulator extends Context.Service<Emulator, Emulator.Service>()(
  "@effect-personalize/emulator/PersonalizeEmulator/Emulator"
) {}

/**
 * @since 1.0.0
 */
export declare namespace Emulator {
  /**
   * What the emulator offers: the answer to a request, jobs to seed or create, faults, counters, the request log, time.
   *
   * @example
   * ```ts
   * import { PersonalizeEmulator } from "@effect-personalize/emulator"
   * import { Effect, Layer } from "effect"
   *
   * // the emulator with every answer logged
   * const logged = (emulator: PersonalizeEmulator.Emulator.Service): PersonalizeEmulator.Emulator.Service => ({
   *   ...emulator,
   *   handle: (request) => Effect.tap(emulator.handle(request), (answer) => Effect.logDebug(request.face, answer._tag))
   * })
   * const Logged = Layer.effect(PersonalizeEmulator.Emulator, Effect.map(PersonalizeEmulator.make(), logged))
   * ```
   *
   * @since 1.0.0
   * @category models
   */
  export interface Service {
    /**
     * Answers one request that a face received: the faces call it for every request and use nothing else, so
     * that the counters, the request log and the faults see both faces alike. It does not fail: the service's
     * errors are answers. Interrupting it is the client giving up (counted in `aborted`).
     */
    readonly handle: (request: Request) => Effect.Effect<Answer>
    /** Adds jobs (a job with the ARN of an existing one replaces it). */
    readonly seed: (jobs: Iterable<SeedJob>) => Effect.Effect<void, SeedError>
    /** Adds the jobs of a JSON file (an array of `SeedJob`s). */
    readonly seedFile: (path: string) => Effect.Effect<void, SeedError>
    /** Adds generated jobs and returns them. */
    readonly generate: (options: GenerateOptions) => Effect.Effect<ReadonlyArray<Job>>
    /** Starts a job now, in `PENDING`; it advances on the clock. A name or ARN that breaks the model is refused. */
    readonly createJob: (job?: CreateJob) => Effect.Effect<Job, SeedError>
    /** Removes every job. */
    readonly clear: Effect.Effect<void>
    /** Every job, newest first, with its status at the current time. */
    readonly jobs: Effect.Effect<ReadonlyArray<Job>>
    readonly stats: Effect.Effect<Stats>
    readonly requestLog: Effect.Effect<ReadonlyArray<RequestLogEntry>>
    /** Replaces the fault options (`undefined`: no faults). */
    readonly setFaults: (faults: FaultOptions | undefined) => Effect.Effect<void>
    /** Replaces the rate limit (`undefined`: none), with full buckets. Options that make no sense are a defect. */
    readonly setRateLimit: (rateLimit: RateLimitOptions | undefined) => Effect.Effect<void>
    /** Moves the emulator's time forward, on top of its clock (jobs advance, tokens age). */
    readonly advance: (duration: Duration.Input) => Effect.Effect<void>
    /** The emulator's current time: its clock plus every `advance`. */
    readonly now: Effect.Effect<Date>
  }
}

/**
 * Where the HTTP face listens.
 *
 * @example
 * ```ts
 * import { PersonalizeAws } from "@effect-personalize/aws"
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect, Layer } from "effect"
 *
 * // the AWS SDK pointed at the HTTP face
 * const Client = Layer.unwrap(Effect.map(Effect.service(PersonalizeEmulator.EmulatorServer), (server) =>
 *   PersonalizeAws.layer({ region: "us-east-1", endpoint: server.url, credentials: PersonalizeEmulator.testCredentials })
 * )).pipe(Layer.provide(PersonalizeEmulator.layerServer()))
 * ```
 *
 * @since 1.0.0
 * @category services
 */
export class EmulatorServer extends Context.Service<EmulatorServer, EmulatorServer.Service>()(
  "@effect-personalize/emulator/PersonalizeEmulator/EmulatorServer"
) {}

/**
 * @since 1.0.0
 */
export declare namespace EmulatorServer {
  /**
   * The address of the HTTP face.
   *
   * @example
   * ```ts
   * import type { PersonalizeEmulator } from "@effect-personalize/emulator"
   *
   * const endpointUrl = (server: PersonalizeEmulator.EmulatorServer.Service): string =>
   *   `http://${server.host}:${server.port}`
   * ```
   *
   * @since 1.0.0
   * @category models
   */
  export interface Service {
    /** `http://HOST:PORT`, to give to an SDK as its endpoint. */
    readonly url: string
    readonly host: string
    readonly port: number
  }
}

/**
 * Makes an emulator with the clock of the calling fiber.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect } from "effect"
 *
 * const jobs = Effect.flatMap(
 *   PersonalizeEmulator.make({ generate: { solutionVersions: 1, jobsPerVersion: 3 } }),
 *   (emulator) => emulator.jobs
 * )
 * Effect.runPromise(jobs).then((jobs) => assert.strictEqual(jobs.length, 3))
 * ```
 *
 * @since 1.0.0
 * @category constructors
 */
export const make: (options?: Options) => Effect.Effect<Emulator.Service, SeedError> = internal.make

/**
 * The emulator alone, without a face.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Layer } from "effect"
 *
 * // one emulator behind both faces: what a test seeds in memory, an SDK sees over HTTP
 * const Both = Layer.merge(PersonalizeEmulator.layerClientFromEmulator, PersonalizeEmulator.layerServerFromEmulator()).pipe(
 *   Layer.provideMerge(PersonalizeEmulator.layer({ generate: { solutionVersions: 1, jobsPerVersion: 10 } }))
 * )
 * ```
 *
 * @since 1.0.0
 * @category layers
 */
export const layer: (options?: Options) => Layer.Layer<Emulator, SeedError> = internal.layer

/**
 * The in-memory face over the `Emulator` in context: the core's `PersonalizeClient` without HTTP. Bodies are
 * what the wire would carry (timestamps as epoch seconds); errors are classified by the core's
 * `PersonalizeError.fromServiceError`, as every transport's are. Interrupting a call (the caller, or the core's
 * per-attempt timeout) ends it, and the emulator counts it as aborted.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect, Layer } from "effect"
 *
 * const Client = PersonalizeEmulator.layerClientFromEmulator.pipe(
 *   Layer.provideMerge(PersonalizeEmulator.layer({ generate: { solutionVersions: 1, jobsPerVersion: 4 } }))
 * )
 * Effect.runPromise(ListBatchSegmentJobs.collect({}).pipe(Effect.provide(Client))).then(({ jobs }) =>
 *   assert.strictEqual(jobs.length, 4)
 * )
 * ```
 *
 * @since 1.0.0
 * @category layers
 */
export const layerClientFromEmulator: Layer.Layer<PersonalizeClient.PersonalizeClient, never, Emulator> = internalClient
  .fromEmulator()

/**
 * A fresh emulator and its in-memory face, for fast unit tests.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect, Stream } from "effect"
 *
 * const names = ListBatchSegmentJobs.stream({ maxResults: 10 }).pipe(
 *   Stream.map((job) => job.jobName),
 *   Stream.runCollect,
 *   Effect.provide(PersonalizeEmulator.layerClient({ generate: { solutionVersions: 3, jobsPerVersion: 20, seed: 7 } }))
 * )
 * ```
 *
 * @since 1.0.0
 * @category layers
 */
export const layerClient: (
  options?: Options
) => Layer.Layer<PersonalizeClient.PersonalizeClient | Emulator, SeedError> = internalClient.layerWith

/**
 * The HTTP face over the `Emulator` in context: awsJson1_1 on `POST /`, SigV4 verified, on
 * `127.0.0.1` and a free port unless told otherwise. Closing the scope closes every connection.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Layer } from "effect"
 *
 * // the HTTP face on a fixed port, over an emulator seeded from a file
 * const Server = PersonalizeEmulator.layerServerFromEmulator({ port: 4566 }).pipe(
 *   Layer.provideMerge(PersonalizeEmulator.layer({ seedFile: "jobs.json" }))
 * )
 * ```
 *
 * @since 1.0.0
 * @category layers
 */
export const layerServerFromEmulator: (
  options?: ServerOptions
) => Layer.Layer<EmulatorServer, HttpServerError.ServeError, Emulator> = internalServer.layer

/**
 * A fresh emulator and its HTTP face. Point any AWS SDK at `EmulatorServer.url` with `testCredentials`.
 *
 * @example
 * ```ts
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Console, Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const server = yield* PersonalizeEmulator.EmulatorServer
 *   yield* Console.log(`listening on ${server.url}`)
 * }).pipe(Effect.provide(PersonalizeEmulator.layerServer({ generate: { solutionVersions: 1, jobsPerVersion: 5 } })))
 * ```
 *
 * @since 1.0.0
 * @category layers
 */
export const layerServer: (
  options?: Options & ServerOptions
) => Layer.Layer<EmulatorServer | Emulator, SeedError | HttpServerError.ServeError> = internalServer.layerWith
