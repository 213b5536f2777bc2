import * as Either from "effect/Either"
import * as Failure from "./failure.js"

/**
 * A request after type checking: the members of `ListBatchSegmentJobsRequest` that were set.
 *
 * @internal
 */
export interface ListRequest {
  readonly solutionVersionArn?: string | undefined
  readonly nextToken?: string | undefined
  readonly maxResults?: number | undefined
}

/** @internal */
export const arnPattern = /arn:([a-z\d-]+):personalize:.*:.*:.+/

/** @internal */
export const arnPatternSource = "arn:([a-z\\d-]+):personalize:.*:.*:.+"

/** @internal */
export const maxResultsMin = 1
/** @internal */
export const maxResultsMax = 100
/** @internal */
export const maxResultsDefault = 100
/** @internal */
export const arnMaxLength = 256
/** @internal */
export const nextTokenMaxLength = 1500

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

// Smithy lengths count Unicode code points, not UTF-16 units.
const codePoints = (s: string): number => {
  let n = 0
  for (const _ of s) n++
  return n
}

/**
 * Checks the JSON types of the request, as the service's deserializer does: a member of the wrong type is a
 * `SerializationException`, `null` is an absent member, unknown members are ignored.
 *
 * @internal
 */
export const decode = (body: unknown): Either.Either<ListRequest, Failure.ServiceFailure> => {
  if (body === null || body === undefined) return Either.right({})
  if (typeof body !== "object" || Array.isArray(body)) {
    return Either.left(Failure.serialization(`${jsonKind(body)} can not be converted to a structure`))
  }
  const record = body as Record<string, unknown>
  const out: { solutionVersionArn?: string; nextToken?: string; maxResults?: number } = {}
  for (const member of ["solutionVersionArn", "nextToken"] as const) {
    const value = record[member]
    if (value === undefined || value === null) continue
    if (typeof value !== "string") {
      return Either.left(Failure.serialization(`${jsonKind(value)} can not be converted to a String`))
    }
    out[member] = value
  }
  const maxResults = record.maxResults
  if (maxResults !== undefined && maxResults !== null) {
    if (
      typeof maxResults !== "number" || !Number.isInteger(maxResults) || maxResults > int32Max ||
      maxResults < int32Min
    ) {
      return Either.left(Failure.serialization(`${jsonKind(maxResults)} can not be converted to an Integer`))
    }
    out.maxResults = maxResults
  }
  return Either.right(out)
}

const violation = (value: unknown, member: string, constraint: string) => ({
  member,
  text: `Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must ${constraint}`
})

/**
 * Checks the constraints of the service model and reports every violation in one `InvalidInputException`,
 * worded as AWS words it (`1 validation error detected: Value '0' at 'maxResults' failed to satisfy
 * constraint: Member must have value greater than or equal to 1`).
 *
 * @internal
 */
export const validate = (request: ListRequest): Either.Either<ListRequest, Failure.ServiceFailure> => {
  const violations: Array<{ readonly member: string; readonly text: string }> = []
  const { maxResults, nextToken, solutionVersionArn } = request
  if (solutionVersionArn !== undefined) {
    if (codePoints(solutionVersionArn) > arnMaxLength) {
      violations.push(
        violation(solutionVersionArn, "solutionVersionArn", `have length less than or equal to ${arnMaxLength}`)
      )
    }
    if (!arnPattern.test(solutionVersionArn)) {
      violations.push(
        violation(solutionVersionArn, "solutionVersionArn", `satisfy regular expression pattern: ${arnPatternSource}`)
      )
    }
  }
  if (nextToken !== undefined && codePoints(nextToken) > nextTokenMaxLength) {
    violations.push(violation(nextToken, "nextToken", `have length less than or equal to ${nextTokenMaxLength}`))
  }
  if (maxResults !== undefined) {
    if (maxResults < maxResultsMin) {
      violations.push(violation(maxResults, "maxResults", `have value greater than or equal to ${maxResultsMin}`))
    } else if (maxResults > maxResultsMax) {
      violations.push(violation(maxResults, "maxResults", `have value less than or equal to ${maxResultsMax}`))
    }
  }
  if (violations.length === 0) return Either.right(request)
  const head = violations.length === 1
    ? "1 validation error detected: "
    : `${violations.length} validation errors detected: `
  return Either.left(Failure.invalidInput(head + violations.map((v) => v.text).join("; "), violations[0].member))
}
