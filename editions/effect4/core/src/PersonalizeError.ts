/**
 * The typed errors of every Personalize call.
 *
 * An error that AWS sent keeps AWS's name (`InvalidInputException`, `ThrottlingException`, ...);
 * an error that happened on our side ends in `Error` (`TransportError`, `ResponseDecodeError`, ...).
 * No SDK exception object, `unknown`, or defect leaks out of the error channel: each transport maps
 * what it sees to exactly one of these classes.
 *
 * @since 1.0.0
 */
import * as ErrorCode from "@effect-personalize/protocol/ErrorCode"
import * as Data from "effect/Data"
import type * as Duration from "effect/Duration"
import * as Predicate from "effect/Predicate"

/**
 * The mark that every error of this module carries, which `isPersonalizeError` looks for.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * assert.ok(PersonalizeError.TypeId in new PersonalizeError.TransportError({ reason: "DNS", detail: "ENOTFOUND" }))
 * ```
 *
 * @since 1.0.0
 * @category type ids
 */
export const TypeId = "~@effect-personalize/core/PersonalizeError" as const

/**
 * @since 1.0.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * The one base of every error of this module: the `TypeId` mark that `isPersonalizeError` looks for, the tag, and
 * the error's `name` (its tag). Each error adds its fields and its `message`.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * const error = new PersonalizeError.TransportError({ reason: "DNS", detail: "ENOTFOUND" })
 * assert.ok(error instanceof PersonalizeError.PersonalizeErrorBase)
 * assert.strictEqual(error.name, "TransportError")
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export abstract class PersonalizeErrorBase<Tag extends string> extends Data.Error<{ readonly cause?: unknown }> {
  /** @since 1.0.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 1.0.0 */
  declare readonly _tag: Tag
  constructor(tag: Tag, fields: object) {
    super(fields)
    Object.defineProperty(this, "_tag", { value: tag, enumerable: true })
    Object.defineProperty(this, "name", { value: tag, enumerable: false, configurable: true, writable: true })
  }
}

/**
 * Who rejected the input: our own validation before any I/O, or the service.
 *
 * @example
 * ```ts
 * import type { PersonalizeError } from "@effect-personalize/core"
 *
 * const advice = (error: PersonalizeError.InvalidInputException): string =>
 *   error.origin === "client" ? "nothing was sent: fix the request" : "the service refused the request"
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type Origin = "client" | "service"

const suffix = (requestId: string | undefined): string => requestId === undefined ? "" : ` (request id ${requestId})`

/**
 * The request was rejected as invalid: by the service, or by client-side validation before anything was sent.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const program = ListBatchSegmentJobs.list({ maxResults: 0 }).pipe(
 *   Effect.catchTag("InvalidInputException", (e) => Effect.logError(e.field, e.message))
 * )
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class InvalidInputException extends PersonalizeErrorBase<"InvalidInputException"> {
  /** @since 1.0.0 */
  declare readonly origin: Origin
  /**
   * The request member at fault, when known (`"maxResults"`, `"solutionVersionArn"`, `"nextToken"`).
   *
   * @since 1.0.0
   */
  declare readonly field?: string | undefined
  /**
   * What the service or the validation said.
   *
   * @since 1.0.0
   */
  declare readonly detail: string
  /** @since 1.0.0 */
  declare readonly requestId?: string | undefined
  /** @since 1.0.0 */
  declare readonly cause?: unknown
  constructor(fields: {
    readonly origin: Origin
    readonly field?: string | undefined
    readonly detail: string
    readonly requestId?: string | undefined
    readonly cause?: unknown
  }) {
    super("InvalidInputException", fields)
  }
  /** @since 1.0.0 */
  override get message(): string {
    return this.origin === "client"
      ? `Invalid request${this.field === undefined ? "" : ` at ${this.field}`}: ${this.detail}`
      : `Amazon Personalize rejected the request as invalid: ${this.detail}${suffix(this.requestId)}`
  }
}

