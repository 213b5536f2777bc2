/**
 * The errors the service answers with, worded as it words them: their HTTP status, their name (`x-amzn-ErrorType`),
 * their `__type` when it differs, and their message. Both editions' emulators answer with them; `HttpAnswer` puts
 * them on the wire.
 *
 * @since 0.1.0
 */
import * as ServiceModel from "./ServiceModel.js"

/**
 * An error as the service sends it.
 *
 * @example
 * ```ts
 * import type { ServiceFailure } from "@effect-personalize/protocol"
 *
 * const denied: ServiceFailure.ServiceFailure = { status: 403, code: "AccessDeniedException", message: "denied" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface ServiceFailure {
  readonly status: number
  /** The error's short name, as `x-amzn-ErrorType` carries it (`ThrottlingException`). */
  readonly code: string
  /** The `__type` of the body when it is not `code`: a namespaced name (`com.amazon.coral.service#SerializationException`). */
  readonly type?: string | undefined
  readonly message: string
}

/**
 * What a check gives: its value (`Right`), or the error the service answers with (`Left`).
 *
 * @example
 * ```ts
 * import type { ServiceFailure } from "@effect-personalize/protocol"
 *
 * const valueOf = <A>(result: ServiceFailure.Result<A>): A | undefined => result._tag === "Right" ? result.value : undefined
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Result<A> =
  | { readonly _tag: "Right"; readonly value: A }
  | { readonly _tag: "Left"; readonly failure: ServiceFailure }

/**
 * A value that passed its check.
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * assert.deepStrictEqual(ServiceFailure.right(1), { _tag: "Right", value: 1 })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const right = <A>(value: A): Result<A> => ({ _tag: "Right", value })

/**
 * A check that failed with this error.
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * const result = ServiceFailure.left(ServiceFailure.internalError())
 * assert.strictEqual(result._tag === "Left" && result.failure.status, 500)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const left = <A = never>(failure: ServiceFailure): Result<A> => ({ _tag: "Left", failure })

const failure = (status: number, code: string, message: string, type?: string): ServiceFailure =>
  type === undefined ? { status, code, message } : { status, code, message, type }

/**
 * HTTP 400 `InvalidInputException`: the request breaks a constraint of the model.
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceFailure.invalidInput("1 validation error detected").code, "InvalidInputException")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const invalidInput = (message: string): ServiceFailure => failure(400, "InvalidInputException", message)

/**
 * HTTP 400 `InvalidNextTokenException`: the token was not issued for this request, or is no longer valid.
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceFailure.invalidNextToken("expired").status, 400)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const invalidNextToken = (message: string): ServiceFailure => failure(400, "InvalidNextTokenException", message)

/**
 * HTTP 400 `SerializationException` (`__type` namespaced as the service's deserializer sends it): a member of the
 * wrong JSON type, a body that is not JSON, another content type.
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceFailure.serialization("x").type, "com.amazon.coral.service#SerializationException")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const serialization = (message: string): ServiceFailure =>
  failure(400, "SerializationException", message, "com.amazon.coral.service#SerializationException")

/**
 * HTTP 400 `UnknownOperationException`: another target, path or method than `POST /` with the operation's target.
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * assert.ok(ServiceFailure.unknownOperation(undefined).message.includes("no X-Amz-Target header"))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const unknownOperation = (target: string | undefined): ServiceFailure =>
  failure(
    400,
    "UnknownOperationException",
    `Unknown operation ${
      target === undefined ? "(no X-Amz-Target header)" : JSON.stringify(target)
    }: this endpoint answers POST / with X-Amz-Target ${ServiceModel.protocol.target}`,
    "com.amazon.coral.service#UnknownOperationException"
  )

/**
 * HTTP 400 `ThrottlingException`, "Rate exceeded".
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceFailure.throttling().message, "Rate exceeded")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const throttling = (): ServiceFailure => failure(400, "ThrottlingException", "Rate exceeded")

/**
 * HTTP 429 `TooManyRequestsException`.
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceFailure.tooManyRequests().status, 429)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const tooManyRequests = (): ServiceFailure => failure(429, "TooManyRequestsException", "Too Many Requests")

/**
 * HTTP 500 `InternalServerError`.
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceFailure.internalError().status, 500)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const internalError = (): ServiceFailure =>
  failure(500, "InternalServerError", "We encountered an internal error. Please try again.")

/**
 * HTTP 503 `ServiceUnavailable`.
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceFailure.serviceUnavailable().status, 503)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const serviceUnavailable = (): ServiceFailure =>
  failure(503, "ServiceUnavailable", "Service is unavailable. Please try again later.")

/**
 * HTTP 403 `MissingAuthenticationTokenException`: a request without `Authorization`.
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceFailure.missingAuthenticationToken().status, 403)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const missingAuthenticationToken = (): ServiceFailure =>
  failure(403, "MissingAuthenticationTokenException", "Missing Authentication Token")

/**
 * HTTP 400 `UnrecognizedClientException`: an access key the service does not know.
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceFailure.unrecognizedClient().code, "UnrecognizedClientException")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const unrecognizedClient = (): ServiceFailure =>
  failure(400, "UnrecognizedClientException", "The security token included in the request is invalid.")

/**
 * HTTP 400 `InvalidSignatureException`: the signature does not match, or its scope is wrong (then `message` says how).
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * assert.ok(ServiceFailure.invalidSignature().message.includes("does not match the signature you provided"))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const invalidSignature = (message?: string): ServiceFailure =>
  failure(
    400,
    "InvalidSignatureException",
    message ??
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
  )

/**
 * HTTP 400 `IncompleteSignatureException`: the `Authorization` header lacks a part.
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceFailure.incompleteSignature("x").code, "IncompleteSignatureException")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const incompleteSignature = (message: string): ServiceFailure =>
  failure(400, "IncompleteSignatureException", message)

/**
 * HTTP 413 `RequestEntityTooLargeException`: a body of more than `limit` bytes.
 *
 * @example
 * ```ts
 * import { ServiceFailure } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceFailure.requestTooLarge(65536).message, "Request body must be at most 65536 bytes")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const requestTooLarge = (limit: number): ServiceFailure =>
  failure(413, "RequestEntityTooLargeException", `Request body must be at most ${limit} bytes`)
