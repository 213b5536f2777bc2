import { ListBatchSegmentJobs, PersonalizeClient, PersonalizeError, RateLimit, Retry } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Duration, Effect, Fiber, Layer, Random, TestClock } from "effect"

// Runs `effect` while the test clock moves on by `step`; effect's `Random` (the policy's jitter) is seeded, so that a
// run's timing is the same every time.
const drive = <A, E>(effect: Effect.Effect<A, E>, step: Duration.DurationInput = "100 millis") =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(Effect.withRandom(effect, Random.make("retry.test")))
    while (fiber.unsafePoll() === null) yield* TestClock.adjust(step)
    return yield* Fiber.join(fiber)
  })

/**
 * A service that answers every request with `error` (after `latency` on the clock), and notes when each came, in
 * milliseconds after the first.
 */
const failing = (error: () => PersonalizeError.PersonalizeError, latency: Duration.DurationInput = 0) => {
  const times: Array<number> = []
  let first: number | undefined
  const layer = PersonalizeClient.layerTest(() =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      first ??= now
      times.push(now - first)
      return Effect.zipRight(Effect.sleep(latency), Effect.fail(error()))
    })
  )
  return { layer, times }
}

const throttled = () => PersonalizeError.fromServiceError({ code: "ThrottlingException", status: 400 })
const unavailable = () => PersonalizeError.fromServiceError({ code: "ServiceUnavailable", status: 503 })

describe("the policy's elapsed-time limit", () => {
  it.effect("does not count the wait for the limiter: at 0.5 requests a second, a throttled call still gets 5 attempts", () =>
    Effect.gen(function*() {
      const svc = failing(throttled)
      const error = yield* drive(
        Effect.flip(ListBatchSegmentJobs.list({})).pipe(
          Effect.provide(Layer.merge(svc.layer, RateLimit.layer({ requestsPerSecond: 0.5 })))
        )
      )
      assert.strictEqual(error._tag, "ThrottlingException")
      assert.strictEqual(svc.times.length, Retry.defaults.retries + 1)
      // the limiter made the attempts wait far longer than the policy's 20 seconds in all
      assert.isAbove(svc.times.at(-1)!, Duration.toMillis(Retry.defaults.maxElapsed))
    }))

  it.effect("counts the attempts and the delays, not the limiter", () =>
    Effect.gen(function*() {
      // delays 100, 200, 400, 800 ms: 1.5 s of the 5; the limiter (one request every 2 s) adds 6.5 s of waiting
      const policy = Retry.makePolicy({ base: "100 millis", retries: 4, maxElapsed: "5 seconds", jitter: false })
      const limited = failing(unavailable)
      yield* drive(
        Effect.flip(ListBatchSegmentJobs.list({}, { retry: policy })).pipe(
          Effect.provide(Layer.merge(limited.layer, RateLimit.layer({ requestsPerSecond: 0.5, adaptive: false })))
        )
      )
      assert.deepStrictEqual(limited.times, [0, 2000, 4000, 6000, 8000])

      // attempts of 2 s each: the fourth retry would end its delay 7.5 s after the first failure, past the 5
      const slow = failing(unavailable, "2 seconds")
      yield* drive(Effect.flip(ListBatchSegmentJobs.list({}, { retry: policy })).pipe(Effect.provide(slow.layer)))
      assert.deepStrictEqual(slow.times, [0, 2100, 4300, 6700])
    }))
})

describe("the retry budget", () => {
  const calls = (count: number) =>
    Effect.forEach(Array.from({ length: count }), () => Effect.flip(ListBatchSegmentJobs.list({})), {
      concurrency: "unbounded"
    })

  it.effect("each client has its own: one that spent it leaves the others', and another build of its layer, whole", () =>
    Effect.gen(function*() {
      const down = failing(unavailable)
      // 50 calls through one client: 100 retries (500 tokens at 5) empty its budget
      yield* drive(calls(50).pipe(Effect.provide(down.layer)))
      assert.strictEqual(down.times.length, 50 + Retry.budgetDefaults.capacity / Retry.budgetDefaults.retryCost)

      // the same layer built again is another client, with a full budget: all of its retries
      const before = down.times.length
      yield* drive(calls(1).pipe(Effect.provide(down.layer)))
      assert.strictEqual(down.times.length - before, Retry.defaults.retries + 1)

      const other = failing(unavailable)
      yield* drive(calls(1).pipe(Effect.provide(other.layer)))
      assert.strictEqual(other.times.length, Retry.defaults.retries + 1)
    }))

  it.effect("Retry.layerBudget shares one among the clients under it", () =>
    Effect.gen(function*() {
      const first = failing(unavailable)
      const second = failing(unavailable)
      yield* drive(
        Effect.zipRight(
          calls(1).pipe(Effect.provide(first.layer)),
          calls(1).pipe(Effect.provide(second.layer))
        ).pipe(Effect.provide(Retry.layerBudget({ capacity: 10 })))
      )
      assert.strictEqual(first.times.length, 3, "two retries take the 10 tokens")
      assert.strictEqual(second.times.length, 1, "nothing left for the other client")
    }))
})
