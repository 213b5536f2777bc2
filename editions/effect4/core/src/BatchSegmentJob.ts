/**
 * A batch segment job as `ListBatchSegmentJobs` describes it, with the constraints of the service model.
 *
 * Decoding is forward-compatible: unknown fields are ignored and unknown status strings are kept;
 * a value of the wrong type, an ARN or a job name that breaks its pattern fails.
 *
 * @since 1.0.0
 */
import * as ServiceModel from "@effect-personalize/protocol/ServiceModel"
import * as Wire from "@effect-personalize/protocol/Wire"
import * as Schema from "effect/Schema"
import * as SchemaTransformation from "effect/SchemaTransformation"

/**
 * The service model's ARN pattern, `arn:([a-z\d-]+):personalize:.*:.*:.+` (unanchored, as Smithy patterns are).
 *
 * @example
 * ```ts
 * import { BatchSegmentJob } from "@effect-personalize/core"
 *
 * assert.ok(BatchSegmentJob.arnModelPattern.test("arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"))
 * ```
 *
 * @since 1.0.0
 * @category schemas
 */
export const arnModelPattern: RegExp = ServiceModel.arnPattern

/**
 * An Amazon Personalize ARN: at most 256 characters, `arn:PARTITION:personalize:REGION:ACCOUNT:RESOURCE`.
 * The pattern is the service model's, unanchored as Smithy patterns are.
 *
 * @example
 * ```ts
 * import { BatchSegmentJob } from "@effect-personalize/core"
 * import { Schema } from "effect"
 *
 * const isArn = Schema.is(BatchSegmentJob.Arn)
 * assert.ok(isArn("arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"))
 * assert.ok(!isArn("shoes/3f2a1b4c"))
 * ```
 *
 * @since 1.0.0
 * @category schemas
 */
export const Arn: Schema.String = Schema.String.check(Schema.makeFilter(ServiceModel.arnIssue)).annotate({
  identifier: "Arn"
})

/**
 * A job name: 1 to 63 characters (code points), starting with a letter or digit (the service model's pattern, which
 * anchors only the start).
 *
 * @example
 * ```ts
 * import { BatchSegmentJob } from "@effect-personalize/core"
 * import { Schema } from "effect"
 *
 * const isJobName = Schema.is(BatchSegmentJob.JobName)
 * assert.ok(isJobName("spring-launch_2024"))
 * assert.ok(!isJobName("-spring-launch"))
 * ```
 *
 * @since 1.0.0
 * @category schemas
 */
export const JobName: Schema.String = Schema.String.check(Schema.makeFilter(ServiceModel.jobNameIssue)).annotate({
  identifier: "JobName"
})

/**
 * The statuses that the service documents.
 *
 * @example
 * ```ts
 * import type { BatchSegmentJob } from "@effect-personalize/core"
 *
 * const label = (status: BatchSegmentJob.KnownStatus): string =>
 *   status === "CREATE FAILED" ? "failed" : status.toLowerCase()
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type KnownStatus = "PENDING" | "IN PROGRESS" | "ACTIVE" | "CREATE FAILED"

/**
 * The documented statuses as a list, for menus, filters and checks of user input.
 *
 * @example
 * ```ts
 * import { BatchSegmentJob } from "@effect-personalize/core"
 *
 * assert.deepStrictEqual(BatchSegmentJob.knownStatuses.filter(BatchSegmentJob.isTerminal), ["ACTIVE", "CREATE FAILED"])
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export const knownStatuses: ReadonlyArray<KnownStatus> = ["PENDING", "IN PROGRESS", "ACTIVE", "CREATE FAILED"]

/**
 * A job's status: one of the documented values, or any other string the service may add later (kept as is).
 *
 * @example
 * ```ts
 * import type { BatchSegmentJob } from "@effect-personalize/core"
 *
 * // a status the service may add later falls through to the default branch
 * const icon = (status: BatchSegmentJob.Status): string =>
 *   status === "ACTIVE" ? "✔" : status === "CREATE FAILED" ? "✘" : "…"
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type Status = KnownStatus | (string & {})

/**
 * A status on the wire: any string of at most 256 characters, so that statuses added later decode.
 *
 * @example
 * ```ts
 * import { BatchSegmentJob } from "@effect-personalize/core"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.decodeUnknownSync(BatchSegmentJob.Status)("ARCHIVED"), "ARCHIVED")
 * ```
 *
 * @since 1.0.0
 * @category schemas
 */
