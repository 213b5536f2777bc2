/**
 * An emulator's answer as the wire carries it (awsJson1_1): the HTTP status, the headers and the body of a page, of
 * a body that is not JSON, or of an error. Both editions' HTTP faces write these, so their bytes are the same.
 *
 * @since 0.1.0
 */
import type { ServiceFailure } from "./ServiceFailure.js"
import * as ServiceModel from "./ServiceModel.js"

/**
 * One answer on the wire. Headers are named as they are sent.
 *
 * @example
 * ```ts
 * import { HttpAnswer } from "@effect-personalize/protocol"
 *
 * const answer: HttpAnswer.HttpAnswer = HttpAnswer.success("c0ffee00", { batchSegmentJobs: [] })
 * assert.strictEqual(answer.headers["x-amzn-RequestId"], "c0ffee00")
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface HttpAnswer {
  readonly status: number
  readonly contentType: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/**
 * The largest request body the emulators accept unless told otherwise (64 KiB); larger ones are answered 413.
 *
 * @example
 * ```ts
 * import { HttpAnswer } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(HttpAnswer.defaultMaxBodySize, 65536)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultMaxBodySize = 64 * 1024

const reply = (requestId: string, status: number, body: string, headers: Record<string, string> = {}): HttpAnswer => ({
  status,
  contentType: ServiceModel.protocol.contentType,
  headers: { "x-amzn-RequestId": requestId, ...headers },
  body
})

/**
 * HTTP 200 with this body as JSON.
 *
 * @example
 * ```ts
 * import { HttpAnswer } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(HttpAnswer.success("id", { batchSegmentJobs: [] }).body, "{\"batchSegmentJobs\":[]}")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const success = (requestId: string, body: unknown): HttpAnswer => reply(requestId, 200, JSON.stringify(body))

/**
 * HTTP 200 with this text as the body, as it is (a body that is not JSON).
 *
 * @example
 * ```ts
 * import { HttpAnswer } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(HttpAnswer.malformed("id", "{\"batch").body, "{\"batch")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const malformed = (requestId: string, text: string): HttpAnswer => reply(requestId, 200, text)

/**
 * An error: its status, `x-amzn-ErrorType`, a `Retry-After` header when `retryAfterMillis` is given (in whole
 * seconds, rounded up), and the body `{"__type": ..., "message": ...}`.
 *
 * @example
 * ```ts
 * import { HttpAnswer, ServiceFailure } from "@effect-personalize/protocol"
 *
 * const answer = HttpAnswer.failure("id", ServiceFailure.throttling(), 2500)
 * assert.strictEqual(answer.headers["Retry-After"], "3")
 * assert.strictEqual(answer.body, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const failure = (
  requestId: string,
  failure: ServiceFailure,
  retryAfterMillis?: number | undefined
): HttpAnswer => {
  const headers: Record<string, string> = { "x-amzn-ErrorType": failure.code }
  if (retryAfterMillis !== undefined) headers["Retry-After"] = String(Math.ceil(retryAfterMillis / 1000))
  return reply(
    requestId,
    failure.status,
    JSON.stringify({ __type: failure.type ?? failure.code, message: failure.message }),
    headers
  )
}

/**
 * Whether a `Content-Type` is the protocol's (`application/x-amz-json-1.1`, parameters and case aside).
 *
 * @example
 * ```ts
 * import { HttpAnswer } from "@effect-personalize/protocol"
 *
 * assert.ok(HttpAnswer.isJsonContentType("application/x-amz-json-1.1; charset=utf-8"))
 * assert.ok(!HttpAnswer.isJsonContentType("application/json"))
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const isJsonContentType = (value: string | undefined): boolean =>
  value !== undefined && value.split(";")[0].trim().toLowerCase() === ServiceModel.protocol.contentType
