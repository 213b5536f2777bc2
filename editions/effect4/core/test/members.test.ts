import { BatchSegmentJob } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"

// The Effect 3 edition's members.test.ts, as far as its behaviour exists here: this edition's summary is the plain
// composition of the exported schemas (no per-member declarations), so only what a user sees of it is mirrored.
describe("the summary's sides and instances", () => {
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
