/**
 * The facts of the service model (`ListBatchSegmentJobs.json`): the protocol's names, the constraints of every
 * member, and the rule of each constrained member with the words of its failure. Both editions' schemas are built
 * from them, and the emulator validates and answers with them, so that none of them can drift apart.
 *
 * @since 0.1.0
 */

/**
 * The protocol: awsJson1_1, `POST /` with this target and content type, SigV4 with this signing name.
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/protocol"
 *
 * const headers = { "Content-Type": ServiceModel.protocol.contentType, "X-Amz-Target": ServiceModel.protocol.target }
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const protocol = {
  serviceName: "AmazonPersonalize",
  operationName: "ListBatchSegmentJobs",
  target: "AmazonPersonalize.ListBatchSegmentJobs",
  contentType: "application/x-amz-json-1.1",
  signingName: "personalize"
} as const

/**
 * The service model's ARN pattern, `arn:([a-z\d-]+):personalize:.*:.*:.+`, unanchored as Smithy patterns are.
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/protocol"
 *
 * const partition = ServiceModel.arnPattern.exec("arn:aws-cn:personalize:cn-north-1:123456789012:solution/shoes/1")?.[1]
 * assert.strictEqual(partition, "aws-cn")
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const arnPattern: RegExp = /arn:([a-z\d-]+):personalize:.*:.*:.+/

/**
 * The job-name pattern, which anchors only the start, as the model writes it.
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/protocol"
 *
 * assert.ok(ServiceModel.jobNamePattern.test("spring-launch_2024"))
 * assert.ok(!ServiceModel.jobNamePattern.test("_spring-launch"))
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const jobNamePattern: RegExp = /^[a-zA-Z0-9][a-zA-Z0-9\-_]*/

/**
 * The constraints of the model's members. Lengths count Unicode code points (see `codePoints`).
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/protocol"
 *
 * const pageSize = Math.min(500, ServiceModel.constraints.maxResults.max)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const constraints = {
  /** `maxResults`: an integer from 1 to 100; the service uses 100 when it is absent. */
  maxResults: { min: 1, max: 100, default: 100 },
  /** `nextToken`: at most 1500 characters, ASCII only. */
  nextTokenMaxLength: 1500,
  /** An ARN: at most 256 characters. */
  arnMaxLength: 256,
  /** A job name: 1 to 63 characters. */
  jobName: { minLength: 1, maxLength: 63 },
  /** A status: at most 256 characters. */
  statusMaxLength: 256,
  /** A page: at most 100 summaries. */
  pageMaxItems: 100
} as const

/**
 * The length of a string as Smithy counts it: in Unicode code points, not UTF-16 units.
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceModel.codePoints("arn:😀"), 5)
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const codePoints = (s: string): number => {
  let n = 0
  for (const _ of s) n++
  return n
}

// The same language as `arnPattern` without backtracking: `.*:.*:.+` holds exactly when the rest of the line has two
// colons with a character after the second, so the first two colons will do. A property test checks the two agree.
const arnLinear = /arn:[a-z\d-]+:personalize:[^:\n\r\u2028\u2029]*:[^:\n\r\u2028\u2029]*:[^\n\r\u2028\u2029]/

/**
 * The rule of an ARN member: what is wrong with `s`, or `undefined` when it is an ARN the model accepts (at most
 * 256 code points, `arnPattern`). Both editions' `Arn` schemas fail with these words.
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceModel.arnIssue("arn:aws:personalize:us-east-1:123456789012:solution/shoes/1"), undefined)
 * assert.ok(ServiceModel.arnIssue("shoes/1")?.startsWith("expected an ARN"))
 * ```
 *
 * @since 0.1.0
 * @category rules
 */
export const arnIssue = (s: string): string | undefined =>
  // Smithy lengths count code points, not UTF-16 units; only a string of more than 256 units can be too long.
  s.length > constraints.arnMaxLength && codePoints(s) > constraints.arnMaxLength
    ? `an ARN has at most ${constraints.arnMaxLength} characters`
    : arnLinear.test(s)
    ? undefined
    : `expected an ARN of the form arn:aws:personalize:REGION:ACCOUNT:solution/NAME/VERSION, got ${JSON.stringify(s)}`

