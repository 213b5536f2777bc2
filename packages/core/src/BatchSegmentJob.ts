/**
 * A batch segment job as `ListBatchSegmentJobs` describes it, with the constraints of the service model.
 *
 * Decoding is forward-compatible: unknown fields are ignored and unknown status strings are kept;
 * a value of the wrong type, an ARN or a job name that breaks its pattern fails.
 *
 * @since 0.1.0
 */
import * as ServiceModel from "@effect-personalize/protocol/ServiceModel"
import type * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import type { ParseOptions } from "effect/SchemaAST"

const { statusMaxLength } = ServiceModel.constraints

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
 * @since 0.1.0
 * @category schemas
 */
export const arnModelPattern: RegExp = ServiceModel.arnPattern

// The rules of the members, each written once (in `@effect-personalize/protocol`, with their words): the exported
// schemas below and the members of the summary check with them. Each gives what is wrong, or `undefined`.
const { arnIssue, jobNameIssue, statusIssue } = ServiceModel

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
 * @since 0.1.0
 * @category schemas
 */
export const Arn = Schema.String.pipe(
  // One refinement for both rules.
  Schema.filter((s) => arnIssue(s) ?? true)
).annotations({ identifier: "Arn" })

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
 * @since 0.1.0
 * @category schemas
 */
