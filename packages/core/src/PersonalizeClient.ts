/**
 * The port a transport implements: one raw `ListBatchSegmentJobs` call.
 *
 * The core validates the request before calling the port and decodes what the port returns, so a transport
 * only moves bytes and maps its failures to the typed errors of `PersonalizeError`. Three transports exist:
 * the AWS SDK (`@effect-personalize/aws`), the same SDK pointed at the emulator's HTTP endpoint, and the
 * emulator in memory (`PersonalizeEmulator.layerClient`).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { PersonalizeError } from "./PersonalizeError.js"
import * as Retry from "./Retry.js"

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
 * @since 0.1.0
 * @category models
 */
export interface WireRequest {
  readonly solutionVersionArn?: string
  readonly nextToken?: string
  readonly maxResults?: number
}

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
 * @since 0.1.0
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
 * const raw = Effect.flatMap(
 *   PersonalizeClient.PersonalizeClient,
 *   (client) => client.listBatchSegmentJobs({ maxResults: 1 })
 * )
 *
 * const Empty = PersonalizeClient.layerTest(() => Effect.succeed({ body: { batchSegmentJobs: [] } }))
 * Effect.runPromise(Effect.provide(raw, Empty)).then((response) =>
 *   assert.deepStrictEqual(response.body, { batchSegmentJobs: [] })
 * )
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class PersonalizeClient extends Context.Tag("@effect-personalize/core/PersonalizeClient")<
  PersonalizeClient,
  PersonalizeClient.Service
>() {}

/**
 * @since 0.1.0
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
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /**
     * Sends one `ListBatchSegmentJobs` request and fails only with `PersonalizeError`. Interrupting the calling
     * fiber aborts the request (see `make`).
     */
    readonly listBatchSegmentJobs: (request: WireRequest) => Effect.Effect<RawResponse, PersonalizeError>
    /**
     * The retry budget of this client, as the AWS SDK keeps its retry quota per client: shared by every call
     * through it, unless a `Retry.layerBudget` is provided (which then serves every client under it).
     */
    readonly retryBudget: Retry.Budget
  }
}

/**
 * Builds the port from a function that sends one request, as `HttpClient.make` does in `@effect/platform`:
 * the port owns cancellation. For each call it creates an `AbortController`, hands its `signal` to `send`, and
 * aborts it when the calling fiber is interrupted (by the caller, or by the core's per-attempt timeout).
 * A transport only passes the signal on to its I/O. Each port gets a retry budget of its own, with
 * `Retry.budgetDefaults`, unless `options.retryBudget` gives one (a port that wraps another passes that one's).
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
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  send: (request: WireRequest, signal: AbortSignal) => Effect.Effect<RawResponse, PersonalizeError>,
  options?: { readonly retryBudget?: Retry.Budget | undefined }
): PersonalizeClient.Service => ({
  listBatchSegmentJobs: (request) =>
    Effect.suspend(() => {
      const controller = new AbortController()
      return Effect.onInterrupt(send(request, controller.signal), () => Effect.sync(() => controller.abort()))
    }),
  retryBudget: options?.retryBudget ?? Retry.makeBudget()
})

/**
 * A layer from a function, for test doubles. The function gets the same signal as a transport built with `make`, and
 * each build of the layer is a new client, with a retry budget of its own.
 *
 * @example
 * ```ts
 * import { PersonalizeClient } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const Empty = PersonalizeClient.layerTest(() => Effect.succeed({ body: { batchSegmentJobs: [] } }))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerTest = (
  send: (request: WireRequest, signal: AbortSignal) => Effect.Effect<RawResponse, PersonalizeError>
): Layer.Layer<PersonalizeClient> => Layer.sync(PersonalizeClient, () => make(send))