/**
 * The pagination token is not valid: the service rejected it, or a resume token could not be read.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * const error = PersonalizeError.fromServiceError({ code: "InvalidNextTokenException", status: 400 })
 * assert.strictEqual(error._tag === "InvalidNextTokenException" && error.origin, "service")
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class InvalidNextTokenException extends PersonalizeErrorBase<"InvalidNextTokenException"> {
  /** @since 1.0.0 */
  declare readonly origin: Origin
  /** @since 1.0.0 */
  declare readonly detail: string
  /**
   * What to do, when it is not to start again or to pass the token exactly as it was printed.
   *
   * @since 1.0.0
   */
  declare readonly action?: string | undefined
  /** @since 1.0.0 */
  declare readonly requestId?: string | undefined
  /** @since 1.0.0 */
  declare readonly cause?: unknown
  constructor(fields: {
    readonly origin: Origin
    readonly detail: string
    readonly action?: string | undefined
    readonly requestId?: string | undefined
    readonly cause?: unknown
  }) {
    super("InvalidNextTokenException", fields)
  }
  /** @since 1.0.0 */
  override get message(): string {
    return this.origin === "client"
      ? `The resume token cannot be read: ${this.detail}. ${
        this.action ?? "Start again without a token, or pass the token exactly as it was printed."
      }`
      : `Amazon Personalize rejected the nextToken: ${this.detail}. Tokens are tied to the request that produced them; start the listing again.${
        suffix(this.requestId)
      }`
  }
}

/**
 * The service throttled the call (`ThrottlingException`, `TooManyRequestsException`,
 * `LimitExceededException`, or HTTP 429). `code` keeps the original name.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 * import { Duration } from "effect"
 *
 * const error = new PersonalizeError.ThrottlingException({
 *   code: "TooManyRequestsException",
 *   status: 429,
 *   retryAfter: Duration.seconds(2)
 * })
 * assert.ok(PersonalizeError.isRetryable(error))
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class ThrottlingException extends PersonalizeErrorBase<"ThrottlingException"> {
  /** @since 1.0.0 */
  declare readonly code: string
  /** @since 1.0.0 */
  declare readonly status?: number | undefined
  /** @since 1.0.0 */
  declare readonly detail?: string | undefined
  /** @since 1.0.0 */
  declare readonly requestId?: string | undefined
  /**
   * How long the service asked the client to wait (`Retry-After`), when it said so.
   *
   * @since 1.0.0
   */
  declare readonly retryAfter?: Duration.Duration | undefined
  /** @since 1.0.0 */
  declare readonly cause?: unknown
  constructor(fields: {
    readonly code: string
    readonly status?: number | undefined
    readonly detail?: string | undefined
    readonly requestId?: string | undefined
    readonly retryAfter?: Duration.Duration | undefined
    readonly cause?: unknown
  }) {
    super("ThrottlingException", fields)
  }
  /** @since 1.0.0 */
  override get message(): string {
    return `Amazon Personalize throttled the request (${this.code}${
      this.status === undefined ? "" : `, HTTP ${this.status}`
    })${this.detail ? `: ${this.detail}` : ""}. Slow down and try again later.${suffix(this.requestId)}`
  }
}

/**
 * The caller is not allowed. With `origin: "service"`, Amazon Personalize refused the request: access denied,
 * unknown or expired credentials, a bad signature. With `origin: "client"`, no credentials could be loaded and
 * nothing was sent: the credential chain found none, or a service it called refused them (STS refusing to assume a
 * role: then `status` and `requestId` are that service's). `code` keeps the original name.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * const error = PersonalizeError.fromServiceError({
 *   code: "ExpiredTokenException",
 *   status: 400,
 *   message: "The security token included in the request is expired"
 * })
 * assert.strictEqual(error._tag, "AccessDeniedException")
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class AccessDeniedException extends PersonalizeErrorBase<"AccessDeniedException"> {
  /** @since 1.0.0 */
  declare readonly origin: Origin
  /** @since 1.0.0 */
  declare readonly code: string
  /** @since 1.0.0 */
  declare readonly status?: number | undefined
  /** @since 1.0.0 */
  declare readonly detail?: string | undefined
  /** @since 1.0.0 */
  declare readonly requestId?: string | undefined
  /** @since 1.0.0 */
  declare readonly cause?: unknown
  constructor(fields: {
    readonly origin: Origin
    readonly code: string
    readonly status?: number | undefined
    readonly detail?: string | undefined
    readonly requestId?: string | undefined
    readonly cause?: unknown
  }) {
    super("AccessDeniedException", fields)
  }
  /** @since 1.0.0 */
  override get message(): string {
    return this.origin === "client"
      ? `No AWS credentials could be loaded (${this.code})${
        this.detail ? `: ${this.detail}` : ""
      }. Nothing was sent to Amazon Personalize. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile (AWS_PROFILE), or pass credentials to the client layer.${
        suffix(this.requestId)
      }`
      : `Access denied by Amazon Personalize (${this.code})${
        this.detail ? `: ${this.detail}` : ""
      }. Check the credentials, their expiry, the region, and the IAM permission personalize:ListBatchSegmentJobs.${
        suffix(this.requestId)
      }`
  }
}

