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
import type * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { PersonalizeError } from "./PersonalizeError.js"

/**
 * The request as it goes on the wire: validated, only members that are set.
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
 * @since 0.1.0
 * @category models
 */
export interface RawResponse {
  readonly body: unknown
  readonly requestId?: string | undefined
}

/**
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
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /**
     * Sends one `ListBatchSegmentJobs` request. The transport must abort the request when `signal` aborts
     * (the core aborts it when the calling fiber is interrupted) and must fail only with `PersonalizeError`.
     */
    readonly listBatchSegmentJobs: (
      request: WireRequest,
      signal: AbortSignal
    ) => Effect.Effect<RawResponse, PersonalizeError>
  }
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (service: PersonalizeClient.Service): PersonalizeClient.Service => service

/**
 * A layer from a function, for test doubles.
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
  listBatchSegmentJobs: PersonalizeClient.Service["listBatchSegmentJobs"]
): Layer.Layer<PersonalizeClient> => Layer.succeed(PersonalizeClient, make({ listBatchSegmentJobs }))
