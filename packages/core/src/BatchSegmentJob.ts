/**
 * A batch segment job as `ListBatchSegmentJobs` describes it, with the constraints of the service model.
 *
 * Decoding is forward-compatible: unknown fields are ignored and unknown status strings are kept;
 * a value of the wrong type, an ARN or a job name that breaks its pattern fails.
 *
 * @since 0.1.0
 */
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as ServiceModel from "./ServiceModel.js"

const { arnMaxLength, jobName, statusMaxLength } = ServiceModel.constraints

/**
 * The service model's ARN pattern, `arn:([a-z\d-]+):personalize:.*:.*:.+` (unanchored, as Smithy patterns are).
 *
 * @since 0.1.0
 * @category schemas
 */
export const arnModelPattern: RegExp = ServiceModel.arnPattern

// The same language without backtracking: `.*:.*:.+` holds exactly when the rest of the line has two colons with a
// character after the second, so the first two colons will do. A property test checks the two agree.
const arnPattern = /arn:[a-z\d-]+:personalize:[^:\n\r\u2028\u2029]*:[^:\n\r\u2028\u2029]*:[^\n\r\u2028\u2029]/

/**
 * An Amazon Personalize ARN: at most 256 characters, `arn:PARTITION:personalize:REGION:ACCOUNT:RESOURCE`.
 * The pattern is the service model's, unanchored as Smithy patterns are.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Arn = Schema.String.pipe(
  // One refinement for both rules: decoding is on the hot path of every listing.
  // Smithy lengths count code points, not UTF-16 units; only a string of more than 256 units can be too long.
  Schema.filter((s) =>
    s.length > arnMaxLength &&
      ServiceModel.codePoints(s) > arnMaxLength
      ? `an ARN has at most ${arnMaxLength} characters`
      : arnPattern.test(s) ||
        `expected an ARN of the form arn:aws:personalize:REGION:ACCOUNT:solution/NAME/VERSION, got ${JSON.stringify(s)}`
  )
).annotations({ identifier: "Arn" })

/**
 * A job name: 1 to 63 characters (code points), starting with a letter or digit (the service model's pattern, which
 * anchors only the start).
 *
 * @since 0.1.0
 * @category schemas
 */
export const JobName = Schema.String.pipe(
  Schema.filter((s) =>
    s.length >= jobName.minLength &&
      (s.length <= jobName.maxLength || ServiceModel.codePoints(s) <= jobName.maxLength) &&
      ServiceModel.jobNamePattern.test(s) ||
    `expected a job name of ${jobName.minLength} to ${jobName.maxLength} characters that starts with a letter or a digit, got ${
      JSON.stringify(s)
    }`
  )
).annotations({ identifier: "JobName" })

/**
 * The statuses that the service documents.
 *
 * @since 0.1.0
 * @category models
 */
export type KnownStatus = "PENDING" | "IN PROGRESS" | "ACTIVE" | "CREATE FAILED"

/**
 * @since 0.1.0
 * @category models
 */
export const knownStatuses: ReadonlyArray<KnownStatus> = ["PENDING", "IN PROGRESS", "ACTIVE", "CREATE FAILED"]

/**
 * A job's status: one of the documented values, or any other string the service may add later (kept as is).
 *
 * @since 0.1.0
 * @category models
 */
export type Status = KnownStatus | (string & {})

/**
 * @since 0.1.0
 * @category schemas
 */
export const Status: Schema.Schema<Status, string> = Schema.String.pipe(
  Schema.maxLength(statusMaxLength)
)
  .annotations({
    identifier: "Status"
  })

/**
 * Whether a job in this status will not change any more (`ACTIVE` or `CREATE FAILED`).
 *
 * @since 0.1.0
 * @category utils
 */
export const isTerminal = (status: Status | undefined): boolean => status === "ACTIVE" || status === "CREATE FAILED"

/**
 * A timestamp as the service sends it: epoch seconds as a JSON number, fractions allowed, or a `Date`
 * (what the AWS SDK hands over after its own parsing). Encodes to epoch seconds.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Timestamp: Schema.Schema<Date, number | Date> = Schema.transformOrFail(
  // One check for both wire forms instead of a union: decoding is on the hot path of every listing.
  Schema.declare((u): u is number | Date => typeof u === "number" || u instanceof Date, {
    identifier: "EpochSecondsOrDate",
    description: "epoch seconds (a JSON number, fractions allowed) or a Date"
  }),
  Schema.DateFromSelf,
  {
    strict: true,
    decode: (value, _, ast) => {
      const date = typeof value === "number" ? new Date(Math.round(value * 1000)) : value
      return Number.isNaN(date.getTime())
        ? ParseResult.fail(
          new ParseResult.Type(ast, value, "expected a finite number of epoch seconds or a valid Date")
        )
        : ParseResult.succeed(date)
    },
    encode: (date) => ParseResult.succeed(date.getTime() / 1000)
  }
).annotations({ identifier: "Timestamp" })

/**
 * The summary of one batch segment job. Every member is optional, as in the service model.
 *
 * @since 0.1.0
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
}).annotations({ identifier: "BatchSegmentJobSummary" })

/**
 * @since 0.1.0
 * @category models
 */
export interface BatchSegmentJobSummary extends Schema.Schema.Type<typeof BatchSegmentJobSummary> {}
