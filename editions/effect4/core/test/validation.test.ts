import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Effect, Result, Schema, Stream } from "effect"
import { fake, layout, solutionVersionArn } from "./utils/fake.js"

const arnOfLength = (length: number) => {
  const head = "arn:aws:personalize:us-east-1:123456789012:solution/"
  return head + "x".repeat(length - head.length)
}

/** Runs the request against a fake and returns the error and how many requests were sent. */
const reject = (request: ListBatchSegmentJobs.Request) =>
  Effect.gen(function*() {
    const service = fake(layout([1]))
    const error = yield* Effect.flip(ListBatchSegmentJobs.list(request)).pipe(Effect.provide(service.layer))
    return { error, sent: service.requests.length }
  })

const accept = (request: ListBatchSegmentJobs.Request) =>
  Effect.gen(function*() {
    const service = fake(layout([1]))
    yield* ListBatchSegmentJobs.list(request).pipe(Effect.provide(service.layer))
    return service.requests
  })

describe("request validation", () => {
  it.effect("accepts the empty request and sends {}", () =>
    Effect.gen(function*() {
      const requests = yield* accept({})
      assert.deepStrictEqual(requests, [{}])
    }))

  it.effect("accepts the boundary values and sends them as given", () =>
    Effect.gen(function*() {
      for (
        const request of [
          { maxResults: 1 },
          { maxResults: 100 },
          { solutionVersionArn: arnOfLength(256) },
          // 256 code points, 257 UTF-16 units: the model counts code points
          { solutionVersionArn: arnOfLength(255) + "😀" },
          { nextToken: "t".repeat(1500) },
          { solutionVersionArn, nextToken: "abc", maxResults: 50 }
        ]
      ) {
        const requests = yield* accept(request)
        assert.deepStrictEqual(requests, [request])
      }
    }))

  it.effect("leaves undefined members out of the request", () =>
    Effect.gen(function*() {
      const requests = yield* accept({ solutionVersionArn: undefined, nextToken: undefined, maxResults: undefined })
      assert.deepStrictEqual(requests, [{}])
    }))

  const cases: Array<[string, ListBatchSegmentJobs.Request, string, RegExp]> = [
    ["maxResults 0", { maxResults: 0 }, "maxResults", /from 1 to 100, got 0/],
    ["maxResults 101", { maxResults: 101 }, "maxResults", /from 1 to 100, got 101/],
    ["maxResults 1.5", { maxResults: 1.5 }, "maxResults", /whole number/],
    ["maxResults NaN", { maxResults: NaN }, "maxResults", /maxResults must be a whole number from 1 to 100, got NaN/],
    ["maxResults as a string", { maxResults: "5" as unknown as number }, "maxResults", /Expected number/],
    ["ARN of 257 characters", { solutionVersionArn: arnOfLength(257) }, "solutionVersionArn", /at most 256/],
    [
      "ARN of another service",
      {
        solutionVersionArn: "arn:aws:s3:::bucket"
      },
      "solutionVersionArn",
      /arn:aws:personalize:REGION/
    ],
    [
      "ARN without resource",
      {
        solutionVersionArn: "arn:aws:personalize:us-east-1:1:"
      },
      "solutionVersionArn",
      /expected an ARN/
    ],
    [
      "ARN with upper-case partition",
      {
        solutionVersionArn: "arn:AWS:personalize:us-east-1:1:solution/x"
      },
      "solutionVersionArn",
      /expected an ARN/
    ],
    ["nextToken of 1501 characters", { nextToken: "t".repeat(1501) }, "nextToken", /at most 1500/],
    ["non-ASCII nextToken", { nextToken: "tökén" }, "nextToken", /ASCII/],
    // effect 4 Schema's words for a member the model does not have
    ["unknown member", { maxresults: 5 } as ListBatchSegmentJobs.Request, "maxresults", /excess property/]
  ]

  for (const [name, request, field, message] of cases) {
    it.effect(`rejects ${name} before sending anything`, () =>
      Effect.gen(function*() {
        const { error, sent } = yield* reject(request)
        assert.strictEqual(sent, 0)
        assert.strictEqual(error._tag, "InvalidInputException")
        if (error._tag !== "InvalidInputException") return
        assert.strictEqual(error.origin, "client")
        assert.strictEqual(error.field, field)
        assert.match(error.message, message)
        assert.match(error.message, new RegExp(`^Invalid request at ${field}: `))
      }))
  }

  it.effect("rejects a request that is not an object", () =>
    Effect.gen(function*() {
      const { error, sent } = yield* reject(null as unknown as ListBatchSegmentJobs.Request)
      assert.strictEqual(sent, 0)
      assert.strictEqual(error._tag, "InvalidInputException")
    }))

  it.effect.prop(
    "maxResults: every whole number from 1 to 100 is sent, every other number is refused unsent",
    [Arbitrary.schema(
      Schema.Union([Schema.Int.check(Schema.isBetween({ minimum: -1000, maximum: 1000 })), Schema.Number])
    )],
    ([maxResults]) =>
      Effect.gen(function*() {
        const valid = Number.isInteger(maxResults) && maxResults >= 1 && maxResults <= 100
        const service = fake(layout([1]))
        const result = yield* Effect.result(ListBatchSegmentJobs.list({ maxResults })).pipe(
          Effect.provide(service.layer)
        )
        assert.strictEqual(Result.isSuccess(result), valid)
        assert.strictEqual(service.requests.length, valid ? 1 : 0)
        if (Result.isFailure(result)) {
          assert.strictEqual(result.failure._tag, "InvalidInputException")
        }
      }),
    { arbitrary: { runs: 200, seed: 42 } }
  )

  it.effect.prop(
    "solutionVersionArn: accepted exactly when at most 256 characters and matching the model's pattern",
    [
      Arbitrary.schema(Schema.Union([
        Schema.String.check(Schema.isMaxLength(300)),
        Schema.TemplateLiteral([
          "arn:",
          Schema.Literals(["aws", "aws-cn", "aws-us-gov", "a-1", "", "AWS"]),
          ":personalize:",
          Schema.String.check(Schema.isMaxLength(20)),
          ":",
          Schema.String.check(Schema.isMaxLength(20)),
          ":",
          Schema.String.check(Schema.isMaxLength(240))
        ])
      ]))
    ],
    ([arn]) =>
      Effect.gen(function*() {
        const valid = arn.length <= 256 && /arn:([a-z\d-]+):personalize:.*:.*:.+/.test(arn)
        const service = fake(layout([1]))
        const result = yield* Effect.result(ListBatchSegmentJobs.list({ solutionVersionArn: arn })).pipe(
          Effect.provide(service.layer)
        )
        assert.strictEqual(Result.isSuccess(result), valid)
        assert.strictEqual(service.requests.length, valid ? 1 : 0)
      }),
    { arbitrary: { runs: 200, seed: 7 } }
  )

  it.effect.prop(
    "nextToken: accepted exactly when at most 1500 ASCII characters",
    [Arbitrary.schema(Schema.Union([
      Schema.String.check(Schema.isMaxLength(1600)),
      Schema.String.check(Schema.isMinLength(1490), Schema.isMaxLength(1510))
    ]))],
    ([token]) =>
      Effect.gen(function*() {
        const valid = token.length <= 1500 && /^[\x00-\x7f]*$/.test(token)
        const service = fake(layout([1]))
        const result = yield* Effect.result(ListBatchSegmentJobs.list({ nextToken: token })).pipe(
          Effect.provide(service.layer)
        )
        assert.strictEqual(Result.isSuccess(result), valid)
        assert.strictEqual(service.requests.length, valid ? 1 : 0)
      }),
    { arbitrary: { runs: 30, seed: 3 } }
  )

  it.effect("stream options are validated before anything is sent", () =>
    Effect.gen(function*() {
      for (
        const [options, field] of [
          [{ pageSize: 0 }, "pageSize"],
          [{ pageSize: 101 }, "pageSize"],
          [{ maxItems: -1 }, "maxItems"],
          [{ maxItems: 2.5 }, "maxItems"],
          [{ prefetch: -1 }, "prefetch"]
        ] as const
      ) {
        const service = fake(layout([1]))
        const error = yield* Effect.flip(Stream.runDrain(ListBatchSegmentJobs.stream({}, options))).pipe(
          Effect.provide(service.layer)
        )
        assert.strictEqual(error._tag, "InvalidInputException")
        if (error._tag === "InvalidInputException") assert.strictEqual(error.field, field)
        assert.strictEqual(service.requests.length, 0)
      }
    }))
})

