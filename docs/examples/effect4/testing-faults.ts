import { ListBatchSegmentJobs, PersonalizeClient, PersonalizeError } from "@effect-personalize/core"
import { assert, it } from "@effect/vitest"
import { Effect, Fiber, Stream } from "effect"
import { TestClock } from "effect/testing"

// 30 jobs in pages of 10; the second request is throttled once, as the service does.
const requests: Array<PersonalizeClient.WireRequest> = []
const ThrottledOnce = PersonalizeClient.layerTest((request) =>
  Effect.suspend(() => {
    requests.push(request)
    if (requests.length === 2) {
      return Effect.fail(new PersonalizeError.ThrottlingException({ code: "ThrottlingException", status: 400 }))
    }
    const page = Number(request.nextToken ?? 0)
    const jobs = Array.from({ length: 10 }, (_, i) => ({ jobName: `job-${page * 10 + i}`, status: "ACTIVE" }))
    return Effect.succeed({ body: { batchSegmentJobs: jobs, nextToken: page < 2 ? String(page + 1) : undefined } })
  })
)

it.effect("a throttled page is retried", () =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(Stream.runCount(ListBatchSegmentJobs.stream({}, { pageSize: 10 })))
    yield* TestClock.adjust("5 seconds") // the retry's delay
    assert.strictEqual(yield* Fiber.join(fiber), 30)
    assert.strictEqual(requests.length, 4) // 3 pages, one of them twice
    assert.deepStrictEqual(requests.map((request) => request.nextToken), [undefined, "1", "1", "2"])
  }).pipe(Effect.provide(ThrottledOnce)))
