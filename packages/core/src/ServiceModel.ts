/**
 * The facts of the service model (`ListBatchSegmentJobs.json`) that more than one package needs: the protocol's
 * names and the constraints of every member. The core's schemas are built from them, and the emulator validates
 * and answers with them, so that the two cannot drift apart.
 *
 * @since 0.2.0
 */

/**
 * The protocol: awsJson1_1, `POST /` with this target and content type, SigV4 with this signing name.
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/core"
 *
 * const headers = { "Content-Type": ServiceModel.protocol.contentType, "X-Amz-Target": ServiceModel.protocol.target }
 * ```
 *
 * @since 0.2.0
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
 * import { ServiceModel } from "@effect-personalize/core"
 *
 * const partition = ServiceModel.arnPattern.exec("arn:aws-cn:personalize:cn-north-1:123456789012:solution/shoes/1")?.[1]
 * assert.strictEqual(partition, "aws-cn")
 * ```
 *
 * @since 0.2.0
 * @category constants
 */
export const arnPattern: RegExp = /arn:([a-z\d-]+):personalize:.*:.*:.+/

/**
 * The job-name pattern, which anchors only the start, as the model writes it.
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/core"
 *
 * assert.ok(ServiceModel.jobNamePattern.test("spring-launch_2024"))
 * assert.ok(!ServiceModel.jobNamePattern.test("_spring-launch"))
 * ```
 *
 * @since 0.2.0
 * @category constants
 */
export const jobNamePattern: RegExp = /^[a-zA-Z0-9][a-zA-Z0-9\-_]*/

/**
 * The constraints of the model's members. Lengths count Unicode code points (see `codePoints`).
 *
 * @example
 * ```ts
 * import { ServiceModel } from "@effect-personalize/core"
 *
 * const pageSize = Math.min(500, ServiceModel.constraints.maxResults.max)
 * ```
 *
 * @since 0.2.0
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
 * import { ServiceModel } from "@effect-personalize/core"
 *
 * assert.strictEqual(ServiceModel.codePoints("arn:😀"), 5)
 * ```
 *
 * @since 0.2.0
 * @category utils
 */
export const codePoints = (s: string): number => {
  let n = 0
  for (const _ of s) n++
  return n
}