/**
 * Any other error that the service sent.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * const error = PersonalizeError.fromServiceError({ code: "InternalFailure", status: 500 })
 * assert.strictEqual(error._tag === "PersonalizeServiceException" && error.fault, "server")
 * assert.ok(PersonalizeError.isRetryable(error))
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class PersonalizeServiceException extends PersonalizeErrorBase<"PersonalizeServiceException"> {
  /** @since 1.0.0 */
  declare readonly code: string
  /** @since 1.0.0 */
  declare readonly status?: number | undefined
  /** @since 1.0.0 */
  declare readonly fault: "client" | "server"
  /** @since 1.0.0 */
  declare readonly detail?: string | undefined
  /** @since 1.0.0 */
  declare readonly requestId?: string | undefined
  /**
   * How long the service asked the client to wait (`Retry-After`), when it said so.
   *
   * @since 1.0.0
   */
  declare readonly retryAfter?: Duration.Duration | undefined
  /** @since 1.0.0 */
  declare readonly cause?: unknown
  constructor(fields: {
    readonly code: string
    readonly status?: number | undefined
    readonly fault: "client" | "server"
    readonly detail?: string | undefined
    readonly requestId?: string | undefined
    readonly retryAfter?: Duration.Duration | undefined
    readonly cause?: unknown
  }) {
    super("PersonalizeServiceException", fields)
  }
  /** @since 1.0.0 */
  override get message(): string {
    return `Amazon Personalize answered with ${this.code}${this.status === undefined ? "" : ` (HTTP ${this.status})`}${
      this.detail ? `: ${this.detail}` : ""
    }${this.fault === "server" ? ". This is a fault on the service's side; try again later." : ""}${
      suffix(this.requestId)
    }`
  }
}

/**
 * What went wrong on the way when no response came back.
 *
 * @example
 * ```ts
 * import type { PersonalizeError } from "@effect-personalize/core"
 *
 * const hint = (reason: PersonalizeError.TransportReason): string =>
 *   reason === "DNS"
 *     ? "check the endpoint's host name"
 *     : reason === "Timeout"
 *     ? "try a longer timeout"
 *     : "check the network"
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type TransportReason = "ConnectionRefused" | "ConnectionReset" | "Timeout" | "DNS" | "Aborted" | "Unknown"

/**
 * No response came back: connection refused or reset, DNS failure, timeout.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * const timeout = new PersonalizeError.TransportError({ reason: "Timeout", detail: "no answer within 30 seconds" })
 * assert.ok(PersonalizeError.isRetryable(timeout))
 * // our own abort (an interruption) is not retried
 * const aborted = new PersonalizeError.TransportError({ reason: "Aborted", detail: "interrupted" })
 * assert.ok(!PersonalizeError.isRetryable(aborted))
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class TransportError extends PersonalizeErrorBase<"TransportError"> {
  /** @since 1.0.0 */
  declare readonly reason: TransportReason
  /** @since 1.0.0 */
  declare readonly detail: string
  /** @since 1.0.0 */
  declare readonly endpoint?: string | undefined
  /** @since 1.0.0 */
  declare readonly cause?: unknown
  constructor(fields: {
    readonly reason: TransportReason
    readonly detail: string
    readonly endpoint?: string | undefined
    readonly cause?: unknown
  }) {
    super("TransportError", fields)
  }
  /** @since 1.0.0 */
  override get message(): string {
    return `No response from Amazon Personalize${
      this.endpoint === undefined ? "" : ` at ${this.endpoint}`
    } (${this.reason}): ${this.detail}. Check the endpoint, the region and the network, then try again.`
  }
}

