import { ListBatchSegmentJobs, PersonalizeClient, PersonalizeError, ResumeToken } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Stream } from "effect"
import { expectTypeOf } from "vitest"
import { fake, layout } from "./utils/fake.js"
import { arn, service } from "./utils/service.js"

const requests = (count: number) => Array.from({ length: count }, (_, i) => ({ solutionVersionArn: arn(i) }))

describe("ListBatchSegmentJobs.streamMany", () => {
  it("its type follows onFailure: with continue, only the check before any request can fail the stream", () => {
    type Job = ListBatchSegmentJobs.Many.Job
    type Many = ListBatchSegmentJobs.Many.Job | ListBatchSegmentJobs.Many.Failed
    type Client = PersonalizeClient.PersonalizeClient

    const byDefault = ListBatchSegmentJobs.streamMany(requests(2))
    expectTypeOf(byDefault).toEqualTypeOf<Stream.Stream<Job, PersonalizeError.PersonalizeError, Client>>()
    expectTypeOf(ListBatchSegmentJobs.streamMany(requests(2), { concurrency: 2, onFailure: "fail" }))
      .toEqualTypeOf(byDefault)

    const continuing = ListBatchSegmentJobs.streamMany(requests(2), { concurrency: 2, onFailure: "continue" })
    expectTypeOf(continuing).toEqualTypeOf<
      Stream.Stream<Many, PersonalizeError.InvalidInputException | PersonalizeError.InvalidNextTokenException, Client>
    >()
    expectTypeOf(continuing).toEqualTypeOf<Stream.Stream<Many, ListBatchSegmentJobs.Many.InputError, Client>>()
    // a service error is a `Failed` element there, not an error of the stream
    // @ts-expect-error ThrottlingException is not in the error channel
    Stream.catchTag(continuing, "ThrottlingException", () => Stream.empty)

    // `onFailure` known only at run time: both kinds of element, and every error
    const options: ListBatchSegmentJobs.ManyOptions = { onFailure: Math.random() < 2 ? "continue" : "fail" }
    expectTypeOf(ListBatchSegmentJobs.streamMany(requests(2), options))
      .toEqualTypeOf<Stream.Stream<Many, PersonalizeError.PersonalizeError, Client>>()
  })

  it.effect("by default a service error fails the stream, as the service sent it, and no later request is sent", () =>
    Effect.gen(function*() {
      const good = service({ pages: 3, pageSize: 2 })
      const sent: Array<string | undefined> = []
      const denied = () =>
        PersonalizeError.fromServiceError({
          code: "AccessDeniedException",
          status: 400,
          message: "not authorized",
          requestId: "req-denied"
        })
      // request 1 is refused on its second page
      const layer = PersonalizeClient.layerTest((request) => {
        sent.push(request.solutionVersionArn)
        return request.solutionVersionArn === arn(1) && request.nextToken === "1"
          ? Effect.fail(denied())
          : Effect.flatMap(PersonalizeClient.PersonalizeClient, (c) => c.listBatchSegmentJobs(request)).pipe(
            Effect.provide(good.layer)
          )
      })
      const jobs: Array<string> = []
      const error = yield* ListBatchSegmentJobs.streamMany(requests(3), { concurrency: 1 }).pipe(
        Stream.runForEach((item) => Effect.sync(() => jobs.push(`${item.index}:${item.job.jobName}`))),
        Effect.flip,
        Effect.provide(layer)
      )
      assert.strictEqual(error._tag, "AccessDeniedException")
      if (error._tag === "AccessDeniedException") {
        assert.strictEqual(error.origin, "service")
        assert.strictEqual(error.code, "AccessDeniedException")
        assert.strictEqual(error.requestId, "req-denied")
      }
      // request 0 whole, then the first page of request 1
      assert.deepStrictEqual(jobs, ["0:s0-0", "0:s0-1", "0:s0-2", "0:s0-3", "0:s0-4", "0:s0-5", "1:s1-0", "1:s1-1"])
      assert.deepStrictEqual(sent, [arn(0), arn(0), arn(0), arn(1), arn(1)])
    }))

  it.effect("with onFailure continue, a malformed request still fails the stream, with the error its type says", () =>
    Effect.gen(function*() {
      const svc = service({ pages: 1, pageSize: 1 })
      const error = yield* ListBatchSegmentJobs.streamMany([...requests(1), { maxResults: 0 }], {
        onFailure: "continue"
      }).pipe(Stream.runCollect, Effect.map((items) => items.length), Effect.flip, Effect.provide(svc.layer))
      assert.strictEqual(error._tag, "InvalidInputException")
      assert.strictEqual(error._tag === "InvalidInputException" && error.field, "maxResults")
      assert.strictEqual(svc.counts.requests, 0)
    }))

  it.effect("each job with its request, each request in its own order", () =>
    Effect.gen(function*() {
      const svc = service({ pages: 3, pageSize: 2 })
      const items = yield* ListBatchSegmentJobs.streamMany(requests(5), { concurrency: 3 }).pipe(
        Stream.runCollect,
        Effect.provide(svc.layer)
      )
      const all = items
      assert.strictEqual(all.length, 5 * 3 * 2)
      for (let i = 0; i < 5; i++) {
        const mine = all.filter((item) => item.index === i)
        assert.deepStrictEqual(mine.map((item) => item.job.jobName), [0, 1, 2, 3, 4, 5].map((n) => `s${i}-${n}`))
        for (const item of mine) {
          assert.strictEqual(item.request.solutionVersionArn, arn(i))
          assert.strictEqual(item.job.solutionVersionArn, arn(i))
        }
      }
    }))

  it.effect("by default the first failure fails the stream", () =>
    Effect.gen(function*() {
      const error = yield* ListBatchSegmentJobs.streamMany([{ solutionVersionArn: arn(0) }, { maxResults: 0 }]).pipe(
        Stream.runDrain,
        Effect.flip,
        Effect.provide(service({ pages: 1, pageSize: 1 }).layer)
      )
      assert.strictEqual(error._tag, "InvalidInputException")
    }))

  it.effect("onFailure continue: the failed request is reported with its resume token, the others finish", () =>
    Effect.gen(function*() {
      let calls = 0
      const good = service({ pages: 3, pageSize: 2 })
      // request 1 fails on its third page, every time
      const layer = PersonalizeClient.layerTest((request) =>
        request.solutionVersionArn === arn(1) && request.nextToken === "2"
          ? Effect.sync(() => calls++).pipe(
            Effect.andThen(
              Effect.fail(PersonalizeError.fromServiceError({ code: "AccessDeniedException", status: 400 }))
            )
          )
          : Effect.flatMap(PersonalizeClient.PersonalizeClient, (c) => c.listBatchSegmentJobs(request)).pipe(
            Effect.provide(good.layer)
          )
      )
      const items = yield* ListBatchSegmentJobs.streamMany(requests(3), { concurrency: 3, onFailure: "continue" }).pipe(
        Stream.runCollect,
        Effect.provide(layer)
      )
      const failed = items.filter((item) => item._tag === "Failed")
      assert.strictEqual(failed.length, 1)
      const failure = failed[0]
      assert.strictEqual(failure._tag === "Failed" && failure.index, 1)
      assert.strictEqual(failure._tag === "Failed" && failure.error._tag, "AccessDeniedException")
      assert.strictEqual(items.filter((item) => item._tag === "Job").length, 3 * 6 - 2)
      const lastJobOfOne = items.reduce((last, item, i) => item._tag === "Job" && item.index === 1 ? i : last, -1)
      assert.isAbove(
        items.findIndex((item) => item._tag === "Failed"),
        lastJobOfOne,
        "the failure comes after its jobs"
      )

      // resumed on its own, request 1 gives exactly the jobs it had not given
      const token = failure._tag === "Failed" ? Option.getOrThrow(failure.resumeToken) : ""
      const rest = yield* ListBatchSegmentJobs.streamMany(requests(3), {
        startingTokens: [undefined, token, undefined]
      }).pipe(
        Stream.filter((item) => item.index === 1),
        Stream.map((item) => item.job.jobName),
        Stream.runCollect,
        Effect.provide(good.layer)
      )
      assert.deepStrictEqual(rest, ["s1-4", "s1-5"])
      assert.strictEqual(calls, 1)
    }))

  it.effect("checks every request and starting token before sending any, and names the one that is wrong", () =>
    Effect.gen(function*() {
      const svc = service({ pages: 2, pageSize: 2 })
      const run = (all: ReadonlyArray<ListBatchSegmentJobs.Request>, options?: ListBatchSegmentJobs.ManyOptions) =>
        ListBatchSegmentJobs.streamMany(all, { concurrency: 1, ...options }).pipe(
          Stream.runDrain,
          Effect.flip,
          Effect.provide(svc.layer)
        )
      // the bad ARN is last: with one at a time, the others would have been listed first
      const badArn = yield* run([...requests(2), { solutionVersionArn: "shoes-v3" }], { onFailure: "continue" })
      assert.strictEqual(badArn._tag, "InvalidInputException")
      if (badArn._tag === "InvalidInputException") {
        assert.strictEqual(badArn.origin, "client")
        assert.strictEqual(badArn.field, "solutionVersionArn")
        assert.include(badArn.detail, "(requests[2])")
      }
      const badToken = yield* run(requests(3), { startingTokens: [undefined, undefined, "epr1.tampered.0"] })
      assert.include(badToken.message, "(requests[2])")
      const tooMany = yield* run(requests(1), { startingTokens: [undefined, undefined] })
      assert.strictEqual(tooMany._tag === "InvalidInputException" && tooMany.field, "startingTokens")
      assert.strictEqual(svc.counts.requests, 0)
    }))

  it.effect("refuses a concurrency that makes no sense", () =>
    Effect.gen(function*() {
      const error = yield* ListBatchSegmentJobs.streamMany(requests(2), { concurrency: 0 }).pipe(
        Stream.runDrain,
        Effect.flip,
        Effect.provide(service({ pages: 1, pageSize: 1 }).layer)
      )
      assert.strictEqual(error._tag === "InvalidInputException" && error.field, "concurrency")
      // the value as it reads: NaN, not JSON's "null"
      const notANumber = yield* ListBatchSegmentJobs.streamMany(requests(2), { concurrency: Number.NaN }).pipe(
        Stream.runDrain,
        Effect.flip,
        Effect.provide(service({ pages: 1, pageSize: 1 }).layer)
      )
      assert.include(notANumber.message, "concurrency must be a whole number of at least 1, got NaN")
    }))
})

