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
 * @since 0.1.0
 */
import type * as PersonalizeClient from "@effect-personalize/core/PersonalizeClient"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as internalClient from "./internal/client.js"
import * as internal from "./internal/emulator.js"
import * as internalFaults from "./internal/faults.js"
import * as internalRequestLog from "./internal/requestLog.js"
import * as internalServer from "./internal/server.js"

/**
 * A point in time as seeds accept it: a `Date`, epoch seconds (fractions allowed, as on the wire), or an
 * ISO 8601 string.
 *
 * @since 0.1.0
 * @category models
 */
export type Time = Date | number | string

/**
 * A job's way through `PENDING → IN PROGRESS → ACTIVE | CREATE FAILED`. Durations count from the moment the
 * job enters the emulator (or from its creation time, if that is later), on the emulator's clock.
 *
 * @since 0.1.0
 * @category models
 */
export interface JobLifecycle {
  /** How long the job stays `PENDING` (default 1 minute). */
  readonly pendingFor?: Duration.DurationInput | undefined
  /** How long the job stays `IN PROGRESS` (default 5 minutes). */
  readonly runFor?: Duration.DurationInput | undefined
  /** How the job ends. Without it, the emulator's `lifecycle.failureRate` decides (deterministically). */
  readonly outcome?: "ACTIVE" | "CREATE FAILED" | undefined
  /** The failure reason when the job ends in `CREATE FAILED`. */
  readonly failureReason?: string | undefined
}

/**
 * A job to put in the emulator. Only the ARN is required: the job name defaults to the ARN's last segment,
 * the creation time to now, the last update to the creation time. Members left out stay out of responses.
 *
 * @since 0.1.0
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
 * @since 0.1.0
 * @category models
 */
export interface LifecycleOptions {
  readonly pendingFor?: Duration.DurationInput | undefined
  readonly runFor?: Duration.DurationInput | undefined
  /** The share of jobs that end in `CREATE FAILED` (0 to 1, default 0), decided per job ARN from `seed`. */
  readonly failureRate?: number | undefined
  readonly seed?: number | undefined
}

/**
 * Generated jobs: `solutionVersions` solution versions with `jobsPerVersion` jobs each, with realistic names,
 * ARNs, statuses (every documented status), failure reasons and timestamps over the 90 days before `endingAt`.
 * The same seed gives the same jobs.
 *
 * @since 0.1.0
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
 * @since 0.1.0
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
 * @since 0.1.0
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
 * @since 0.1.0
 * @category models
 */
export const faultKinds: ReadonlyArray<FaultKind> = internalFaults.faultKinds

/**
 * The faults drawn from when a random fault fires: those a client with retries recovers from.
 *
 * @since 0.1.0
 * @category models
 */
export const retryableFaultKinds: ReadonlyArray<FaultKind> = internalFaults.retryableFaultKinds

/**
 * @since 0.1.0
 * @category models
 */
export interface Fault {
  readonly kind: FaultKind
  /** The delay of a `latency` fault (default: the options' `latency`, else 2 seconds). */
  readonly latency?: Duration.DurationInput | undefined
}

/**
 * A fault on the request with this index (1-based, counting every request the emulator received).
 *
 * @since 0.1.0
 * @category models
 */
export interface ScriptedFault extends Fault {
  readonly on: number
}

/**
 * Which face received a request.
 *
 * @since 0.1.0
 * @category models
 */
export type Face = "client" | "http"

/**
 * What a fault script sees of a request.
 *
 * @since 0.1.0
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
 * @since 0.1.0
 * @category models
 */
export interface FaultOptions {
  /** The probability of a fault per request, 0 to 1. */
  readonly rate?: number | undefined
  readonly seed?: number | undefined
  /** The kinds a random fault is drawn from (default `retryableFaultKinds`). */
  readonly kinds?: ReadonlyArray<FaultKind> | undefined
  /** The delay of `latency` faults (default 2 seconds). */
  readonly latency?: Duration.DurationInput | undefined
  /** Exact faults, which take precedence over random ones. */
  readonly script?:
    | ReadonlyArray<ScriptedFault>
    | ((request: FaultRequest) => FaultKind | Fault | undefined)
    | undefined
}