/**
 * The rule of a job name: what is wrong with `s`, or `undefined` when it has 1 to 63 code points and starts with a
 * letter or a digit (`jobNamePattern`).
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceModel.jobNameIssue("spring-launch"), undefined)
 * assert.ok(ServiceModel.jobNameIssue("-spring-launch") !== undefined)
 * ```
 *
 * @since 0.1.0
 * @category rules
 */
export const jobNameIssue = (s: string): string | undefined =>
  s.length >= constraints.jobName.minLength &&
    (s.length <= constraints.jobName.maxLength || codePoints(s) <= constraints.jobName.maxLength) &&
    jobNamePattern.test(s)
    ? undefined
    : `expected a job name of ${constraints.jobName.minLength} to ${constraints.jobName.maxLength} characters that starts with a letter or a digit, got ${
      JSON.stringify(s)
    }`

/**
 * The rule of a status: any string of at most 256 characters (statuses the service adds later decode). The words
 * are those of effect 3's `Schema.maxLength`, which the first edition's `Status` schema used.
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceModel.statusIssue("ARCHIVED"), undefined)
 * assert.ok(ServiceModel.statusIssue("x".repeat(257)) !== undefined)
 * ```
 *
 * @since 0.1.0
 * @category rules
 */
export const statusIssue = (s: string): string | undefined =>
  s.length <= constraints.statusMaxLength
    ? undefined
    : `Expected a string at most ${constraints.statusMaxLength} character(s) long, actual ${JSON.stringify(s)}`

// a number as it reads (JSON would show NaN and Infinity as null), a long string by its length
const shown = (actual: unknown): string =>
  typeof actual === "number"
    ? String(actual)
    : typeof actual === "string" && actual.length > 80
    ? `a string of ${actual.length} characters`
    : JSON.stringify(actual)

/**
 * The rule of a `nextToken` sent by the caller: at most 1500 characters, ASCII only. What is wrong, or `undefined`.
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceModel.nextTokenIssue("page-2"), undefined)
 * assert.strictEqual(ServiceModel.nextTokenIssue("pagé"), "a nextToken contains only ASCII characters")
 * ```
 *
 * @since 0.1.0
 * @category rules
 */
export const nextTokenIssue = (s: string): string | undefined =>
  s.length > constraints.nextTokenMaxLength
    ? `a nextToken has at most ${constraints.nextTokenMaxLength} characters, got ${s.length}`
    : /^[\x00-\x7f]*$/.test(s)
    ? undefined
    : "a nextToken contains only ASCII characters"

/**
 * The rule of `maxResults`: a whole number from 1 to 100. What is wrong, or `undefined`.
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceModel.maxResultsIssue(100), undefined)
 * assert.strictEqual(ServiceModel.maxResultsIssue(0), "maxResults must be a whole number from 1 to 100, got 0")
 * ```
 *
 * @since 0.1.0
 * @category rules
 */
export const maxResultsIssue = (n: number): string | undefined =>
  Number.isInteger(n) && n >= constraints.maxResults.min && n <= constraints.maxResults.max
    ? undefined
    : maxResultsMessage(n)

/**
 * The words of a count that is not a whole number in its range (`maxResults`, a page size, a concurrency), for any
 * value the caller gave: a number as it reads (`NaN`, `Infinity`), anything else as JSON, a long string by its length.
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(
 *   ServiceModel.wholeNumberMessage("concurrency", Number.NaN, 1),
 *   "concurrency must be a whole number of at least 1, got NaN"
 * )
 * ```
 *
 * @since 0.1.0
 * @category rules
 */
export const wholeNumberMessage = (name: string, actual: unknown, min: number, max?: number): string =>
  `${name} must be a whole number ${max === undefined ? `of at least ${min}` : `from ${min} to ${max}`}, got ${
    shown(actual)
  }`

/**
 * The words of a `maxResults` that breaks its rule (`maxResultsIssue`), for any value the caller gave.
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ServiceModel.maxResultsMessage(1.5), "maxResults must be a whole number from 1 to 100, got 1.5")
 * ```
 *
 * @since 0.1.0
 * @category rules
 */
export const maxResultsMessage = (actual: unknown): string =>
  wholeNumberMessage("maxResults", actual, constraints.maxResults.min, constraints.maxResults.max)