describe("streamMany's Failed element before any job", () => {
  const denied = new PersonalizeError.AccessDeniedException({ origin: "service", code: "AccessDeniedException" })

  it.effect("carries the request's starting token, or none when it had none", () =>
    Effect.gen(function*() {
      const resume = ResumeToken.encode({
        nextToken: "p1",
        after: {
          _tag: "Job",
          batchSegmentJobArn: "arn:aws:personalize:::batch-segment-job/x",
          creationDateTime: undefined
        },
        solutionVersionArn: undefined
      })
      const service = fake(layout([2, 2]), { fail: () => denied })
      const items = yield* ListBatchSegmentJobs.streamMany([{}, {}, {}, {}], {
        onFailure: "continue",
        concurrency: 1,
        startingTokens: [undefined, "", "p1", resume]
      }).pipe(Stream.runCollect, Effect.provide(service.layer))
      const failed = items
      assert.deepStrictEqual(failed.map((item) => item._tag), ["Failed", "Failed", "Failed", "Failed"])
      assert.deepStrictEqual(
        failed.map((item) => item._tag === "Failed" ? Option.getOrUndefined(item.resumeToken) : "job"),
        [undefined, undefined, "p1", resume]
      )
      assert.deepStrictEqual(failed.map((item) => item._tag === "Failed" && item.error._tag), [
        "AccessDeniedException",
        "AccessDeniedException",
        "AccessDeniedException",
        "AccessDeniedException"
      ])
    }))
})