/**
 * @since 0.1.0
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
  readonly tokenTtl?: Duration.DurationInput | undefined
  /**
   * How long every answer takes, on the emulator's clock: the network and service time of a real call, for
   * benchmarks and for tests of prefetching (default none). Not a fault: nothing is counted.
   */
  readonly responseTime?: Duration.DurationInput | undefined
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
 * @since 0.2.0
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
  readonly retryAfter?: Duration.DurationInput | undefined
}

/**
 * How many requests the request log keeps unless told otherwise: about 1.5 MB of memory at most, however long the
 * emulator runs.
 *
 * @since 0.2.0
 * @category constants
 */
export const defaultRequestLogSize: number = internalRequestLog.defaultSize

/**
 * An AWS access key the server accepts.
 *
 * @since 0.1.0
 * @category models
 */
export interface Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: Redacted.Redacted<string> | string
  /** The account the key belongs to: whose rate limit its requests count against (default: the emulator's). */
  readonly accountId?: string | undefined
}

/**
 * @since 0.1.0
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
 * @since 0.1.0
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
 * @since 0.1.0
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
 * @since 0.1.0
 * @category models
 */
export interface RequestLogEntry {
  /** 1-based. */
  readonly index: number
  /** When it arrived, on the emulator's clock. */
  readonly at: Date
  readonly face: Face
  readonly requestId: string
  /** The parsed body, when there was one. */
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
 * @since 0.1.0
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
 * @since 0.1.0
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
  /** @since 0.1.0 */
  override get message(): string {
    return `Cannot seed the emulator${this.path === undefined ? "" : ` from ${this.path}`}: ${this.detail}`
  }
}

/**
 * An error as the service sends it: the HTTP status, the error's name and its message.
 *
 * @since 0.2.0
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
 * @since 0.2.0
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
 * @since 0.2.0
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
 * @since 0.1.0
 * @category tags
 */
export class Emulator extends Context.Tag("@effect-personalize/emulator/PersonalizeEmulator/Emulator")<
  Emulator,
  Emulator.Service
>() {}

/**
 * @since 0.1.0
 */
export declare namespace Emulator {
  /**
   * @since 0.1.0
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
    readonly advance: (duration: Duration.DurationInput) => Effect.Effect<void>
    /** The emulator's current time: its clock plus every `advance`. */
    readonly now: Effect.Effect<Date>
  }
}

/**
 * Where the HTTP face listens.
 *
 * @since 0.1.0
 * @category tags
 */
export class EmulatorServer extends Context.Tag("@effect-personalize/emulator/PersonalizeEmulator/EmulatorServer")<
  EmulatorServer,
  EmulatorServer.Service
>() {}

/**
 * @since 0.1.0
 */
export declare namespace EmulatorServer {
  /**
   * @since 0.1.0
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
 * @since 0.1.0
 * @category constructors
 */
export const make: (options?: Options) => Effect.Effect<Emulator.Service, SeedError> = internal.make

/**
 * The emulator alone, without a face.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: (options?: Options) => Layer.Layer<Emulator, SeedError> = internal.layer

/**
 * The in-memory face over the `Emulator` in context: the core's `PersonalizeClient` without HTTP. Bodies are
 * what the wire would carry (timestamps as epoch seconds); errors are classified by the core's
 * `PersonalizeError.fromServiceError`, as every transport's are. Interrupting a call (the caller, or the core's
 * per-attempt timeout) ends it, and the emulator counts it as aborted.
 *
 * @since 0.1.0
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
 * @since 0.1.0
 * @category layers
 */
export const layerClient: (
  options?: Options
) => Layer.Layer<PersonalizeClient.PersonalizeClient | Emulator, SeedError> = internalClient.layerWith

/**
 * The HTTP face over the `Emulator` in context: awsJson1_1 on `POST /`, SigV4 verified, on
 * `127.0.0.1` and a free port unless told otherwise. Closing the scope closes every connection.
 *
 * @since 0.1.0
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
 * @since 0.1.0
 * @category layers
 */
export const layerServer: (
  options?: Options & ServerOptions
) => Layer.Layer<EmulatorServer | Emulator, SeedError | HttpServerError.ServeError> = internalServer.layerWith
