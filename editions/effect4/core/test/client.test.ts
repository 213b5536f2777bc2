import { ListBatchSegmentJobs, PersonalizeClient, PersonalizeError, Retry } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import { fake, layout } from "./utils/fake.js"

describe("PersonalizeClient.make", () => {
  it.effect("hands each call a fresh signal and aborts it when the caller is interrupted", () =>
    Effect.gen(function*() {
      const signals: Array<AbortSignal> = []
      const started = yield* Deferred.make<void>()
      const client = PersonalizeClient.make((_request, signal) =>
        Effect.suspend(() => {
          signals.push(signal)
          return signals.length === 1 ? Effect.succeed({ body: {} }) : Deferred.succeed(started, void 0).pipe(
            Effect.andThen(Effect.never)
          )
        })
      )
      yield* client.listBatchSegmentJobs({})
      const fiber = yield* Effect.forkChild(client.listBatchSegmentJobs({ maxResults: 1 }))
      yield* Deferred.await(started)
      assert.isFalse(signals[1]!.aborted)
      yield* Fiber.interrupt(fiber)
      assert.strictEqual(signals.length, 2)
      assert.notStrictEqual(signals[0], signals[1])
      assert.isFalse(signals[0]!.aborted, "a call that completed is not aborted")
      assert.isTrue(signals[1]!.aborted, "the interrupted call is aborted")
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

  it.effect("the per-attempt timeout aborts the request and fails with TransportError Timeout", () =>
    Effect.gen(function*() {
      const service = fake(layout([1]), { hang: () => true })
      const fiber = yield* Effect.forkChild(
        Effect.flip(ListBatchSegmentJobs.list({}, { timeout: "2 seconds", retry: Retry.none })).pipe(
          Effect.provide(service.layer)
        )
      )
      yield* TestClock.adjust("2 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual(error._tag === "TransportError" && error.reason, "Timeout")
      assert.ok(service.aborted.length >= 1)
    }))

  it.effect("a page decodes", () =>
    Effect.gen(function*() {
      const service = fake(layout([2]))
      const page = yield* ListBatchSegmentJobs.list({}).pipe(Effect.provide(service.layer))
      assert.deepStrictEqual(page.batchSegmentJobs.map((job) => job.jobName), ["job-0", "job-1"])
      assert.strictEqual(page.batchSegmentJobs[0]!.creationDateTime?.getTime(), 1_700_000_000_000)
    }))
})

// The Effect 3 edition gives a client its budget in `make`; here the budget is an option of the `retry` combinator.
describe("PersonalizeClient.make, with a retry budget", () => {
  it.effect("a client made with its own retry budget spends that one", () =>
    Effect.gen(function*() {
      let sent = 0
      const unavailable = PersonalizeError.fromServiceError({ code: "ServiceUnavailable", status: 503 })
      const budget = Retry.makeBudget({ capacity: 10, retryCost: 5 })
      const client = PersonalizeClient.retry(
        PersonalizeClient.make(() =>
          Effect.suspend(() => {
            sent++
            return Effect.fail(unavailable)
          })
        ),
        { budget, policy: Retry.makePolicy({ base: "1 second", retries: 5, jitter: false }) }
      )
      const fiber = yield* Effect.flip(client.listBatchSegmentJobs({})).pipe(Effect.forkChild)
      yield* TestClock.adjust("1 minute")
      assert.strictEqual((yield* Fiber.join(fiber))._tag, "PersonalizeServiceException")
      assert.strictEqual(sent, 3, "two retries take the 10 tokens")
      assert.strictEqual(yield* budget.available, 0)
    }))
})

export const _unused = Layer.empty