describe("the stream options' words", () => {
  it.effect("each refusal names the option, what it must be and the number it got, as the number reads", () =>
    Effect.gen(function*() {
      const cases = [
        [{ pageSize: 0 }, "pageSize", "pageSize must be a whole number from 1 to 100, got 0"],
        [{ pageSize: 101 }, "pageSize", "pageSize must be a whole number from 1 to 100, got 101"],
        [{ pageSize: 2.5 }, "pageSize", "pageSize must be a whole number from 1 to 100, got 2.5"],
        [{ pageSize: Number.NaN }, "pageSize", "pageSize must be a whole number from 1 to 100, got NaN"],
        [{ maxItems: -1 }, "maxItems", "maxItems must be a whole number of at least 0, got -1"],
        [{ maxItems: Infinity }, "maxItems", "maxItems must be a whole number of at least 0, got Infinity"],
        [{ maxItems: 2 ** 53 }, "maxItems", "maxItems must be a whole number of at least 0, got 9007199254740992"],
        [{ prefetch: 1001 }, "prefetch", "prefetch must be a whole number from 0 to 1000, got 1001"],
        [{ prefetch: -Infinity }, "prefetch", "prefetch must be a whole number from 0 to 1000, got -Infinity"]
      ] as const
      for (const [options, field, detail] of cases) {
        const service = fake(layout([1]))
        const error = yield* Effect.flip(Stream.runDrain(ListBatchSegmentJobs.stream({}, options))).pipe(
          Effect.provide(service.layer)
        )
        assert.deepInclude(error, { _tag: "InvalidInputException", origin: "client", field, detail })
        assert.strictEqual(error.message, `Invalid request at ${field}: ${detail}`)
        assert.strictEqual(service.requests.length, 0)
      }
    }))

  it.effect("the bounds themselves are taken", () =>
    Effect.gen(function*() {
      for (
        const options of [{ pageSize: 1 }, { pageSize: 100 }, { prefetch: 0 }, { prefetch: 1000 }, { maxItems: 1 }]
      ) {
        const service = fake(layout([1]))
        const jobs = yield* Stream.runCollect(ListBatchSegmentJobs.stream({}, options)).pipe(
          Effect.provide(service.layer)
        )
        assert.strictEqual(Array.from(jobs).length, 1, JSON.stringify(options))
      }
    }))
})
