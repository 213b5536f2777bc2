/**
 * The facts of the service model (`ListBatchSegmentJobs.json`) that more than one package needs: the protocol's
 * names and the constraints of every member. The core's schemas are built from them, and the emulator validates
 * and answers with them, so that the two cannot drift apart. Their home is `@effect-personalize/protocol`, which
 * the Effect 4 edition reads too; this module gives them under their names of this edition.
 *
 * @since 0.2.0
 */
import * as Protocol from "@effect-personalize/protocol/ServiceModel"

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
export const protocol: typeof Protocol.protocol = Protocol.protocol

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
export const arnPattern: RegExp = Protocol.arnPattern

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
export const jobNamePattern: RegExp = Protocol.jobNamePattern

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
export const constraints: typeof Protocol.constraints = Protocol.constraints

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
export const codePoints: (s: string) => number = Protocol.codePoints
