import { BatchSegmentJob } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Either, FastCheck, ParseResult, Pretty, Schema } from "effect"

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

describe("the summary's sides and instances", () => {
  it.prop(
    "its encoded side and its type side decode and encode as those of Schema.optional would",
    [job],
    ([input]) => {
      same(
        Schema.decodeUnknownEither(Schema.encodedSchema(BatchSegmentJob.BatchSegmentJobSummary))(input),
        Schema.decodeUnknownEither(Schema.encodedSchema(Reference))(input)
      )
      same(
        Schema.decodeUnknownEither(Schema.typeSchema(BatchSegmentJob.BatchSegmentJobSummary))(input),
        Schema.decodeUnknownEither(Schema.typeSchema(Reference))(input)
      )
      same(
        Schema.encodeUnknownEither(Schema.typeSchema(BatchSegmentJob.BatchSegmentJobSummary))(input),
        Schema.encodeUnknownEither(Schema.typeSchema(Reference))(input)
      )
    },
    { fastCheck: { numRuns: 300, seed: 14 } }
  )

  it("a timestamp stays as it is on either side: a number or a Date on the encoded side, a Date on the type side", () => {
    const S = BatchSegmentJob.BatchSegmentJobSummary
    const date = new Date(1_700_000_000_500)
    assert.deepStrictEqual(Schema.decodeUnknownSync(Schema.encodedSchema(S))({ creationDateTime: 5 }), {
      creationDateTime: 5
    })
    assert.deepStrictEqual(Schema.decodeUnknownSync(Schema.encodedSchema(S))({ creationDateTime: date }), {
      creationDateTime: date
    })
    assert.deepStrictEqual(Schema.decodeUnknownSync(Schema.typeSchema(S))({ creationDateTime: date }), {
      creationDateTime: date
    })
    assert.deepStrictEqual(Schema.encodeUnknownSync(Schema.typeSchema(S))({ creationDateTime: date }), {
      creationDateTime: date
    })
    assert.deepStrictEqual(Schema.encodeUnknownSync(Schema.encodedSchema(S))({ creationDateTime: 5 }), {
      creationDateTime: 5
    })
  })

  it("a timestamp encodes back to epoch seconds, fractions kept", () => {
    assert.strictEqual(Schema.encodeSync(BatchSegmentJob.Timestamp)(new Date(1_700_000_000_500)), 1_700_000_000.5)
    assert.strictEqual(Schema.encodeSync(BatchSegmentJob.Timestamp)(new Date(0)), 0)
  })

  it("its equivalence: members equal when both are absent or both equal", () => {
    const equivalent = Schema.equivalence(BatchSegmentJob.BatchSegmentJobSummary)
    assert.isTrue(equivalent({ jobName: "a", status: undefined }, { jobName: "a", status: undefined }))
    assert.isTrue(equivalent({ creationDateTime: new Date(5) }, { creationDateTime: new Date(5) }))
    assert.isFalse(equivalent({ jobName: "a" }, { jobName: "b" }))
    assert.isFalse(equivalent({ jobName: undefined }, { jobName: "b" }))
    assert.isFalse(equivalent({ jobName: "a" }, { jobName: undefined }))
    assert.isFalse(equivalent({ creationDateTime: new Date(5) }, { creationDateTime: new Date(6) }))
    assert.isTrue(equivalent({ creationDateTime: undefined }, { creationDateTime: undefined }))
    assert.isFalse(equivalent({ creationDateTime: undefined }, { creationDateTime: new Date(5) }))
    assert.isFalse(equivalent({ creationDateTime: new Date(5) }, { creationDateTime: undefined }))
  })

  it("its pretty printer shows an absent member as undefined and the others as their schema does", () => {
    const pretty = Pretty.make(BatchSegmentJob.BatchSegmentJobSummary)
    assert.strictEqual(
      pretty({ jobName: "a", status: undefined, creationDateTime: new Date(0), lastUpdatedDateTime: undefined }),
      `{ "jobName": "a", "status": undefined, "creationDateTime": new Date("1970-01-01T00:00:00.000Z"), "lastUpdatedDateTime": undefined }`
    )
  })
})
