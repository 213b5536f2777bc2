import { BatchSegmentJob, ListBatchSegmentJobs, PersonalizeClient } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, FastCheck, Option, Schema } from "effect"
import { job } from "./utils/fake.js"

const answer = (body: unknown) => PersonalizeClient.layerTest(() => Effect.succeed({ body, requestId: "req-1" }))

const listWith = (body: unknown) => ListBatchSegmentJobs.list({}).pipe(Effect.provide(answer(body)))

describe("response decoding", () => {
  it.effect("decodes epoch seconds with fractions to dates", () =>
    Effect.gen(function*() {
      const page = yield* listWith({
        batchSegmentJobs: [{ ...job(1), creationDateTime: 1_700_000_000.123, lastUpdatedDateTime: 1_700_000_001 }]
      })
      const [first] = page.batchSegmentJobs
      assert.strictEqual(first?.creationDateTime?.getTime(), 1_700_000_000_123)
      assert.strictEqual(first?.lastUpdatedDateTime?.toISOString(), "2023-11-14T22:13:21.000Z")
    }))

  it.effect("accepts Date objects, as the AWS SDK hands them over", () =>
    Effect.gen(function*() {
      const date = new Date("2024-05-01T10:00:00.500Z")
      const page = yield* listWith({ batchSegmentJobs: [{ creationDateTime: date }] })
      assert.strictEqual(page.batchSegmentJobs[0]?.creationDateTime?.getTime(), date.getTime())
    }))

  it.effect("keeps a status it does not know", () =>
    Effect.gen(function*() {
      const page = yield* listWith({ batchSegmentJobs: [{ ...job(1), status: "STOPPING" }] })
      assert.strictEqual(page.batchSegmentJobs[0]?.status, "STOPPING")
      assert.isFalse(BatchSegmentJob.isTerminal(page.batchSegmentJobs[0]?.status))
    }))

  it.effect("ignores fields it does not know", () =>
    Effect.gen(function*() {
      const page = yield* listWith({
        batchSegmentJobs: [{ ...job(1), jobConfig: { x: 1 } }],
        somethingNew: true
      })
      assert.deepStrictEqual(Object.keys(page.batchSegmentJobs[0]!).sort(), [
        "batchSegmentJobArn",
        "creationDateTime",
        "jobName",
        "lastUpdatedDateTime",
        "solutionVersionArn",
        "status"
      ])
    }))

  it.effect("every member is optional: {} is an empty last page", () =>
    Effect.gen(function*() {
      const page = yield* listWith({})
      assert.deepStrictEqual(page.batchSegmentJobs, [])
      assert.isTrue(Option.isNone(page.nextToken))
      assert.deepStrictEqual(page.requestId, Option.some("req-1"))
    }))

  it.effect("an empty nextToken is no token", () =>
    Effect.gen(function*() {
      const page = yield* listWith({ batchSegmentJobs: [], nextToken: "" })
      assert.isTrue(Option.isNone(page.nextToken))
      const next = yield* listWith({ batchSegmentJobs: [], nextToken: "abc" })
      assert.deepStrictEqual(next.nextToken, Option.some("abc"))
    }))

  const wrong: Array<[string, unknown, ReadonlyArray<PropertyKey>]> = [
    ["a string timestamp", { batchSegmentJobs: [job(0), { ...job(1), creationDateTime: "yesterday" }] }, [
      "batchSegmentJobs",
      1,
      "creationDateTime"
    ]],
    ["an infinite timestamp", { batchSegmentJobs: [{ lastUpdatedDateTime: Infinity }] }, [
      "batchSegmentJobs",
      0,
      "lastUpdatedDateTime"
    ]],
    ["a numeric status", { batchSegmentJobs: [{ status: 3 }] }, ["batchSegmentJobs", 0, "status"]],
    ["a list that is an object", { batchSegmentJobs: { a: 1 } }, ["batchSegmentJobs"]],
    ["a numeric token", { nextToken: 5 }, ["nextToken"]],
    ["an ARN of another service", { batchSegmentJobs: [{ batchSegmentJobArn: "arn:aws:s3:::b" }] }, [
      "batchSegmentJobs",
      0,
      "batchSegmentJobArn"
    ]],
    ["a job name breaking its pattern", { batchSegmentJobs: [{ jobName: "-bad" }] }, [
      "batchSegmentJobs",
      0,
      "jobName"
    ]],
    ["101 jobs in a page", { batchSegmentJobs: Array.from({ length: 101 }, (_, i) => job(i)) }, [
      "batchSegmentJobs"
    ]],
    ["a body that is not an object", "<html>", []]
  ]

  for (const [name, body, path] of wrong) {
    it.effect(`rejects ${name} with the path`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(listWith(body))
        assert.strictEqual(error._tag, "ResponseDecodeError")
        if (error._tag !== "ResponseDecodeError") return
        assert.deepStrictEqual(error.path, path)
        assert.strictEqual(error.requestId, "req-1")
        assert.include(error.message, path.length === 0 ? "the response" : path.map(String).join("."))
      }))
  }

  it("encodes a summary back to the wire shape", () => {
    const encoded = Schema.encodeSync(BatchSegmentJob.BatchSegmentJobSummary)({
      jobName: "a",
      creationDateTime: new Date(1_700_000_000_500)
    })
    assert.deepStrictEqual(encoded, { jobName: "a", creationDateTime: 1_700_000_000.5 })
  })

  it("isTerminal knows the terminal statuses", () => {
    assert.deepStrictEqual(BatchSegmentJob.knownStatuses.filter(BatchSegmentJob.isTerminal), [
      "ACTIVE",
      "CREATE FAILED"
    ])
    assert.isFalse(BatchSegmentJob.isTerminal(undefined))
  })
})

describe("the ARN pattern", () => {
  const fragments = FastCheck.constantFrom(
    "arn:",
    "aws",
    "aws-cn",
    ":",
    "personalize",
    ":personalize:",
    "us-east-1",
    "A",
    "x",
    "-",
    "\n",
    "\r",
    "\u2028",
    "/",
    " ",
    "é",
    // Code points outside the BMP are two UTF-16 units each: the limit counts code points.
    "😀",
    "𝒜".repeat(40),
    "\u{10FFFF}",
    "x".repeat(60)
  )
  const text = FastCheck.array(fragments, { maxLength: 14 }).map((parts) => parts.join(""))

  it.prop("accepts exactly the strings of at most 256 code points that the model's pattern matches", [text], ([s]) => {
    const expected = [...s].length <= 256 && BatchSegmentJob.arnModelPattern.test(s)
    assert.strictEqual(Schema.is(BatchSegmentJob.Arn)(s), expected, JSON.stringify(s))
  }, { fastCheck: { numRuns: 3000, seed: 11 } })
})

describe("response decoding, in words", () => {
  it.effect("a page of more than 100 jobs is refused saying so", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(listWith({ batchSegmentJobs: Array.from({ length: 101 }, (_, i) => job(i)) }))
      assert.deepInclude(error, {
        _tag: "ResponseDecodeError",
        path: ["batchSegmentJobs"],
        detail: "a page holds at most 100 batch segment jobs"
      })
    }))
})