/**
 * The response does not match the service model. `path` says where.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, PersonalizeClient } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const Garbled = PersonalizeClient.layerTest(() =>
 *   Effect.succeed({ body: { batchSegmentJobs: [{ jobName: "spring-launch", creationDateTime: "yesterday" }] } })
 * )
 * Effect.runPromise(Effect.flip(ListBatchSegmentJobs.list({}).pipe(Effect.provide(Garbled)))).then((error) => {
 *   assert.strictEqual(error._tag, "ResponseDecodeError")
 *   assert.deepStrictEqual(error._tag === "ResponseDecodeError" && error.path, ["batchSegmentJobs", 0, "creationDateTime"])
 * })
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class ResponseDecodeError extends PersonalizeErrorBase<"ResponseDecodeError"> {
  /**
   * Where in the response the problem is, e.g. `["batchSegmentJobs", 3, "creationDateTime"]`.
   *
   * @since 1.0.0
   */
  declare readonly path: ReadonlyArray<PropertyKey>
  /** @since 1.0.0 */
  declare readonly detail: string
  /** @since 1.0.0 */
  declare readonly requestId?: string | undefined
  /** @since 1.0.0 */
  declare readonly cause?: unknown
  constructor(fields: {
    readonly path: ReadonlyArray<PropertyKey>
    readonly detail: string
    readonly requestId?: string | undefined
    readonly cause?: unknown
  }) {
    super("ResponseDecodeError", fields)
  }
  /** @since 1.0.0 */
  override get message(): string {
    const at = this.path.length === 0 ? "the response" : this.path.map(String).join(".")
    return `The response of Amazon Personalize does not match the service model at ${at}: ${this.detail}${
      suffix(this.requestId)
    }`
  }
}

/**
 * The service sent the same `nextToken` twice: following it would loop forever.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, PersonalizeClient } from "@effect-personalize/core"
 * import { Effect, Stream } from "effect"
 *
 * const Stuck = PersonalizeClient.layerTest(() => Effect.succeed({ body: { batchSegmentJobs: [], nextToken: "same" } }))
 * Effect.runPromise(Effect.flip(Stream.runDrain(ListBatchSegmentJobs.pages({})).pipe(Effect.provide(Stuck)))).then(
 *   (error) => assert.strictEqual(error._tag, "PaginationLoopError")
 * )
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class PaginationLoopError extends PersonalizeErrorBase<"PaginationLoopError"> {
  /** @since 1.0.0 */
  declare readonly token: string
  /**
   * How many pages had been received when the token came back.
   *
   * @since 1.0.0
   */
  declare readonly pages: number
  constructor(fields: {
    readonly token: string
    readonly pages: number
  }) {
    super("PaginationLoopError", fields)
  }
  /** @since 1.0.0 */
  override get message(): string {
    const shown = this.token.length > 40 ? `${this.token.slice(0, 40)}…` : this.token
    return `Amazon Personalize sent the same nextToken twice (${shown}) after ${this.pages} page(s); stopped instead of looping forever.`
  }
}

