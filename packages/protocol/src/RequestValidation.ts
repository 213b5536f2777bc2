/**
 * The emulators' checks of a request, as the service makes them: the JSON types of its members (a
 * `SerializationException` when one is wrong), then the constraints of the model, every violation in one
 * `InvalidInputException` worded as AWS words it.
 *
 * @since 0.1.0
 */
import * as Failure from "./ServiceFailure.js"
import type { Result } from "./ServiceFailure.js"
import { arnPattern, codePoints, constraints } from "./ServiceModel.js"

/**
 * A request after type checking: the members of `ListBatchSegmentJobsRequest` that were set.
 *
 * @example
 * ```ts
 * import type { RequestValidation } from "@effect-personalize/protocol"
 *
 * const request: RequestValidation.ListRequest = { maxResults: 10 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface ListRequest {
  readonly solutionVersionArn?: string | undefined
  readonly nextToken?: string | undefined
  readonly maxResults?: number | undefined
}

// The JSON value kinds as the service's deserializer names them in its messages.
const jsonKind = (value: unknown): string => {
  if (typeof value === "string") return "STRING_VALUE"
  if (typeof value === "number") return Number.isInteger(value) ? "NUMBER_VALUE" : "DECIMAL_VALUE"
  if (typeof value === "boolean") return value ? "TRUE_VALUE" : "FALSE_VALUE"
  if (Array.isArray(value)) return "START_ARRAY"
  return "START_OBJECT"
}

const int32Max = 2 ** 31 - 1
const int32Min = -(2 ** 31)

/**
 * Checks the JSON types of the request, as the service's deserializer does: a member of the wrong type is a
 * `SerializationException`, `null` is an absent member, unknown members are ignored.
 *
 * @example
 * ```ts
 * import { RequestValidation } from "@effect-personalize/protocol"
 *
 * const result = RequestValidation.decode({ maxResults: "10" })
 * assert.strictEqual(result._tag === "Left" && result.failure.message, "STRING_VALUE can not be converted to an Integer")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const decode = (body: unknown): Result<ListRequest> => {
  if (body === null || body === undefined) return Failure.right({})
  if (typeof body !== "object" || Array.isArray(body)) {
    return Failure.left(Failure.serialization(`${jsonKind(body)} can not be converted to a structure`))
  }
  const record = body as Record<string, unknown>
  const out: { solutionVersionArn?: string; nextToken?: string; maxResults?: number } = {}
  for (const member of ["solutionVersionArn", "nextToken"] as const) {
    const value = record[member]
    if (value === undefined || value === null) continue
    if (typeof value !== "string") {
      return Failure.left(Failure.serialization(`${jsonKind(value)} can not be converted to a String`))
    }
    out[member] = value
  }
  const maxResults = record.maxResults
  if (maxResults !== undefined && maxResults !== null) {
    if (
      typeof maxResults !== "number" || !Number.isInteger(maxResults) || maxResults > int32Max ||
      maxResults < int32Min
    ) {
      return Failure.left(Failure.serialization(`${jsonKind(maxResults)} can not be converted to an Integer`))
    }
    out.maxResults = maxResults
  }
  return Failure.right(out)
}

const violation = (value: unknown, member: string, constraint: string) =>
  `Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must ${constraint}`

/**
 * Checks the constraints of the service model and reports every violation in one `InvalidInputException`,
 * worded as AWS words it (`1 validation error detected: Value '0' at 'maxResults' failed to satisfy
 * constraint: Member must have value greater than or equal to 1`). The core's classifier reads the member at
 * fault from that wording, here as over the wire.
 *
 * @example
 * ```ts
 * import { RequestValidation } from "@effect-personalize/protocol"
 *
 * const result = RequestValidation.validate({ maxResults: 0 })
 * assert.strictEqual(
 *   result._tag === "Left" && result.failure.message,
 *   "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"
 * )
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const validate = (request: ListRequest): Result<ListRequest> => {
  const violations: Array<string> = []
  const { maxResults, nextToken, solutionVersionArn } = request
  if (solutionVersionArn !== undefined) {
    if (codePoints(solutionVersionArn) > constraints.arnMaxLength) {
      violations.push(
        violation(
          solutionVersionArn,
          "solutionVersionArn",
          `have length less than or equal to ${constraints.arnMaxLength}`
        )
      )
    }
    if (!arnPattern.test(solutionVersionArn)) {
      violations.push(
        violation(solutionVersionArn, "solutionVersionArn", `satisfy regular expression pattern: ${arnPattern.source}`)
      )
    }
  }
  if (nextToken !== undefined && codePoints(nextToken) > constraints.nextTokenMaxLength) {
    violations.push(
      violation(nextToken, "nextToken", `have length less than or equal to ${constraints.nextTokenMaxLength}`)
    )
  }
  if (maxResults !== undefined) {
    if (maxResults < constraints.maxResults.min) {
      violations.push(
        violation(maxResults, "maxResults", `have value greater than or equal to ${constraints.maxResults.min}`)
      )
    } else if (maxResults > constraints.maxResults.max) {
      violations.push(
        violation(maxResults, "maxResults", `have value less than or equal to ${constraints.maxResults.max}`)
      )
    }
  }
  if (violations.length === 0) return Failure.right(request)
  const head = violations.length === 1
    ? "1 validation error detected: "
    : `${violations.length} validation errors detected: `
  return Failure.left(Failure.invalidInput(head + violations.join("; ")))
}
