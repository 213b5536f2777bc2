import { ListBatchSegmentJobs, PersonalizeClient, PersonalizeError, Retry } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, TestClock } from "effect"

describe("PersonalizeClient.make", () => {
  it.effect("hands each call a fresh signal and aborts it when the caller is interrupted", () =>
    Effect.gen(function*() {
      const signals: Array<AbortSignal> = []
      const started = yield* Deferred.make<void>()
      const client = PersonalizeClient.make((_request, signal) =>
        Effect.suspend(() => {
          signals.push(signal)
          return signals.length === 1 ? Effect.succeed({ body: {} }) : Deferred.succeed(started, void 0).pipe(
            Effect.zipRight(Effect.never)
          )
        })
      )
      yield* client.listBatchSegmentJobs({})
      const fiber = yield* Effect.fork(client.listBatchSegmentJobs({ maxResults: 1 }))
      yield* Deferred.await(started)
      assert.isFalse(signals[1].aborted)
      yield* Fiber.interrupt(fiber)
      assert.strictEqual(signals.length, 2)
      assert.notStrictEqual(signals[0], signals[1])
      assert.isFalse(signals[0].aborted, "a call that completed is not aborted")
      assert.isTrue(signals[1].aborted, "the interrupted call is aborted")
    }))

  it.effect("a failure does not abort the signal", () =>
    Effect.gen(function*() {
      let seen: AbortSignal | undefined
      const client = PersonalizeClient.make((_request, signal) => {
        seen = signal
        return Effect.die("boom")
      })
      yield* Effect.exit(client.listBatchSegmentJobs({}))
      assert.isFalse(seen?.aborted)
    }))

  it.effect("a client made with its own retry budget spends that one", () =>
    Effect.gen(function*() {
      let sent = 0
      const unavailable = PersonalizeError.fromServiceError({ code: "ServiceUnavailable", status: 503 })
      const budget = Retry.makeBudget({ capacity: 10, retryCost: 5 })
      const client = PersonalizeClient.make(() =>
        Effect.suspend(() => {
          sent++
          return Effect.fail(unavailable)
        }), { retryBudget: budget })
      const policy = Retry.makePolicy({ base: "1 second", retries: 5, jitter: false })
      const fiber = yield* Effect.flip(ListBatchSegmentJobs.list({}, { retry: policy })).pipe(
        Effect.provideService(PersonalizeClient.PersonalizeClient, client),
        Effect.fork
      )
      yield* TestClock.adjust("1 minute")
      assert.strictEqual((yield* Fiber.join(fiber))._tag, "PersonalizeServiceException")
      assert.strictEqual(sent, 3, "two retries take the 10 tokens")
      assert.strictEqual(yield* budget.available, 0)
    }))
})