/**
 * The store of a shared rate limit (`RateLimit.layerStore`, e.g. Redis) did not answer in time or failed, and the
 * limit was chosen to fail then (`onStoreFailure: "fail"`): the request was not sent. Not retried: the store is
 * asked again on the next call.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * const error = new PersonalizeError.RateLimitStoreError({ key: "effect-personalize:111122223333:us-east-1:ListBatchSegmentJobs", detail: "no answer within 1s" })
 * assert.ok(!PersonalizeError.isRetryable(error))
 * assert.match(error.message, /not sent/)
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export class RateLimitStoreError extends PersonalizeErrorBase<"RateLimitStoreError"> {
  /**
   * The key of the shared limit in the store.
   *
   * @since 1.0.0
   */
  declare readonly key: string
  /** @since 1.0.0 */
  declare readonly detail: string
  /** @since 1.0.0 */
  declare readonly cause?: unknown
  constructor(fields: {
    readonly key: string
    readonly detail: string
    readonly cause?: unknown
  }) {
    super("RateLimitStoreError", fields)
  }
  /** @since 1.0.0 */
  override get message(): string {
    return `The shared rate limit's store did not answer for ${this.key} (${this.detail}), so the request was not sent. ` +
      `Check that the store (Redis) is up and reachable, or choose onStoreFailure: "local" to go on under each ` +
      `process's own limit while it is not.`
  }
}

/**
 * Every error a Personalize call can fail with.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * const exitCode = (error: PersonalizeError.PersonalizeError): number =>
 *   error._tag === "AccessDeniedException" ? 3 : PersonalizeError.isRetryable(error) ? 75 : 1
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export type PersonalizeError =
  | InvalidInputException
  | InvalidNextTokenException
  | ThrottlingException
  | AccessDeniedException
  | PersonalizeServiceException
  | TransportError
  | ResponseDecodeError
  | PaginationLoopError
  | RateLimitStoreError

/**
 * Whether a value is one of the errors of this module (in a `Cause`, or thrown by foreign code).
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * const dns = new PersonalizeError.TransportError({ reason: "DNS", detail: "ENOTFOUND" })
 * assert.ok(PersonalizeError.isPersonalizeError(dns))
 * assert.ok(!PersonalizeError.isPersonalizeError(new Error("boom")))
 * ```
 *
 * @since 1.0.0
 * @category guards
 */
export const isPersonalizeError = (u: unknown): u is PersonalizeError => Predicate.hasProperty(u, TypeId)

/**
 * Whether trying the same call again may succeed: throttling, a network fault (but not our own abort),
 * or a fault on the service's side (HTTP 5xx).
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * assert.ok(PersonalizeError.isRetryable(new PersonalizeError.ThrottlingException({ code: "ThrottlingException" })))
 * const invalid = new PersonalizeError.InvalidInputException({ origin: "service", detail: "bad ARN" })
 * assert.ok(!PersonalizeError.isRetryable(invalid))
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const isRetryable = (error: PersonalizeError): boolean => {
  switch (error._tag) {
    case "ThrottlingException":
      return true
    case "TransportError":
      return error.reason !== "Aborted"
    case "PersonalizeServiceException":
      return error.fault === "server" || (error.status !== undefined && error.status >= 500)
    default:
      return false
  }
}

/**
 * Whether the error is a throttling error: retries wait longer after one.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * const error = PersonalizeError.fromServiceError({ code: "SlowDown", status: 503 })
 * assert.ok(PersonalizeError.isThrottling(error))
 * ```
 *
 * @since 1.0.0
 * @category guards
 */
export const isThrottling = (error: PersonalizeError): error is ThrottlingException =>
  error._tag === "ThrottlingException"

