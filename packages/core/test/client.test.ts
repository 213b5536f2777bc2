import { PersonalizeClient } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Fiber } from "effect"

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
})
