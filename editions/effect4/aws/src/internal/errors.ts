/**
 * Where what the AWS SDK throws is read. Only the SDK's shapes are known here; every error the service sent is
 * classified by the core's one classifier, `PersonalizeError.fromServiceError`.
 *
 * What the SDK (v3, schema-based serde) throws, as observed on the wire:
 * - a service error: a `ServiceException` with `name` (the code, namespace and `:` suffix already stripped),
 *   `$fault`, `$metadata.httpStatusCode` and `$metadata.requestId`, `message`, and the hidden `$response`;
 * - a body it cannot parse: the parser's error (a `SyntaxError`) with `$metadata.httpStatusCode` and the hidden
 *   `$response`, no `$fault`;
 * - no response: a Node.js network error (`code` `ECONNREFUSED`, ...) or `TimeoutError`; the HTTP handler renames
 *   `ECONNRESET`, `EPIPE` and `ETIMEDOUT` errors to `TimeoutError`, so the `code` is looked at first; over an Effect
 *   `HttpClient` (`httpHandler.ts`), the same shape, with the `code` of the error under the `HttpClientError`
 *   (undici's `UND_ERR_*` among them);
 * - our abort: an `AbortError`;
 * - no credentials: a `CredentialsProviderError` (or its relatives `ProviderError`, `TokenProviderError`), thrown
 *   by the credential chain before anything is sent.
 *
 * @internal
 */
import * as PersonalizeError from "@effect-personalize/core/PersonalizeError"
import type { Redact } from "@effect-personalize/protocol/Redact"
import { redactCause } from "@effect-personalize/protocol/Redact"
import * as Duration from "effect/Duration"
import * as Predicate from "effect/Predicate"

/** @internal */
export interface Context {
  /** Where the request went, for `TransportError`. */
  readonly endpoint?: string | undefined
  readonly redact: Redact
  /**
   * The SDK began handling the call but handed no request to the transport: whatever failed, failed before
   * Amazon Personalize could answer (the credential chain, the signer).
   */
  readonly nothingSent?: boolean | undefined
}

/**
 * The errors of the SDK's credential and token providers (`@smithy/property-provider`): none of them means that a
 * request was sent.
 */
const providerErrors: ReadonlySet<string> = new Set([
  "CredentialsProviderError",
  "ProviderError",
  "TokenProviderError"
])

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

/** The SDK's `name` is the error code, unless the SDK had none to give; then the body's `__type`, if it kept it. */
const codeOf = (u: unknown): string => {
  const name = stringField(u, "name")
  if (name !== undefined && name !== "" && name !== "Unknown" && name !== "Error") return name
  const type = stringField(u, "__type")
  return type !== undefined && type !== "" ? type : PersonalizeError.unknownCode
}

const firstLine = (text: string): string => {
  const line = text.split("\n")[0]?.trim() ?? ""
  return line.length > 300 ? `${line.slice(0, 300)}…` : line
}

const messageOf = (u: unknown, redact: Redact): string | undefined => {
  const message = stringField(u, "message") ?? stringField(u, "Message")
  return message === undefined ? undefined : redact(message)
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const secondsPattern = /^\d+(\.\d+)?$/

/**
 * `Retry-After` of the response the SDK hangs on its error (`$response.headers`): delay-seconds, or an HTTP date
 * (its distance from now, never negative).
 */
const retryAfterOf = (u: unknown): Duration.Duration | undefined => {
  const response = Predicate.hasProperty(u, "$response") ? u.$response : undefined
  const headers = Predicate.hasProperty(response, "headers") ? response.headers : undefined
  if (!isRecord(headers)) return undefined
  const name = Object.keys(headers).find((key) => key.toLowerCase() === "retry-after")
  const value = name === undefined ? undefined : headers[name]
  if (typeof value !== "string") return undefined
  const text = value.trim()
  if (secondsPattern.test(text)) return Duration.seconds(Number(text))
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Duration.millis(Math.max(0, date - Date.now()))
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
    // undici (`NodeHttpClient.layerUndici`, `fetch`): the other side closed the socket
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
      return "ConnectionReset"
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "DNS"
    case "ETIMEDOUT":
    case "ESOCKETTIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
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

  // The credential chain runs before anything is sent; a provider may copy a network error's members onto its own
  // error (the instance metadata service's), so this comes before the network and the service.
  const name = stringField(error, "name")
  if (name !== undefined && providerErrors.has(name)) {
    const message = messageOf(error, redact)
    return new PersonalizeError.AccessDeniedException({
      origin: "client",
      code: name,
      detail: message === undefined || message === "" ? undefined : firstLine(message),
      cause
    })
  }

  const { requestId, status } = metadataOf(error)
  const fault = Predicate.hasProperty(error, "$fault") && (error.$fault === "client" || error.$fault === "server")
    ? error.$fault
    : undefined

  // A service's error before anything was sent to Amazon Personalize: one that the credential chain called (STS
  // refusing to assume a role, SSO refusing a token) refused to give credentials. Not Personalize's answer.
  if (fault !== undefined && context.nothingSent === true) {
    const message = messageOf(error, redact)
    return new PersonalizeError.AccessDeniedException({
      origin: "client",
      code: PersonalizeError.sanitizeCode(codeOf(error)),
      detail: message === undefined || message === "" ? undefined : firstLine(message),
      status,
      requestId,
      cause
    })
  }

  if (fault !== undefined) {
    return PersonalizeError.fromServiceError({
      code: codeOf(error),
      status,
      message: messageOf(error, redact),
      requestId,
      fault,
      retryAfter: retryAfterOf(error),
      cause
    })
  }

  // A response came back, but the SDK could not read it.
  if (status !== undefined) {
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
    return PersonalizeError.fromServiceError({
      code: PersonalizeError.unknownCode,
      status,
      message: `the HTTP ${status} response has no readable error body (${reason})`,
      requestId,
      retryAfter: retryAfterOf(error),
      cause
    })
  }

  const message = firstLine(redact(stringField(error, "message") ?? String(error)))
  const detail = message === "" ? "the request failed before a response came back" : message
  // A network failure of the credential chain (STS out of reach): nothing went to Personalize's endpoint.
  const nothingSent = context.nothingSent === true
  return new PersonalizeError.TransportError({
    reason: networkReason(error) ?? "Unknown",
    detail: nothingSent ? `${detail} (while loading credentials: nothing was sent to Amazon Personalize)` : detail,
    endpoint: nothingSent ? undefined : context.endpoint,
    cause
  })
}