/**
 * The error codes that mean "slow down", as the AWS SDKs list them, and HTTP 429.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * assert.ok(PersonalizeError.throttlingCodes.has("TooManyRequestsException"))
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const throttlingCodes: ReadonlySet<string> = ErrorCode.throttling

/**
 * The error codes that mean the caller is not allowed: refused, unknown or expired credentials, a bad or missing
 * signature. Any HTTP 401 or 403 is one too, whatever its code.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * assert.ok(PersonalizeError.accessDeniedCodes.has("ExpiredTokenException"))
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const accessDeniedCodes: ReadonlySet<string> = ErrorCode.accessDenied

/**
 * The code the AWS SDKs use when the response named no error.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * // a response that names no error
 * const error = PersonalizeError.fromServiceError({ code: "", status: 400 })
 * assert.strictEqual(error._tag === "PersonalizeServiceException" && error.code, PersonalizeError.unknownCode)
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const unknownCode: typeof ErrorCode.unknown = ErrorCode.unknown

/**
 * An error code as it may appear in `__type` or `x-amzn-ErrorType`, without its namespace prefix
 * (`com.amazonaws.personalize#`) and without its `:` suffix (`:http://internal.amazon.com/...`).
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * assert.strictEqual(PersonalizeError.sanitizeCode("com.amazonaws.personalize#InvalidInputException:http://x"), "InvalidInputException")
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const sanitizeCode: (raw: string) => string = ErrorCode.sanitize

/**
 * The request member that an AWS validation message names first (`Value '0' at 'maxResults' failed to satisfy
 * constraint: ...` names `maxResults`), if any.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * const message = "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: " +
 *   "Member must have value greater than or equal to 1"
 * assert.strictEqual(PersonalizeError.fieldOfValidationMessage(message), "maxResults")
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const fieldOfValidationMessage: (message: string) => string | undefined = ErrorCode.fieldOfValidationMessage

/**
 * An error as the service sent it, as any transport sees it: the code (`__type`, `x-amzn-ErrorType` or the SDK's
 * `name`, with or without namespace), the HTTP status, the message, the request id, the SDK's fault, and the
 * `Retry-After` the response carried.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 * import { Duration } from "effect"
 *
 * const seen: PersonalizeError.ServiceError = {
 *   code: "ThrottlingException",
 *   status: 400,
 *   message: "Rate exceeded",
 *   retryAfter: Duration.seconds(1)
 * }
 * assert.strictEqual(PersonalizeError.fromServiceError(seen)._tag, "ThrottlingException")
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface ServiceError {
  readonly code: string
  readonly status?: number | undefined
  readonly message?: string | undefined
  readonly requestId?: string | undefined
  readonly fault?: "client" | "server" | undefined
  readonly retryAfter?: Duration.Duration | undefined
  readonly cause?: unknown
}

/**
 * The one classifier of service errors, used by every transport: the code is stripped of its namespace and
 * suffix, then sorted into a class. Modelled errors keep their class (`InvalidInputException`, with the `field`
 * read from AWS's validation message; `InvalidNextTokenException`); throttling codes and HTTP 429 are
 * `ThrottlingException`; authorization codes and HTTP 401/403 are `AccessDeniedException`; everything else is a
 * `PersonalizeServiceException`, a server fault when the SDK said so or the status is 5xx.
 *
 * @example
 * ```ts
 * import { PersonalizeError } from "@effect-personalize/core"
 *
 * const error = PersonalizeError.fromServiceError({
 *   code: "com.amazonaws.personalize#InvalidInputException",
 *   status: 400,
 *   message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"
 * })
 * assert.strictEqual(error._tag, "InvalidInputException")
 * assert.strictEqual(error._tag === "InvalidInputException" && error.field, "maxResults")
 * ```
 *
 * @since 1.0.0
 * @category constructors
 */
export const fromServiceError = (
  error: ServiceError
):
  | InvalidInputException
  | InvalidNextTokenException
  | ThrottlingException
  | AccessDeniedException
  | PersonalizeServiceException =>
{
  const code = sanitizeCode(error.code) || unknownCode
  const { cause, requestId, retryAfter, status } = error
  const detail = error.message === undefined || error.message === "" || error.message === unknownCode
    ? undefined
    : error.message
  switch (code) {
    case "InvalidInputException":
      return new InvalidInputException({
        origin: "service",
        field: detail === undefined ? undefined : fieldOfValidationMessage(detail),
        detail: detail ?? "the input is not valid",
        requestId,
        cause
      })
    case "InvalidNextTokenException":
      return new InvalidNextTokenException({
        origin: "service",
        detail: detail ?? "the token is not valid",
        requestId,
        cause
      })
  }
  if (throttlingCodes.has(code) || status === 429) {
    return new ThrottlingException({ code, status, detail, requestId, retryAfter, cause })
  }
  if (accessDeniedCodes.has(code) || status === 401 || status === 403) {
    return new AccessDeniedException({ origin: "service", code, status, detail, requestId, cause })
  }
  const fault = error.fault === "server" || (status !== undefined && status >= 500) ? "server" : "client"
  return new PersonalizeServiceException({ code, status, fault, detail, requestId, retryAfter, cause })
}
