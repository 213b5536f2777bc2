import * as PersonalizeError from "@effect-personalize/core/PersonalizeError"

/** @internal */
export const serviceName = "AmazonPersonalize"

/** @internal */
export const operationName = "ListBatchSegmentJobs"

/** @internal */
export const target = `${serviceName}.${operationName}`

/** @internal */
export const contentType = "application/x-amz-json-1.1"

/**
 * An error as the service sends it: the HTTP status, the `__type`, the message. Both faces of the emulator
 * produce these; the HTTP face writes them on the wire, the in-memory face maps them to `PersonalizeError`.
 *
 * @internal
 */
export interface ServiceFailure {
  readonly _tag: "ServiceFailure"
  /** The error's short name, as in `x-amzn-ErrorType`. */
  readonly type: string
  /** The `__type` written in the body when it differs from `type` (a namespaced name). */
  readonly wireType?: string | undefined
  readonly status: number
  readonly message: string
  /** The request member at fault, for validation errors. */
  readonly field?: string | undefined
}

/** @internal */
export const failure = (
  type: string,
  status: number,
  message: string,
  extra?: { readonly wireType?: string | undefined; readonly field?: string | undefined }
): ServiceFailure => ({ _tag: "ServiceFailure", type, status, message, ...extra })

/** @internal */
export const invalidInput = (message: string, field?: string): ServiceFailure =>
  failure("InvalidInputException", 400, message, { field })

/** @internal */
export const invalidNextToken = (message: string): ServiceFailure => failure("InvalidNextTokenException", 400, message)

/** @internal */
export const serialization = (message: string): ServiceFailure =>
  failure("SerializationException", 400, message, { wireType: "com.amazon.coral.service#SerializationException" })

/** @internal */
export const unknownOperation = (target: string | undefined): ServiceFailure =>
  failure(
    "UnknownOperationException",
    400,
    `Unknown operation ${
      target === undefined ? "(no X-Amz-Target header)" : JSON.stringify(target)
    }: this endpoint answers POST / with X-Amz-Target ${serviceName}.${operationName}`,
    { wireType: "com.amazon.coral.service#UnknownOperationException" }
  )

/** @internal */
export const throttling = (): ServiceFailure => failure("ThrottlingException", 400, "Rate exceeded")

/** @internal */
export const tooManyRequests = (): ServiceFailure => failure("TooManyRequestsException", 429, "Too Many Requests")

/** @internal */
export const internalError = (): ServiceFailure =>
  failure("InternalServerError", 500, "We encountered an internal error. Please try again.")

/** @internal */
export const serviceUnavailable = (): ServiceFailure =>
  failure("ServiceUnavailable", 503, "Service is unavailable. Please try again later.")

/** @internal */
export const missingAuthenticationToken = (): ServiceFailure =>
  failure("MissingAuthenticationTokenException", 403, "Missing Authentication Token")

/** @internal */
export const unrecognizedClient = (): ServiceFailure =>
  failure("UnrecognizedClientException", 400, "The security token included in the request is invalid.")

/** @internal */
export const invalidSignature = (message?: string): ServiceFailure =>
  failure(
    "InvalidSignatureException",
    400,
    message ??
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
  )

/** @internal */
export const incompleteSignature = (message: string): ServiceFailure =>
  failure("IncompleteSignatureException", 400, message)

/** @internal */
export const requestTooLarge = (limit: number): ServiceFailure =>
  failure("RequestEntityTooLargeException", 413, `Request body must be at most ${limit} bytes`)

const throttlingCodes = new Set(["ThrottlingException", "TooManyRequestsException", "LimitExceededException"])
const accessCodes = new Set([
  "AccessDeniedException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
  "ExpiredTokenException"
])

/**
 * Maps a service error to the core's typed error, as a transport that received it over the wire would.
 *
 * @internal
 */
export const toPersonalizeError = (failure: ServiceFailure, requestId: string): PersonalizeError.PersonalizeError => {
  switch (failure.type) {
    case "InvalidInputException":
      return new PersonalizeError.InvalidInputException({
        origin: "service",
        field: failure.field,
        detail: failure.message,
        requestId
      })
    case "InvalidNextTokenException":
      return new PersonalizeError.InvalidNextTokenException({ origin: "service", detail: failure.message, requestId })
  }
  if (throttlingCodes.has(failure.type) || failure.status === 429) {
    return new PersonalizeError.ThrottlingException({
      code: failure.type,
      status: failure.status,
      detail: failure.message,
      requestId
    })
  }
  if (accessCodes.has(failure.type)) {
    return new PersonalizeError.AccessDeniedException({
      code: failure.type,
      status: failure.status,
      detail: failure.message,
      requestId
    })
  }
  return new PersonalizeError.PersonalizeServiceException({
    code: failure.type,
    status: failure.status,
    fault: failure.status >= 500 ? "server" : "client",
    detail: failure.message,
    requestId
  })
}
