import { ResumeToken } from "@effect-personalize/protocol"
import { assert, describe, it } from "@effect/vitest"
import { FastCheck } from "effect"

const arn = (name: string) => `arn:aws:personalize:us-east-1:111122223333:batch-segment-job/${name}`
const solutionVersionArn = "arn:aws:personalize:us-east-1:111122223333:solution/shoes/1"

// Tokens printed by released versions, and stored by users since: both editions read them, byte for byte.
const printed: ReadonlyArray<readonly [string, ResumeToken.Position]> = [
  [
    "epr2.eyJ0IjoicGFnZS0yLXRva2VuIiwiZiI6IjQ5MTU3YWNkIiwiYSI6ImFybjphd3M6cGVyc29uYWxpemU6dXMtZWFzdC0xOjExMTEyMjIy" +
    "MzMzMzpiYXRjaC1zZWdtZW50LWpvYi9zcHJpbmctbGF1bmNoIiwiYyI6MTc3MjM1OTIwMDI1MH0.5571ee79",
    {
      nextToken: "page-2-token",
      after: {
        _tag: "Job",
        batchSegmentJobArn: arn("spring-launch"),
        creationDateTime: new Date("2026-03-01T10:00:00.250Z")
      },
      solutionVersionArn
    }
  ],
  [
    "epr2.eyJ0IjpudWxsLCJmIjoiKiIsInMiOjN9.bd9f3e63",
    { nextToken: undefined, after: { _tag: "Count", skip: 3 }, solutionVersionArn: undefined }
  ],
  ["epr2.eyJ0IjoicDEiLCJmIjoiKiJ9.56b76dc5", { nextToken: "p1", after: undefined, solutionVersionArn: undefined }]
]

describe("ResumeToken", () => {
  it("encodes a position as the released versions did, and reads their tokens", () => {
    for (const [token, position] of printed) {
      assert.strictEqual(ResumeToken.encode(position), token)
      assert.deepStrictEqual(ResumeToken.decode(token, position.solutionVersionArn), { _tag: "Right", value: position })
    }
    // a token printed by the CLI (docs/cli.md once showed it): the format must keep reading it
    const docs =
      "epr2.eyJ0IjpudWxsLCJmIjoiKiIsImEiOiJhcm46YXdzOnBlcnNvbmFsaXplOnVzLWVhc3QtMToxMjM0NTY3ODkwMTI6YmF0Y2gtc2" +
      "VnbWVudC1qb2IvaXRlbS1hZmZpbml0eS1yZXRhcmdldGluZy0xLTAwMDgiLCJjIjoxNzk2MTAwNTIxNzIxfQ.d63e5cc2"
    assert.deepStrictEqual(ResumeToken.decode(docs, undefined), {
      _tag: "Right",
      value: {
        nextToken: undefined,
        after: {
          _tag: "Job",
          batchSegmentJobArn:
            "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/item-affinity-retargeting-1-0008",
          creationDateTime: new Date(1_796_100_521_721)
        },
        solutionVersionArn: undefined
      }
    })
  })

  it("refuses a token of another filter, or an epr1. token inside a page, saying why and what to do", () => {
    const [token] = printed[0]!
    const other = ResumeToken.decode(token, undefined)
    assert.deepStrictEqual(other, {
      _tag: "Left",
      detail: "it was made for a listing with another solutionVersionArn than none",
      action: undefined
    })
    const inside = ResumeToken.decode("epr1.eyJ0IjoicDEiLCJzIjoyLCJmIjoiKiJ9.bb5ea00f", undefined)
    assert.strictEqual(inside._tag, "Left")
    if (inside._tag === "Left") {
      assert.include(inside.detail, "2 job(s) into a page")
      assert.include(inside.action, "as the starting token: p1")
    }
    const boundary = ResumeToken.decode("epr1.eyJ0IjoicDEiLCJzIjowLCJmIjoiKiJ9.3769f5cd", undefined)
    assert.deepStrictEqual(boundary, {
      _tag: "Right",
      value: { nextToken: "p1", after: undefined, solutionVersionArn: undefined }
    })
  })

  it("a service token is not a resume token", () => {
    assert.ok(!ResumeToken.isResumeToken("AAEAAWjvQX4Kp9Yc"))
    assert.ok(ResumeToken.isResumeToken(printed[0]![0]))
    assert.ok(ResumeToken.isResumeToken("epr1.x.y"))
  })

  describe("locate", () => {
    const job = (name: string, seconds: number) => ({
      batchSegmentJobArn: arn(name),
      creationDateTime: new Date(seconds * 1000)
    })
    const after = (name: string, seconds: number): ResumeToken.After => ({ _tag: "Job", ...job(name, seconds) })

    it("skips up to and including the position's job, wherever jobs created since pushed it", () => {
      const page = [job("new", 9), job("a", 5), job("b", 4)]
      assert.deepStrictEqual(ResumeToken.locate(after("a", 5), page), { skip: 2, after: undefined })
      assert.deepStrictEqual(ResumeToken.locate(undefined, page), { skip: 0, after: undefined })
      // not on this page, and no job older than it: the whole page is skipped, and it is looked for on the next
      assert.deepStrictEqual(ResumeToken.locate(after("c", 3), [job("new", 9), job("x", 3)]), {
        skip: 2,
        after: after("c", 3)
      })
    })

    it("a job gone: the first job created before it, jobs of the same millisecond skipped", () => {
      const page = [job("tie-a", 5), job("tie-c", 5), job("b", 4)]
      assert.deepStrictEqual(ResumeToken.locate(after("tie-b", 5), page), { skip: 2, after: undefined })
      assert.deepStrictEqual(
        ResumeToken.locate({ _tag: "Job", batchSegmentJobArn: arn("gone"), creationDateTime: undefined }, page),
        { skip: 3, after: { _tag: "Job", batchSegmentJobArn: arn("gone"), creationDateTime: undefined } }
      )
    })

    it("a count carries over to the next page", () => {
      assert.deepStrictEqual(ResumeToken.locate({ _tag: "Count", skip: 5 }, [job("a", 1), job("b", 1)]), {
        skip: 2,
        after: { _tag: "Count", skip: 3 }
      })
      assert.deepStrictEqual(ResumeToken.locate({ _tag: "Count", skip: 1 }, [job("a", 1), job("b", 1)]), {
        skip: 1,
        after: undefined
      })
    })
  })

  it("encode and decode round-trip every position", () => {
    FastCheck.assert(
      FastCheck.property(
        FastCheck.option(FastCheck.string({ minLength: 1, unit: "binary" }), { nil: undefined }),
        FastCheck.oneof(
          FastCheck.constant(undefined),
          FastCheck.record({
            _tag: FastCheck.constant("Job" as const),
            batchSegmentJobArn: FastCheck.string({ minLength: 1, unit: "binary" }),
            creationDateTime: FastCheck.option(FastCheck.date({ noInvalidDate: true }), { nil: undefined })
          }),
          FastCheck.record({ _tag: FastCheck.constant("Count" as const), skip: FastCheck.integer({ min: 1 }) })
        ),
        FastCheck.option(FastCheck.string({ minLength: 1 }), { nil: undefined }),
        (nextToken, after, filter) => {
          const position: ResumeToken.Position = { nextToken, after, solutionVersionArn: filter }
          assert.deepStrictEqual(ResumeToken.decode(ResumeToken.encode(position), filter), {
            _tag: "Right",
            value: position
          })
        }
      ),
      { numRuns: 200, seed: 7 }
    )
  })
})
