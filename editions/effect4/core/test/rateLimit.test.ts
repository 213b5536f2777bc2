import { ListBatchSegmentJobs, RateLimit } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Effect, Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import { arn, service } from "./utils/service.js"

// The limiter alone, under the TestClock: `take` resolves when a request may go, `rate` is what the gauge
// `personalize.client.rate_limit.rate` shows.

/** The rate at `millis` on the test clock. */
const rateAt = (limiter: RateLimit.Limiter, millis: number) => Effect.andThen(TestClock.setTime(millis), limiter.rate)

/** Forks one `take` per element of `ids`, in order; each records when it went. */
const takeAll = (limiter: RateLimit.Limiter, count: number, sent: Array<number>) =>
  Effect.forkChild(
    Effect.forEach(
      Array.from({ length: count }, (_, i) => i),
      () =>
        Effect.andThen(
          limiter.take,
          Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => sent.push(now)))
        ),
      { concurrency: "unbounded", discard: true }
    )
  )

describe("the adaptive curve", () => {
  it.effect("a throttle sets the ceiling to 0.95 x what succeeded in the last second, and the rate to half of that", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimit.make({ requestsPerSecond: 20 })
      yield* TestClock.setTime(500)
      yield* limiter.succeeded // more than a second before the throttle: not counted
      for (let t = 1100; t <= 1800; t += 100) {
        yield* TestClock.setTime(t)
        yield* limiter.succeeded
      }
      yield* TestClock.setTime(2000)
      yield* limiter.throttled
      // 8 successes in the last second: the ceiling is 7.6 a second
      assert.closeTo(yield* limiter.rate, 3.8, 1e-9)
      assert.closeTo(yield* rateAt(limiter, 11_900), 7.6, 1e-6)
    }))

  it.effect("with no success in the last second, a throttle halves the rate for a ceiling", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimit.make({ requestsPerSecond: 20 })
      yield* TestClock.setTime(1000)
      yield* limiter.throttled
      assert.closeTo(yield* limiter.rate, 5, 1e-9)
      assert.closeTo(yield* rateAt(limiter, 9000), 10, 1e-6)
    }))

  it.effect("the rate climbs back to the ceiling with a time constant of 500 ms", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimit.make({ requestsPerSecond: 20 })
      yield* limiter.throttled // ceiling 10, from 5
      for (const t of [250, 500, 1000, 2000]) {
        assert.closeTo(yield* rateAt(limiter, t), 10 - 5 * Math.exp(-t / 500), 1e-9, `at ${t} ms`)
      }
    }))

  it.effect("throttles less than a second apart count once", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimit.make({ requestsPerSecond: 20 })
      yield* limiter.throttled
      const before = yield* rateAt(limiter, 999)
      yield* limiter.throttled
      assert.strictEqual(yield* limiter.rate, before, "a second throttle within the second changes nothing")
      yield* TestClock.setTime(1000)
      const current = yield* limiter.rate
      yield* limiter.throttled
      // a second later it counts: nothing succeeded, so the ceiling is half the rate then, and the rate half of that
      assert.closeTo(yield* limiter.rate, current / 4, 1e-9)
    }))

  it.effect("after 10 s without a throttle, the ceiling rises by 1 % of the configured rate a second, up to it", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimit.make({ requestsPerSecond: 20 })
      yield* limiter.throttled // ceiling 10
      assert.closeTo(yield* rateAt(limiter, 10_000), 10, 1e-6)
      assert.closeTo(yield* rateAt(limiter, 15_000), 11, 1e-6)
      assert.closeTo(yield* rateAt(limiter, 20_000), 12, 1e-6)
      assert.closeTo(yield* rateAt(limiter, 60_000), 20, 1e-6)
      assert.strictEqual(yield* rateAt(limiter, 120_000), 20)
    }))

  it.effect("throttles never take the rate below 0.1 a second, or below the configured rate if lower", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimit.make({ requestsPerSecond: 20 })
      const slow = yield* RateLimit.make({ requestsPerSecond: 0.05 })
      for (let t = 0; t <= 30_000; t += 1000) {
        yield* TestClock.setTime(t)
        yield* limiter.throttled
        yield* slow.throttled
        assert.isAtLeast(yield* limiter.rate, 0.1)
        assert.strictEqual(yield* slow.rate, 0.05)
      }
      assert.closeTo(yield* limiter.rate, 0.1, 1e-9)
    }))

  it.effect("adaptive: false ignores throttles", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimit.make({ requestsPerSecond: 20, adaptive: false })
      assert.strictEqual(yield* limiter.take, 0)
      yield* TestClock.setTime(50)
      yield* limiter.throttled
      assert.strictEqual(yield* limiter.rate, 20)
      assert.strictEqual(yield* limiter.take, 0, "the bucket is not emptied either")
    }))

  it.effect("a throttle empties the bucket: the next request waits, even with a burst left", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimit.make({ requestsPerSecond: 10, burst: 5 })
      assert.strictEqual(yield* limiter.take, 0)
      yield* limiter.throttled // the rate is 2.5 a second, rising to 5
      const next = yield* Effect.forkChild(limiter.take)
      yield* TestClock.adjust("1 second")
      const waited = yield* Fiber.join(next)
      assert.isAbove(waited, 1000 / 5)
      assert.isAtMost(waited, 1000 / 2.5)
    }))
})

