import { ListBatchSegmentJobs, PersonalizeClient, PersonalizeError } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { expectTypeOf } from "vitest"
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
      }).pipe(Stream.runCollect, Effect.map(Chunk.size), Effect.flip, Effect.provide(svc.layer))
      assert.strictEqual(error._tag, "InvalidInputException")
      assert.strictEqual(error._tag === "InvalidInputException" && error.field, "maxResults")
      assert.strictEqual(svc.counts.requests, 0)
    }))
})
