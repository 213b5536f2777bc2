/**
 * The one place where what the AWS SDK throws becomes a `PersonalizeError`.
 *
 * What the SDK (v3, schema-based serde) throws, as observed on the wire:
 * - a service error: a `ServiceException` with `name` (the code, namespace and `:` suffix already stripped),
 *   `$fault`, `$metadata.httpStatusCode` and `$metadata.requestId`, and `message`;
 * - a body it cannot parse: the parser's error (a `SyntaxError`) with `$metadata.httpStatusCode`, no `$fault`;
 * - no response: a Node.js network error (`code` `ECONNREFUSED`, ...) or `TimeoutError`; the HTTP handler renames
 *   `ECONNRESET`, `EPIPE` and `ETIMEDOUT` errors to `TimeoutError`, so the `code` is looked at first;
 * - our abort: an `AbortError`;
 * - no credentials: a `CredentialsProviderError`.
 *
 * @internal
 */
import * as PersonalizeError from "@effect-personalize/core/PersonalizeError"
import * as Predicate from "effect/Predicate"
import type { Redact } from "./redact.js"
import { redactCause } from "./redact.js"

/** @internal */
export interface Context {
  /** Where the request went, for `TransportError`. */
  readonly endpoint?: string | undefined
  readonly redact: Redact
}

const throttlingCodes: ReadonlySet<string> = new Set([
  "ThrottlingException",
  "TooManyRequestsException",
  "LimitExceededException"
])

const accessDeniedCodes: ReadonlySet<string> = new Set([
  "AccessDeniedException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
  "IncompleteSignature",
  "IncompleteSignatureException",
  "MissingAuthenticationToken",
  "MissingAuthenticationTokenException",
  "InvalidClientTokenId",
  "InvalidClientTokenIdException",
  "SignatureDoesNotMatch",
  "CredentialsProviderError"
])

/** The code the SDK uses when the response named no error. */
const unknownCode = "UnknownError"

/**
 * An error code as it may appear in `__type` or `x-amzn-ErrorType`: without the namespace prefix and without the
 * `:` suffix. The SDK already does this for `name`; done again for other sources.
 *
 * @internal
 */
export const sanitizeCode = (raw: string): string => {
  let code = raw.trim()
  const colon = code.indexOf(":")
  if (colon >= 0) code = code.slice(0, colon)
  const hash = code.lastIndexOf("#")
  if (hash >= 0) code = code.slice(hash + 1)
  return code
}

const stringField = (u: unknown, key: string): string | undefined =>
  Predicate.hasProperty(u, key) && typeof u[key] === "string" ? u[key] : undefined

interface Metadata {
  readonly status: number | undefined
  readonly requestId: string | undefined
}

const metadataOf = (u: unknown): Metadata => {
  const metadata = Predicate.hasProperty(u, "$metadata") ? u.$metadata : undefined
  const status = Predicate.hasProperty(metadata, "httpStatusCode") && typeof metadata.httpStatusCode === "number"
    ? metadata.httpStatusCode
    : undefined
  const requestId = stringField(metadata, "requestId")
  return { status, requestId: requestId === "" ? undefined : requestId }
}

const codeOf = (u: unknown): string => {
  const name = stringField(u, "name")
  const type = stringField(u, "__type")
  const raw = name !== undefined && name !== "" && name !== "Unknown" && name !== "Error"
    ? name
    : type !== undefined && type !== ""
    ? type
    : unknownCode
  const code = sanitizeCode(raw)
  return code === "" ? unknownCode : code
}

const firstLine = (text: string): string => {
  const line = text.split("\n")[0]?.trim() ?? ""
  return line.length > 300 ? `${line.slice(0, 300)}…` : line
}

/**
 * The message the service sent, when it is more than the SDK's placeholder.
 */
const detailOf = (u: unknown, redact: Redact): string | undefined => {
  const message = stringField(u, "message") ?? stringField(u, "Message")
  if (message === undefined || message === "" || message === "UnknownError") return undefined
  return redact(message)
}

