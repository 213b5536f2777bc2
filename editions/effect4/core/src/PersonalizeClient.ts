/**
 * The port a transport implements: one raw `ListBatchSegmentJobs` call, and the combinators that make the page call
 * of the core out of it, each one concern, as `HttpClient`'s are (`retryTransient`, `withRateLimiter`, ...):
 *
 * ```text
 * client.pipe(
 *   PersonalizeClient.timeout(duration),  // one attempt: Effect.timeoutOrElse, the request aborted when cut
 *   PersonalizeClient.instrumented,       // each attempt: metrics, debug logs
 *   PersonalizeClient.rateLimited,        // each attempt waits for RateLimit.layer's limiter, if any
 *   PersonalizeClient.retry()             // Effect.retry: the policy, while retryable, the budget as a check
 * )
 * ```
 *
 * The core validates the request before calling the port and decodes what the port returns, so a transport
 * only moves bytes and maps its failures to the typed errors of `PersonalizeError`. Three transports exist:
 * the AWS SDK (`@effect-personalize/aws`), the same SDK pointed at the emulator's HTTP endpoint, and the
 * emulator in memory.
 *
 * @since 1.0.0
 */
import type * as Wire from "@effect-personalize/protocol/Wire"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { dual } from "effect/Function"
import * as Layer from "effect/Layer"
import * as internal from "./internal/client.js"
import type { PersonalizeError } from "./PersonalizeError.js"
import type * as Retry from "./Retry.js"

/**
 * The request as it goes on the wire: validated, only members that are set.
 *
 * @example
 * ```ts
 * import type { PersonalizeClient } from "@effect-personalize/core"
 *
 * // the body of an awsJson1_1 request
 * const body = (request: PersonalizeClient.WireRequest): string => JSON.stringify(request)
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface WireRequest extends Wire.Request {}

/**
 * What a transport returns: the response body as received (decoded by the core against the service model),
 * and the request id when the service sent one.
 *
 * @example
 * ```ts
 * import { PersonalizeClient } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const response: PersonalizeClient.RawResponse = { body: { batchSegmentJobs: [] }, requestId: "7f2c1e4a-example" }
 * const Fixed = PersonalizeClient.layerTest(() => Effect.succeed(response))
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface RawResponse {
  readonly body: unknown
  readonly requestId?: string | undefined
}

/**
 * The service of the port: what every call of the core needs, and what a transport's layer provides.
 *
 * @example
 * ```ts
 * import { PersonalizeClient } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * // one raw call, through whichever transport is provided
 * const raw = Effect.flatMap(Effect.service(PersonalizeClient.PersonalizeClient), (client) => client.listBatchSegmentJobs({ maxResults: 1 }))
 *
 * const Empty = PersonalizeClient.layerTest(() => Effect.succeed({ body: { batchSegmentJobs: [] } }))
 * Effect.runPromise(Effect.provide(raw, Empty)).then((response) =>
 *   assert.deepStrictEqual(response.body, { batchSegmentJobs: [] })
 * )
 * ```
 *
 * @since 1.0.0
 * @category services
 */
export class PersonalizeClient extends Context.Service<PersonalizeClient, PersonalizeClient.Service>()(
  "@effect-personalize/core/PersonalizeClient"
) {}

/**
 * @since 1.0.0
 */
export declare namespace PersonalizeClient {
  /**
   * What a transport implements: one `ListBatchSegmentJobs` call, raw.
   *
   * @example
   * ```ts
   * import { PersonalizeClient } from "@effect-personalize/core"
   * import { Effect, Layer } from "effect"
   *
   * // a transport that answers every request with an empty page
   * const empty: PersonalizeClient.PersonalizeClient.Service = PersonalizeClient.make(() => Effect.succeed({ body: {} }))
   * const Empty = Layer.succeed(PersonalizeClient.PersonalizeClient, empty)
   * ```
   *
   * @since 1.0.0
   * @category models
   */
  export interface Service {
    /**
     * Sends one `ListBatchSegmentJobs` request and fails only with `PersonalizeError`. Interrupting the calling
     * fiber aborts the request (see `make`).
     */
    readonly listBatchSegmentJobs: (request: WireRequest) => Effect.Effect<RawResponse, PersonalizeError>
  }
}