export const Status: Schema.Codec<Status, string> = Schema.String.check(Schema.makeFilter(ServiceModel.statusIssue))
  .annotate({ identifier: "Status" })

/**
 * Whether a job in this status will not change any more (`ACTIVE` or `CREATE FAILED`).
 *
 * @example
 * ```ts
 * import { BatchSegmentJob } from "@effect-personalize/core"
 *
 * assert.ok(BatchSegmentJob.isTerminal("CREATE FAILED"))
 * assert.ok(!BatchSegmentJob.isTerminal("IN PROGRESS"))
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const isTerminal = (status: Status | undefined): boolean => status === "ACTIVE" || status === "CREATE FAILED"

// What the service sends (a JSON number) or the AWS SDK hands over (a `Date`): one check for both wire forms.
const EpochSecondsOrDate = Schema.declare((u): u is number | Date => typeof u === "number" || u instanceof Date, {
  identifier: "EpochSecondsOrDate",
  expected: "epoch seconds (a JSON number, fractions allowed) or a Date"
})

/**
 * A timestamp as the service sends it: epoch seconds as a JSON number, fractions allowed, or a `Date`
 * (what the AWS SDK hands over after its own parsing). Encodes to epoch seconds. A number that is no date
 * (`Infinity`), or an invalid `Date`, fails.
 *
 * @example
 * ```ts
 * import { BatchSegmentJob } from "@effect-personalize/core"
 * import { Schema } from "effect"
 *
 * const date = Schema.decodeUnknownSync(BatchSegmentJob.Timestamp)(1700000000.5)
 * assert.strictEqual(date.toISOString(), "2023-11-14T22:13:20.500Z")
 * ```
 *
 * @since 1.0.0
 * @category schemas
 */
export const Timestamp: Schema.Codec<Date, number | Date> = EpochSecondsOrDate.pipe(
  Schema.decodeTo(
    Schema.Date.annotate({ expected: "a finite number of epoch seconds or a valid Date" }),
    SchemaTransformation.transform<Date, number | Date>({
      decode: (value) => typeof value === "number" ? Wire.dateOfEpochSeconds(value) : value,
      encode: Wire.epochSecondsOfDate
    })
  )
).annotate({ identifier: "Timestamp" })

/**
 * The summary of one batch segment job. Every member is optional, as in the service model; unknown members are
 * ignored.
 *
 * @example
 * ```ts
 * import { BatchSegmentJob } from "@effect-personalize/core"
 * import { Schema } from "effect"
 *
 * const job = Schema.decodeUnknownSync(BatchSegmentJob.BatchSegmentJobSummary)({
 *   jobName: "spring-launch",
 *   status: "ACTIVE",
 *   creationDateTime: 1700000000
 * })
 * assert.strictEqual(job.creationDateTime?.toISOString(), "2023-11-14T22:13:20.000Z")
 * ```
 *
 * @since 1.0.0
 * @category schemas
 */
export const BatchSegmentJobSummary = Schema.Struct({
  batchSegmentJobArn: Schema.optional(Arn),
  jobName: Schema.optional(JobName),
  status: Schema.optional(Status),
  creationDateTime: Schema.optional(Timestamp),
  lastUpdatedDateTime: Schema.optional(Timestamp),
  failureReason: Schema.optional(Schema.String),
  solutionVersionArn: Schema.optional(Arn)
}).annotate({ identifier: "BatchSegmentJobSummary" })

/**
 * A decoded job summary, as `list` and `stream` give it.
 *
 * @example
 * ```ts
 * import type { BatchSegmentJob } from "@effect-personalize/core"
 *
 * const describe = (job: BatchSegmentJob.BatchSegmentJobSummary): string =>
 *   `${job.jobName ?? "(no name)"}: ${job.status ?? "unknown"}`
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface BatchSegmentJobSummary extends Schema.Schema.Type<typeof BatchSegmentJobSummary> {}