const networkReason = (u: unknown): PersonalizeError.TransportReason | undefined => {
  const code = stringField(u, "code")
  switch (code) {
    case "ECONNREFUSED":
      return "ConnectionRefused"
    case "ECONNRESET":
    case "EPIPE":
    case "ECONNABORTED":
    case "ERR_STREAM_PREMATURE_CLOSE":
      return "ConnectionReset"
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "DNS"
    case "ETIMEDOUT":
    case "ESOCKETTIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return "Timeout"
  }
  const message = stringField(u, "message") ?? ""
  if (/socket hang up/i.test(message)) return "ConnectionReset"
  const name = stringField(u, "name")
  if (name === "TimeoutError") return "Timeout"
  return undefined
}

const isAbort = (u: unknown): boolean => {
  const name = stringField(u, "name")
  return name === "AbortError" || stringField(u, "code") === "ABORT_ERR"
}

/**
 * Maps anything the SDK may throw to exactly one `PersonalizeError`. Never throws.
 *
 * @internal
 */
export const fromSdkError = (error: unknown, context: Context): PersonalizeError.PersonalizeError => {
  try {
    return classify(error, context)
  } catch {
    // Only a hostile object (a throwing getter, a Proxy) gets here; its text is not trusted.
    return new PersonalizeError.TransportError({
      reason: "Unknown",
      detail: "the AWS SDK failed with an error that could not be read",
      endpoint: context.endpoint
    })
  }
}

const classify = (error: unknown, context: Context): PersonalizeError.PersonalizeError => {
  if (PersonalizeError.isPersonalizeError(error)) return error
  const { redact } = context
  const cause = redactCause(error, redact)

  if (isAbort(error)) {
    return new PersonalizeError.TransportError({
      reason: "Aborted",
      detail: "the request was aborted before a response came back",
      endpoint: context.endpoint,
      cause
    })
  }

  const { requestId, status } = metadataOf(error)
  const hasFault = Predicate.hasProperty(error, "$fault") &&
    (error.$fault === "client" || error.$fault === "server")

  // A response came back, but the SDK could not read it.
  if (!hasFault && status !== undefined) {
    // Redact before cutting, so that no part of a secret survives the cut.
    const reason = firstLine(redact(stringField(error, "message") ?? String(error)))
    if (status >= 200 && status < 300) {
      return new PersonalizeError.ResponseDecodeError({
        path: [],
        detail: `the HTTP ${status} response body is not a valid awsJson1_1 document (${reason})`,
        requestId,
        cause
      })
    }
    const detail = `the HTTP ${status} response has no readable error body (${reason})`
    if (status === 429) {
      return new PersonalizeError.ThrottlingException({ code: unknownCode, status, detail, requestId, cause })
    }
    return new PersonalizeError.PersonalizeServiceException({
      code: unknownCode,
      status,
      fault: status >= 500 ? "server" : "client",
      detail,
      requestId,
      cause
    })
  }

  if (hasFault) {
    const code = codeOf(error)
    const detail = detailOf(error, redact)
    if (code === "InvalidInputException") {
      return new PersonalizeError.InvalidInputException({
        origin: "service",
        field: undefined,
        detail: detail ?? "the input is not valid",
        requestId,
        cause
      })
    }
    if (code === "InvalidNextTokenException") {
      return new PersonalizeError.InvalidNextTokenException({
        origin: "service",
        detail: detail ?? "the token is not valid",
        requestId,
        cause
      })
    }
    if (throttlingCodes.has(code) || status === 429) {
      return new PersonalizeError.ThrottlingException({ code, status, detail, requestId, cause })
    }
    // Any 403 is an authorization failure, whatever name the service gave it.
    if (accessDeniedCodes.has(code) || status === 403) {
      return new PersonalizeError.AccessDeniedException({ code, status, detail, requestId, cause })
    }
    const fault = error.$fault === "server" || (status !== undefined && status >= 500) ? "server" : "client"
    return new PersonalizeError.PersonalizeServiceException({ code, status, fault, detail, requestId, cause })
  }

  // No response. Credentials first: the SDK looks for them before it connects.
  if (stringField(error, "name") === "CredentialsProviderError") {
    return new PersonalizeError.AccessDeniedException({
      code: "CredentialsProviderError",
      detail: detailOf(error, redact) ?? "no credentials were found",
      cause
    })
  }

  const message = firstLine(redact(stringField(error, "message") ?? String(error)))
  const reason = networkReason(error) ?? "Unknown"
  return new PersonalizeError.TransportError({
    reason,
    detail: message === "" ? "the request failed before a response came back" : message,
    endpoint: context.endpoint,
    cause
  })
}
