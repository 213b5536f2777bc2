import { BatchSegmentJob } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Either, FastCheck, ParseResult, Schema } from "effect"

// The summary decodes each member in one step; it must agree with the plain composition of the exported schemas.
const Reference = Schema.Struct({
  batchSegmentJobArn: Schema.optional(BatchSegmentJob.Arn),
  jobName: Schema.optional(BatchSegmentJob.JobName),
  status: Schema.optional(BatchSegmentJob.Status),
  creationDateTime: Schema.optional(BatchSegmentJob.Timestamp),
  lastUpdatedDateTime: Schema.optional(BatchSegmentJob.Timestamp),
  failureReason: Schema.optional(Schema.String),
  solutionVersionArn: Schema.optional(BatchSegmentJob.Arn)
})

const value = FastCheck.constantFrom<unknown>(
  undefined,
  null,
  3,
  1_700_000_000.5,
  Infinity,
  Number.NaN,
  new Date(1_700_000_000_000),
  new Date(Number.NaN),
  "",
  "-bad",
  "job-1",
  "a".repeat(64),
  "x".repeat(300),
  "ACTIVE",
  "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c",
  "arn:aws:s3:::b",
  {},
  []
)
const job = FastCheck.record(
  {
    batchSegmentJobArn: value,
    jobName: value,
    status: value,
    creationDateTime: value,
    lastUpdatedDateTime: value,
    failureReason: value,
    solutionVersionArn: value,
    somethingNew: value
  },
  { requiredKeys: [] }
)

const first = (error: ParseResult.ParseError) => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]!
  return { path: issue.path, message: issue.message }
}

const same = (
  actual: Either.Either<unknown, ParseResult.ParseError>,
  expected: Either.Either<unknown, ParseResult.ParseError>
) => {
  if (Either.isRight(expected)) {
    assert.isTrue(Either.isRight(actual))
    assert.deepStrictEqual(Either.getOrThrow(actual), expected.right)
  } else {
    assert.isTrue(Either.isLeft(actual))
    if (Either.isLeft(actual)) assert.deepStrictEqual(first(actual.left), first(expected.left))
  }
}

describe("the summary's members", () => {
  it.prop("decode as Schema.optional of the exported schemas: same values, same first failure", [job], ([input]) => {
    same(
      Schema.decodeUnknownEither(BatchSegmentJob.BatchSegmentJobSummary)(input),
      Schema.decodeUnknownEither(Reference)(input)
    )
  }, { fastCheck: { numRuns: 2000, seed: 12 } })

  it.prop("have the same type side (Schema.is, Schema.validate) and encode the same", [job], ([input]) => {
    assert.strictEqual(Schema.is(BatchSegmentJob.BatchSegmentJobSummary)(input), Schema.is(Reference)(input))
    same(
      Schema.validateEither(BatchSegmentJob.BatchSegmentJobSummary)(input),
      Schema.validateEither(Reference)(input)
    )
    same(
      Schema.encodeUnknownEither(BatchSegmentJob.BatchSegmentJobSummary)(input),
      Schema.encodeUnknownEither(Reference)(input)
    )
  }, { fastCheck: { numRuns: 2000, seed: 13 } })
})
