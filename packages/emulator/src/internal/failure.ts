import { protocol } from "@effect-personalize/core/ServiceModel"
import type * as Duration from "effect/Duration"
import type * as Api from "../PersonalizeEmulator.js"

// The errors the emulator answers with, worded as the service words them. The HTTP face writes them on the wire;
// the in-memory face hands them to the core's classifier, as a transport that received them would.

const failure = (status: number, code: string, message: string, type?: string): Api.ServiceFailure =>
  type === undefined ? { status, code, message } : { status, code, message, type }

/** @internal */
export const invalidInput = (message: string): Api.ServiceFailure => failure(400, "InvalidInputException", message)

/** @internal */
export const invalidNextToken = (message: string): Api.ServiceFailure =>
  failure(400, "InvalidNextTokenException", message)

/** @internal */
export const serialization = (message: string): Api.ServiceFailure =>
  failure(400, "SerializationException", message, "com.amazon.coral.service#SerializationException")

/** @internal */
export const unknownOperation = (target: string | undefined): Api.ServiceFailure =>
  failure(
    400,
    "UnknownOperationException",
    `Unknown operation ${
      target === undefined ? "(no X-Amz-Target header)" : JSON.stringify(target)
    }: this endpoint answers POST / with X-Amz-Target ${protocol.target}`,
    "com.amazon.coral.service#UnknownOperationException"
  )

/** @internal */
export const throttling = (retryAfter?: Duration.Duration): Api.ServiceFailure =>
  retryAfter === undefined
    ? failure(400, "ThrottlingException", "Rate exceeded")
    : { ...failure(400, "ThrottlingException", "Rate exceeded"), retryAfter }

/** @internal */
export const tooManyRequests = (): Api.ServiceFailure => failure(429, "TooManyRequestsException", "Too Many Requests")

/** @internal */
export const internalError = (): Api.ServiceFailure =>
  failure(500, "InternalServerError", "We encountered an internal error. Please try again.")

/** @internal */
export const serviceUnavailable = (): Api.ServiceFailure =>
  failure(503, "ServiceUnavailable", "Service is unavailable. Please try again later.")

/** @internal */
export const missingAuthenticationToken = (): Api.ServiceFailure =>
  failure(403, "MissingAuthenticationTokenException", "Missing Authentication Token")

/** @internal */
export const unrecognizedClient = (): Api.ServiceFailure =>
  failure(400, "UnrecognizedClientException", "The security token included in the request is invalid.")

/** @internal */
export const invalidSignature = (message?: string): Api.ServiceFailure =>
  failure(
    400,
    "InvalidSignatureException",
    message ??
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
  )

/** @internal */
export const incompleteSignature = (message: string): Api.ServiceFailure =>
  failure(400, "IncompleteSignatureException", message)

/** @internal */
export const requestTooLarge = (limit: number): Api.ServiceFailure =>
  failure(413, "RequestEntityTooLargeException", `Request body must be at most ${limit} bytes`)