/**
 * Builds the port from a function that sends one request, as `HttpClient.make` does: the port owns cancellation.
 * For each call it creates an `AbortController`, hands its `signal` to `send`, and aborts it when the calling fiber
 * is interrupted (by the caller, or by the per-attempt timeout). A transport only passes the signal on to its I/O.
 *
 * @example
 * ```ts
 * import { PersonalizeClient, PersonalizeError } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const client = PersonalizeClient.make((request, signal) =>
 *   Effect.tryPromise({
 *     try: () => fetch("http://127.0.0.1:4566/", { method: "POST", body: JSON.stringify(request), signal }),
 *     catch: (cause) => new PersonalizeError.TransportError({ reason: "Unknown", detail: String(cause), cause })
 *   }).pipe(Effect.map((response) => ({ body: response.status })))
 * )
 * ```
 *
 * @since 1.0.0
 * @category constructors
 */
export const make = (
  send: (request: WireRequest, signal: AbortSignal) => Effect.Effect<RawResponse, PersonalizeError>
): PersonalizeClient.Service => ({
  listBatchSegmentJobs: (request) =>
    Effect.suspend(() => {
      const controller = new AbortController()
      return Effect.onInterrupt(send(request, controller.signal), () => Effect.sync(() => controller.abort()))
    })
})

/**
 * A layer from a function, for test doubles. The function gets the same signal as a transport built with `make`.
 *
 * @example
 * ```ts
 * import { PersonalizeClient } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const Empty = PersonalizeClient.layerTest(() => Effect.succeed({ body: { batchSegmentJobs: [] } }))
 * ```
 *
 * @since 1.0.0
 * @category layers
 */
export const layerTest = (
  send: (request: WireRequest, signal: AbortSignal) => Effect.Effect<RawResponse, PersonalizeError>
): Layer.Layer<PersonalizeClient> => Layer.sync(PersonalizeClient, () => make(send))

/**
 * A client whose every call goes through `f`: the base of the combinators below, as `HttpClient.transform` is.
 *
 * @example
 * ```ts
 * import { PersonalizeClient } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * // every call logs its page size
 * const logged = (client: PersonalizeClient.PersonalizeClient.Service) =>
 *   PersonalizeClient.transform(client, (call, request) =>
 *     Effect.andThen(Effect.logDebug("pageSize", request.maxResults ?? "default"), call)
 *   )
 * ```
 *
 * @since 1.0.0
 * @category combinators
 */
export const transform: {
  (
    f: (call: Effect.Effect<RawResponse, PersonalizeError>, request: WireRequest) => Effect.Effect<
      RawResponse,
      PersonalizeError
    >
  ): (self: PersonalizeClient.Service) => PersonalizeClient.Service
  (
    self: PersonalizeClient.Service,
    f: (call: Effect.Effect<RawResponse, PersonalizeError>, request: WireRequest) => Effect.Effect<
      RawResponse,
      PersonalizeError
    >
  ): PersonalizeClient.Service
} = dual(2, internal.transform)

/**
 * Each call may wait this long for its response; then it is interrupted (the port aborts its request) and fails
 * with `TransportError` "Timeout". `Effect.timeoutOrElse`.
 *
 * @example
 * ```ts
 * import { PersonalizeClient } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * // an answer that never comes: after 2 seconds, TransportError "Timeout", and the request is aborted
 * const stuck = PersonalizeClient.make(() => Effect.never)
 * const impatient = PersonalizeClient.timeout(stuck, "2 seconds")
 * ```
 *
 * @since 1.0.0
 * @category combinators
 */