export const JobName = Schema.String.pipe(
  Schema.filter((s) => jobNameIssue(s) ?? true)
).annotations({ identifier: "JobName" })

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
 * @since 0.1.0
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
 * @since 0.1.0
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
 * @since 0.1.0
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
 * @example
 * ```ts
 * import { BatchSegmentJob } from "@effect-personalize/core"
 *
 * assert.ok(BatchSegmentJob.isTerminal("CREATE FAILED"))
 * assert.ok(!BatchSegmentJob.isTerminal("IN PROGRESS"))
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const isTerminal = (status: Status | undefined): boolean => status === "ACTIVE" || status === "CREATE FAILED"

// What the service sends (a JSON number) or the AWS SDK hands over (a `Date`), as a valid `Date`.
const toDate = (value: number | Date): Date | undefined => {
  const date = typeof value === "number" ? new Date(Math.round(value * 1000)) : value
  return Number.isNaN(date.getTime()) ? undefined : date
}

const timestampIssue = "expected a finite number of epoch seconds or a valid Date"

// One check for both wire forms instead of a union.
const timestampWire = Schema.declare((u): u is number | Date => typeof u === "number" || u instanceof Date, {
  identifier: "EpochSecondsOrDate",
  description: "epoch seconds (a JSON number, fractions allowed) or a Date"
})

/**
 * A timestamp as the service sends it: epoch seconds as a JSON number, fractions allowed, or a `Date`
 * (what the AWS SDK hands over after its own parsing). Encodes to epoch seconds.
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
 * @since 0.1.0
 * @category schemas
 */
export const Timestamp: Schema.Schema<Date, number | Date> = Schema.transformOrFail(
  timestampWire,
  Schema.DateFromSelf,
  {
    strict: true,
    decode: (value, _, ast) => {
      const date = toDate(value)
      return date === undefined
        ? ParseResult.fail(new ParseResult.Type(ast, value, timestampIssue))
        : ParseResult.succeed(date)
    },
    encode: (date) => ParseResult.succeed(date.getTime() / 1000)
  }
).annotations({ identifier: "Timestamp" })

// The members of the summary. Decoding them is most of the work of a listing (7 members × every job), and
// `Schema.optional(Arn)` is a union with `Schema.Undefined` around a refinement around `Schema.String`: four steps of
// the Schema interpreter and as many intermediate results per member, a timestamp more. A member is instead one
// declaration over the exported schema (its type parameter) that is `Schema.optional` of it, with the schema's own
// rule checked in one step: the same types, the same failures with the same messages. The parameter also gives the
// sides of the member: its type side (`Schema.is`, `Schema.validate`) is `undefined` or the schema's type side, its
// encoded side `undefined` or the schema's encoded side, and the arbitrary, pretty printer and equivalence are the
// schema's, with `undefined`.

type Check<A> = (u: unknown, options: ParseOptions, ast: AST.Declaration) => Effect.Effect<A, ParseResult.ParseIssue>

const succeedUndefined = ParseResult.succeed(undefined)

const orUndefined = <A>(check: Check<A>): Check<A | undefined> => (u, options, ast) =>
  u === undefined ? succeedUndefined : check(u, options, ast)

const member = <A, I>(
  schema: Schema.Schema<A, I>,
  // `schema`'s rule, each way, in one step; `type` is the rule of its type side when that is another schema (a
  // timestamp's `Date`), for `Schema.is` and `Schema.validate`
  rule: { readonly decode: Check<A>; readonly encode: Check<I>; readonly type?: Check<A> }
) => {
  const typeAst = AST.typeAST(schema.ast)
  return Schema.optionalWith(
    Schema.declare<A | undefined, I | undefined, readonly [Schema.Schema<A, I>]>(
      [schema],
      {
        // The parameter is `schema` itself on the wire, else one of its sides.
        decode: (parameter) =>
          orUndefined(
            parameter.ast === schema.ast
              ? rule.decode
              : rule.type !== undefined && parameter.ast === typeAst
              ? rule.type
              : ParseResult.decodeUnknown(parameter)
          ),
        encode: (parameter) =>
          orUndefined(parameter.ast === schema.ast ? rule.encode : ParseResult.encodeUnknown(parameter))
      },
      {
        arbitrary: (parameter) => (fc) => fc.option(parameter(fc), { nil: undefined }),
        pretty: (parameter) => (a) => a === undefined ? "undefined" : parameter(a),
        equivalence: (parameter) => (a, b) => a === undefined || b === undefined ? a === b : parameter(a, b)
      }
    ),
    { exact: true }
  )
}

const stringRule = <A extends string>(issue: (s: string) => string | undefined): Check<A> => (u, _, ast) => {
  if (typeof u !== "string") return ParseResult.fail(new ParseResult.Type(AST.stringKeyword, u))
  const problem = issue(u)
  return problem === undefined ? ParseResult.succeed(u as A) : ParseResult.fail(new ParseResult.Type(ast, u, problem))
}

const stringMember = <A extends string>(schema: Schema.Schema<A, string>, issue: (s: string) => string | undefined) => {
  const check = stringRule<A>(issue)
  return member(schema, { decode: check, encode: check })
}

const timestampMember = member(Timestamp, {
  decode: (u, _, ast) => {
    if (typeof u !== "number" && !(u instanceof Date)) {
      return ParseResult.fail(new ParseResult.Type(timestampWire.ast, u))
    }
    const date = toDate(u)
    return date === undefined
      ? ParseResult.fail(new ParseResult.Type(ast, u, timestampIssue))
      : ParseResult.succeed(date)
  },
  encode: (u) =>
    u instanceof Date
      ? ParseResult.succeed(u.getTime() / 1000)
      : ParseResult.fail(new ParseResult.Type(Schema.DateFromSelf.ast, u)),
  // the type side is `Schema.DateFromSelf`: any `Date`
  type: (u) =>
    u instanceof Date ? ParseResult.succeed(u) : ParseResult.fail(new ParseResult.Type(Schema.DateFromSelf.ast, u))
})

/**
 * The summary of one batch segment job. Every member is optional, as in the service model.
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
 * @since 0.1.0
 * @category schemas
 */
export const BatchSegmentJobSummary = Schema.Struct({
  batchSegmentJobArn: stringMember(Arn, arnIssue),
  jobName: stringMember(JobName, jobNameIssue),
  status: stringMember(Status, statusIssue),
  creationDateTime: timestampMember,
  lastUpdatedDateTime: timestampMember,
  failureReason: stringMember(Schema.String, () => undefined),
  solutionVersionArn: stringMember(Arn, arnIssue)
}).annotations({ identifier: "BatchSegmentJobSummary" })

/**
 * A decoded job summary, as `list`, `stream` and `collect` give it.
 *
 * @example
 * ```ts
 * import type { BatchSegmentJob } from "@effect-personalize/core"
 *
 * const describe = (job: BatchSegmentJob.BatchSegmentJobSummary): string =>
 *   `${job.jobName ?? "(no name)"}: ${job.status ?? "unknown"}`
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchSegmentJobSummary extends Schema.Schema.Type<typeof BatchSegmentJobSummary> {}