describe("waiting for the limiter", () => {
  it.effect("a burst of N lets N go at once, then one an interval, and again after a quiet spell", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimit.make({ requestsPerSecond: 10, burst: 5, adaptive: false })
      const sent: Array<number> = []
      yield* takeAll(limiter, 7, sent)
      yield* TestClock.setTime(2000)
      const again = yield* takeAll(limiter, 6, sent)
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(again)
      assert.deepStrictEqual(sent, [0, 0, 0, 0, 0, 100, 200, 2000, 2000, 2000, 2000, 2000, 2100])
    }))

  it.effect("first come, first served", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimit.make({ requestsPerSecond: 1 })
      const order: Array<number> = []
      const fiber = yield* Effect.forkChild(
        Effect.forEach([0, 1, 2, 3, 4], (i) => Effect.andThen(limiter.take, Effect.sync(() => order.push(i))), {
          concurrency: "unbounded",
          discard: true
        })
      )
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(order, [0, 1, 2, 3, 4])
    }))

  it.effect("intervals in fractions of a millisecond: requests go on whole milliseconds, never early, at most 1 ms late", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimit.make({ requestsPerSecond: 3, adaptive: false })
      const sent: Array<number> = []
      const fiber = yield* takeAll(limiter, 10, sent)
      yield* TestClock.adjust("4 seconds")
      yield* Fiber.join(fiber)
      assert.strictEqual(sent.length, 10)
      sent.forEach((t, i) => {
        assert.isTrue(Number.isInteger(t), `${t} is a whole millisecond`)
        assert.isAtLeast(t, i * 1000 / 3, `request ${i} went at ${t} ms`)
        assert.isAtMost(t, i * 1000 / 3 + 1, `request ${i} went at ${t} ms`)
      })
    }))

  it.effect("after a collapse, waiting requests go at the rate the limiter reports as it recovers", () =>
    Effect.gen(function*() {
      // issue 18, scaled down: 20 requests wait at 20 a second, just after the service let one through in a second
      // and then throttled (the ceiling is 0.95 a second, the rate starts at half of that and the probe raises it
      // after 10 s)
      const limiter = yield* RateLimit.make({ requestsPerSecond: 20 })
      yield* TestClock.setTime(900)
      yield* limiter.succeeded
      yield* TestClock.setTime(1000)
      yield* limiter.throttled
      const sent: Array<number> = []
      yield* takeAll(limiter, 20, sent)
      // the requests the rate allowed so far (its integral over time, in steps of 100 ms), against those sent
      let allowed = 0
      let worst = 0
      for (let t = 1000; t < 30_000 && sent.length < 20; t += 100) {
        allowed += (yield* limiter.rate) / 10
        yield* TestClock.adjust("100 millis")
        worst = Math.max(worst, Math.abs(allowed - sent.length))
      }
      assert.isAtMost(worst, 1, "the sends never fall behind or run ahead of the rate by more than one")
      // the 20th goes when the rate allowed 20 (about 17.5 s); booked at the rate when they came, 42 s
      assert.isAtMost(sent[19]!, 18_000)
    }))

  it.effect("a throttle holds back the requests already waiting", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimit.make({ requestsPerSecond: 10 })
      assert.strictEqual(yield* limiter.take, 0)
      const next = yield* Effect.forkChild(limiter.take) // due at 100 ms
      yield* TestClock.adjust("50 millis")
      yield* limiter.throttled // the rate is 2.5 a second, rising to 5: one interval from the throttle, 200-400 ms
      yield* TestClock.adjust("1 second")
      const waited = yield* Fiber.join(next)
      assert.isAtLeast(waited, 50 + 200)
      assert.isAtMost(waited, 50 + 400)
    }))

  it.effect("an interrupted waiter gives its turn back: the one behind it goes in its place", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimit.make({ requestsPerSecond: 1, adaptive: false })
      assert.strictEqual(yield* limiter.take, 0)
      const a = yield* Effect.forkChild(limiter.take)
      const b = yield* Effect.forkChild(limiter.take)
      const c = yield* Effect.forkChild(limiter.take)
      yield* TestClock.adjust("500 millis")
      yield* Fiber.interrupt(b)
      yield* TestClock.adjust("5 seconds")
      assert.strictEqual(yield* Fiber.join(a), 1000)
      assert.strictEqual(yield* Fiber.join(c), 2000)
    }))

  it.effect("20 requests waiting at 1 a second and interrupted: the next request waits one interval, not 18.5 s", () =>
    Effect.gen(function*() {
      // issue 18's third item, through the public API
      const svc = service({ pages: 1, pageSize: 1 })
      yield* Effect.gen(function*() {
        const waiting = yield* Effect.forkChild(
          Effect.forEach(
            Array.from({ length: 20 }, (_, i) => ({ solutionVersionArn: arn(i) })),
            (request) => ListBatchSegmentJobs.list(request),
            { concurrency: "unbounded", discard: true }
          )
        )
        yield* TestClock.adjust("1500 millis")
        yield* Fiber.interrupt(waiting)
        const next = yield* Effect.forkChild(ListBatchSegmentJobs.list({}))
        yield* TestClock.adjust("30 seconds")
        yield* Fiber.join(next)
      }).pipe(Effect.provide(Layer.merge(svc.layer, RateLimit.layer({ requestsPerSecond: 1, adaptive: false }))))
      // two were sent before the interruption (at 0 and 1 s); the next goes one interval after the last
      assert.deepStrictEqual(svc.times, [0, 1000, 2000])
    }))
})

