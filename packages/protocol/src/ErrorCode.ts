/**
 * The error codes of AWS's JSON protocols as both editions classify them: which codes mean "slow down", which mean
 * "not allowed", how a code reads without its namespace and suffix, and which request member a validation message
 * names. `PersonalizeError.fromServiceError` of each edition sorts errors with them.
 *
 * @since 0.1.0
 */

/**
 * The error codes that mean "slow down", as the AWS SDKs list them. HTTP 429 is one too, whatever its code.
 *
 * @example
 * ```ts
 * import { ErrorCode } from "@effect-personalize/protocol"
 *
 * assert.ok(ErrorCode.throttling.has("TooManyRequestsException"))
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const throttling: ReadonlySet<string> = new Set([
  "ThrottlingException",
  "Throttling",
  "ThrottledException",
  "TooManyRequestsException",
  "LimitExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "ProvisionedThroughputExceededException",
  "BandwidthLimitExceeded",
  "SlowDown"
])

/**
 * The error codes that mean the caller is not allowed: refused, unknown or expired credentials, a bad or missing
 * signature. Any HTTP 401 or 403 is one too, whatever its code.
 *
 * @example
 * ```ts
 * import { ErrorCode } from "@effect-personalize/protocol"
 *
 * assert.ok(ErrorCode.accessDenied.has("ExpiredTokenException"))
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const accessDenied: ReadonlySet<string> = new Set([
  "AccessDeniedException",
  "AccessDenied",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
  "ExpiredToken",
  "IncompleteSignature",
  "IncompleteSignatureException",
  "MissingAuthenticationToken",
  "MissingAuthenticationTokenException",
  "InvalidClientTokenId",
  "InvalidClientTokenIdException",
  "SignatureDoesNotMatch",
  "NotAuthorized"
])

/**
 * The code the AWS SDKs use when the response named no error.
 *
 * @example
 * ```ts
 * import { ErrorCode } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ErrorCode.sanitize("") || ErrorCode.unknown, "UnknownError")
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const unknown = "UnknownError"

/**
 * An error code as it may appear in `__type` or `x-amzn-ErrorType`, without its namespace prefix
 * (`com.amazonaws.personalize#`) and without its `:` suffix (`:http://internal.amazon.com/...`).
 *
 * @example
 * ```ts
 * import { ErrorCode } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ErrorCode.sanitize("com.amazonaws.personalize#InvalidInputException:http://x"), "InvalidInputException")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const sanitize = (raw: string): string => {
  let code = raw.trim()
  const colon = code.indexOf(":")
  if (colon >= 0) code = code.slice(0, colon)
  const hash = code.lastIndexOf("#")
  if (hash >= 0) code = code.slice(hash + 1)
  return code.trim()
}

// AWS's validation wording: `Value '0' at 'maxResults' failed to satisfy constraint: ...`. The first member named.
const validationField = /at '([A-Za-z0-9_.[\]-]+)' failed to satisfy constraint/

/**
 * The request member that an AWS validation message names first (`Value '0' at 'maxResults' failed to satisfy
 * constraint: ...` names `maxResults`), if any.
 *
 * @example
 * ```ts
 * import { ErrorCode } from "@effect-personalize/protocol"
 *
 * const message = "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: " +
 *   "Member must have value greater than or equal to 1"
 * assert.strictEqual(ErrorCode.fieldOfValidationMessage(message), "maxResults")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const fieldOfValidationMessage = (message: string): string | undefined => validationField.exec(message)?.[1]
