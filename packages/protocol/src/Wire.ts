/**
 * The wire shapes of `ListBatchSegmentJobs` (awsJson1_1): the request body, the response body with its job
 * summaries, and the body of an error, as the service model describes them. Types only: decoding them is each
 * edition's `Schema`.
 *
 * @since 0.1.0
 */

/**
 * The request body: only the members that are set (validated against `ServiceModel`'s rules before it is sent).
 *
 * @example
 * ```ts
 * import type { Wire } from "@effect-personalize/protocol"
 *
 * const body = (request: Wire.Request): string => JSON.stringify(request)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Request {
  readonly solutionVersionArn?: string
  readonly nextToken?: string
  readonly maxResults?: number
}

/**
 * A job summary as the service sends it: every member optional, timestamps as epoch seconds (JSON numbers,
 * fractions allowed). Unknown members may appear and are ignored.
 *
 * @example
 * ```ts
 * import type { Wire } from "@effect-personalize/protocol"
 *
 * const summary: Wire.BatchSegmentJobSummary = { jobName: "spring-launch", status: "ACTIVE", creationDateTime: 1700000000.5 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchSegmentJobSummary {
  readonly batchSegmentJobArn?: string
  readonly jobName?: string
  readonly status?: string
  readonly creationDateTime?: number
  readonly lastUpdatedDateTime?: number
  readonly failureReason?: string
  readonly solutionVersionArn?: string
}

/**
 * The response body: at most 100 summaries and the token of the next page (absent or empty at the end).
 *
 * @example
 * ```ts
 * import type { Wire } from "@effect-personalize/protocol"
 *
 * const last: Wire.Response = { batchSegmentJobs: [] }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Response {
  readonly batchSegmentJobs?: ReadonlyArray<BatchSegmentJobSummary>
  readonly nextToken?: string
}

/**
 * The body of an error (HTTP 4xx/5xx): `__type` names the error, possibly with a namespace prefix
 * (`com.amazonaws.personalize#`) or a `:` suffix (see `ErrorCode.sanitize`).
 *
 * @example
 * ```ts
 * import type { Wire } from "@effect-personalize/protocol"
 *
 * const body: Wire.ErrorBody = { __type: "InvalidNextTokenException", message: "Invalid token" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface ErrorBody {
  readonly __type: string
  readonly message?: string
}

/**
 * A timestamp on the wire (epoch seconds, fractions allowed) as a `Date`, rounded to the millisecond; an
 * invalid `Date` when the number is not finite.
 *
 * @example
 * ```ts
 * import { Wire } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Wire.dateOfEpochSeconds(1700000000.5).toISOString(), "2023-11-14T22:13:20.500Z")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const dateOfEpochSeconds = (seconds: number): Date => new Date(Math.round(seconds * 1000))

/**
 * A `Date` as the wire writes it: epoch seconds, with the milliseconds as a fraction.
 *
 * @example
 * ```ts
 * import { Wire } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Wire.epochSecondsOfDate(new Date("2023-11-14T22:13:20.500Z")), 1700000000.5)
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const epochSecondsOfDate = (date: Date): number => date.getTime() / 1000