describe("RateLimit.layer's checks", () => {
  const build = (options: RateLimit.Options) => Effect.result(Layer.build(RateLimit.layer(options)).pipe(Effect.scoped))

  it.effect("refuses each rate and burst that makes no sense, saying what it needs and what it got", () =>
    Effect.gen(function*() {
      const cases = [
        [{ requestsPerSecond: 0 }, "requestsPerSecond", "a positive number of requests per second, got 0"],
        [{ requestsPerSecond: -1 }, "requestsPerSecond", "a positive number of requests per second, got -1"],
        [{ requestsPerSecond: Number.NaN }, "requestsPerSecond", "a positive number of requests per second, got NaN"],
        [
          { requestsPerSecond: Infinity },
          "requestsPerSecond",
          "a positive number of requests per second, got Infinity"
        ],
        [{ requestsPerSecond: 1, burst: 0 }, "burst", "a burst that is a whole number of at least 1, got 0"],
        [{ requestsPerSecond: 1, burst: 1.5 }, "burst", "a burst that is a whole number of at least 1, got 1.5"],
        [
          { requestsPerSecond: 1, burst: 2 ** 53 },
          "burst",
          "a burst that is a whole number of at least 1, got 9007199254740992"
        ]
      ] as const
      for (const [options, field, needs] of cases) {
        const result = yield* build(options)
        assert.isTrue(result._tag === "Failure", JSON.stringify(options))
        if (result._tag === "Failure") {
          assert.deepInclude(result.failure, { origin: "client", field, detail: `RateLimit.layer needs ${needs}` })
        }
      }
    }))

  it.effect("takes the smallest rate and burst that make sense", () =>
    Effect.gen(function*() {
      for (const options of [{ requestsPerSecond: 0.001 }, { requestsPerSecond: 1, burst: 1 }]) {
        assert.strictEqual((yield* build(options))._tag, "Success", JSON.stringify(options))
      }
    }))
})