export const timeout: {
  (duration: Duration.Input): (self: PersonalizeClient.Service) => PersonalizeClient.Service
  (self: PersonalizeClient.Service, duration: Duration.Input): PersonalizeClient.Service
} = dual(2, internal.timeout)

/**
 * Each call counted and timed (`Metrics`: requests, `rpc.client.duration`, errors and throttles by `error.type`),
 * and logged at debug level with its page size, attempt (under `retry`), latency and request id (or error).
 *
 * @example
 * ```ts
 * import { PersonalizeClient } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const counted = PersonalizeClient.instrumented(PersonalizeClient.make(() => Effect.succeed({ body: {} })))
 * ```
 *
 * @since 1.0.0
 * @category combinators
 */
export const instrumented: (self: PersonalizeClient.Service) => PersonalizeClient.Service = internal.instrumented

/**
 * Each call first waits for the shared limiter of `RateLimit.layer`, when one is provided (else it goes at once),
 * and tells it how the call went: a `ThrottlingException` lowers an adaptive limiter's rate. The wait is outside
 * the call: it does not count against the call's timeout, nor against the retry policy's retry time.
 *
 * @example
 * ```ts
 * import { PersonalizeClient, RateLimit } from "@effect-personalize/core"
 * import { Effect, Layer } from "effect"
 *
 * const client = PersonalizeClient.rateLimited(PersonalizeClient.make(() => Effect.succeed({ body: {} })))
 * const Limited = Layer.merge(Layer.succeed(PersonalizeClient.PersonalizeClient, client), RateLimit.layer({ requestsPerSecond: 5 }))
 * ```
 *
 * @since 1.0.0
 * @category combinators
 */
export const rateLimited: (self: PersonalizeClient.Service) => PersonalizeClient.Service = internal.rateLimited

/**
 * The options of `retry`: the policy and the budget, each by default the one in force.
 *
 * @example
 * ```ts
 * import { PersonalizeClient, Retry } from "@effect-personalize/core"
 *
 * const options: PersonalizeClient.RetryOptions = { policy: Retry.makePolicy({ retries: 2 }), budget: Retry.unlimitedBudget }
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface RetryOptions {
  /** The policy of every call; by default `Retry.CurrentPolicy` at the time of the call. */
  readonly policy?: Retry.Policy | undefined
  /**
   * The budget of this client when no `Retry.layerBudget` is in force (`Retry.CurrentBudget` at the time of the call
   * wins); by default one made by `retry`, so one per client.
   */
  readonly budget?: Retry.Budget | undefined
}

/**
 * Each call retried with `Effect.retry`: the policy's delays, only while the error is retryable
 * (`PersonalizeError.isRetryable`), and only while the retry budget has tokens for the retry (a check of the
 * schedule; a refused retry fails with its error at once and is counted in `personalize.client.retries_refused`).
 * A call that succeeds gives tokens back. Each retry is counted and logged at warning level; the current span (the
 * core's `ListBatchSegmentJobs.page` or `.list`) gets `personalize.attempts`.
 *
 * @example
 * ```ts
 * import { PersonalizeClient, Retry } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const client = PersonalizeClient.make(() => Effect.succeed({ body: {} }))
 * const patient = PersonalizeClient.retry(client, { policy: Retry.makePolicy({ retries: 10 }) })
 * ```
 *
 * @since 1.0.0
 * @category combinators
 */
export const retry: {
  (options?: RetryOptions): (self: PersonalizeClient.Service) => PersonalizeClient.Service
  (self: PersonalizeClient.Service, options?: RetryOptions): PersonalizeClient.Service
} = dual(
  (args) => isService(args[0]),
  internal.retry
)

const isService = (u: unknown): u is PersonalizeClient.Service =>
  typeof u === "object" && u !== null && "listBatchSegmentJobs" in u
