import { BatchSegmentJob } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Result, Schema } from "effect"

// The Effect 3 edition's members.test.ts. This edition's summary is the plain composition of the exported schemas (no
// per-member declarations): the properties below keep it so, should it ever get a faster one.
const Reference = Schema.Struct({
  batchSegmentJobArn: Schema.optional(BatchSegmentJob.Arn),
  jobName: Schema.optional(BatchSegmentJob.JobName),
  status: Schema.optional(BatchSegmentJob.Status),
  creationDateTime: Schema.optional(BatchSegmentJob.Timestamp),
  lastUpdatedDateTime: Schema.optional(BatchSegmentJob.Timestamp),
  failureReason: Schema.optional(Schema.String),
  solutionVersionArn: Schema.optional(BatchSegmentJob.Arn)
})

const values: ReadonlyArray<unknown> = [
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
]
const keys = [
  "batchSegmentJobArn",
  "jobName",
  "status",
  "creationDateTime",
  "lastUpdatedDateTime",
  "failureReason",
  "solutionVersionArn",
  "somethingNew"
] as const
// each key absent (the index past the values) or one of the values
const pick = Arbitrary.schema(Schema.Literals(Array.from({ length: values.length + 1 }, (_, i) => i)))
const job = Arbitrary.map(
  Arbitrary.array(pick, { minLength: keys.length, maxLength: keys.length }),
  (picks) => {
    const record: Record<string, unknown> = {}
    keys.forEach((key, i) => {
      if (picks[i]! < values.length) record[key] = values[picks[i]!]
    })
    return record
  }
)

const same = (
  actual: Result.Result<unknown, Schema.SchemaError>,
  expected: Result.Result<unknown, Schema.SchemaError>
) => {
  if (Result.isSuccess(expected)) {
    assert.isTrue(Result.isSuccess(actual))
    if (Result.isSuccess(actual)) assert.deepStrictEqual(actual.success, expected.success)
  } else {
    assert.isTrue(Result.isFailure(actual))
    // the whole message: the first failure and all the others
    if (Result.isFailure(actual)) assert.strictEqual(actual.failure.message, expected.failure.message)
  }
}

describe("the summary's members", () => {
  it.prop("decode as Schema.optional of the exported schemas: same values, same first failure", [job], ([input]) => {
    same(
      Schema.decodeUnknownResult(BatchSegmentJob.BatchSegmentJobSummary)(input),
      Schema.decodeUnknownResult(Reference)(input)
    )
  }, { arbitrary: { runs: 2000, seed: 12 } })

  // effect 4 has no Schema.validate: its counterpart is decoding with the type side
  it.prop("have the same type side (Schema.is, Schema.validate) and encode the same", [job], ([input]) => {
    assert.strictEqual(Schema.is(BatchSegmentJob.BatchSegmentJobSummary)(input), Schema.is(Reference)(input))
    same(
      Schema.decodeUnknownResult(Schema.toType(BatchSegmentJob.BatchSegmentJobSummary))(input),
      Schema.decodeUnknownResult(Schema.toType(Reference))(input)
    )
    same(
      Schema.encodeUnknownResult(BatchSegmentJob.BatchSegmentJobSummary)(input),
      Schema.encodeUnknownResult(Reference)(input)
    )
  }, { arbitrary: { runs: 2000, seed: 13 } })
})

describe("the summary's sides and instances", () => {
  it.prop(
    "its encoded side and its type side decode and encode as those of Schema.optional would",
    [job],
    ([input]) => {
      same(
        Schema.decodeUnknownResult(Schema.toEncoded(BatchSegmentJob.BatchSegmentJobSummary))(input),
        Schema.decodeUnknownResult(Schema.toEncoded(Reference))(input)
      )
      same(
        Schema.decodeUnknownResult(Schema.toType(BatchSegmentJob.BatchSegmentJobSummary))(input),
        Schema.decodeUnknownResult(Schema.toType(Reference))(input)
      )
      same(
        Schema.encodeUnknownResult(Schema.toType(BatchSegmentJob.BatchSegmentJobSummary))(input),
        Schema.encodeUnknownResult(Schema.toType(Reference))(input)
      )
    },
    { arbitrary: { runs: 300, seed: 14 } }
  )

  it("a timestamp stays as it is on either side: a number or a Date on the encoded side, a Date on the type side", () => {
    const S = BatchSegmentJob.BatchSegmentJobSummary
    const date = new Date(1_700_000_000_500)
    assert.deepStrictEqual(Schema.decodeUnknownSync(Schema.toEncoded(S))({ creationDateTime: 5 }), {
      creationDateTime: 5
    })
    assert.deepStrictEqual(Schema.decodeUnknownSync(Schema.toEncoded(S))({ creationDateTime: date }), {
      creationDateTime: date
    })
    assert.deepStrictEqual(Schema.decodeUnknownSync(Schema.toType(S))({ creationDateTime: date }), {
      creationDateTime: date
    })
    assert.deepStrictEqual(Schema.encodeUnknownSync(Schema.toType(S))({ creationDateTime: date }), {
      creationDateTime: date
    })
    assert.deepStrictEqual(Schema.encodeUnknownSync(Schema.toEncoded(S))({ creationDateTime: 5 }), {
      creationDateTime: 5
    })
  })

  it("a timestamp encodes back to epoch seconds, fractions kept", () => {
    assert.strictEqual(Schema.encodeSync(BatchSegmentJob.Timestamp)(new Date(1_700_000_000_500)), 1_700_000_000.5)
    assert.strictEqual(Schema.encodeSync(BatchSegmentJob.Timestamp)(new Date(0)), 0)
  })

  it("its equivalence: members equal when both are absent or both equal", () => {
    const equivalent = Schema.toEquivalence(BatchSegmentJob.BatchSegmentJobSummary)
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

  // effect 4's formatter prints a Date as its ISO string, not as `new Date("…")`
  it("its pretty printer shows an absent member as undefined and the others as their schema does", () => {
    const pretty = Schema.toFormatter(BatchSegmentJob.BatchSegmentJobSummary)
    assert.strictEqual(
      pretty({ jobName: "a", status: undefined, creationDateTime: new Date(0), lastUpdatedDateTime: undefined }),
      `{ "jobName": "a", "status": undefined, "creationDateTime": 1970-01-01T00:00:00.000Z, "lastUpdatedDateTime": undefined }`
    )
  })
})
