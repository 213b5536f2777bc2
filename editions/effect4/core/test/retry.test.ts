import {
  ListBatchSegmentJobs,
  Metrics,
  PersonalizeClient,
  PersonalizeError,
  RateLimit,
  Retry
} from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Duration, Effect, Fiber, Layer, Metric, Random, Result } from "effect"
import { TestClock } from "effect/testing"

// Runs `effect` while the test clock moves on by `step`; effect's `Random` (the policy's jitter) is seeded, so that a
// run's timing is the same every time.
const drive = <A, E>(effect: Effect.Effect<A, E>, step: Duration.Input = "100 millis") =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(Random.withSeed(effect, "retry.test"))
    while (fiber.pollUnsafe() === undefined) yield* TestClock.adjust(step)
    return yield* Fiber.join(fiber)
  })

/**
 * A service that answers every request with `error` (after `latency` on the clock), and notes when each came, in
 * milliseconds after the first.
 */
const failing = (error: () => PersonalizeError.PersonalizeError, latency: Duration.Input = 0) => {
  const times: Array<number> = []
  let first: number | undefined
  const layer = PersonalizeClient.layerTest(() =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      first ??= now
      times.push(now - first)
      return Effect.andThen(Effect.sleep(latency), Effect.fail(error()))
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
        ),
        "1 second"
      )
      assert.strictEqual(error._tag, "ThrottlingException")
      assert.strictEqual(svc.times.length, Retry.defaults.retries + 1)
      // the limiter made the attempts wait far longer than the policy's 20 seconds in all
      assert.isAbove(svc.times.at(-1)!, Duration.toMillis(Retry.defaults.retryTime))
    }))

  it.effect("counts the attempts and the delays, not the limiter", () =>
    Effect.gen(function*() {
      // delays 100, 200, 400, 800 ms: 1.5 s of the 5; the limiter (one request every 2 s) adds 6.5 s of waiting
      const policy = Retry.makePolicy({ base: "100 millis", retries: 4, retryTime: "5 seconds", jitter: false })
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
      // (the Effect 3 edition's old name for the limit, `budget`, was never in this edition)
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
        Effect.andThen(
          calls(1).pipe(Effect.provide(first.layer)),
          calls(1).pipe(Effect.provide(second.layer))
        ).pipe(Effect.provide(Retry.layerBudget({ capacity: 10 })))
      )
      assert.strictEqual(first.times.length, 3, "two retries take the 10 tokens")
      assert.strictEqual(second.times.length, 1, "nothing left for the other client")
    }))
})

describe("what is retried", () => {
  it("PersonalizeError.isRetryable: a service error is retried when it is a server fault or its status is 5xx", () => {
    const service = (fault: "client" | "server", status?: number) =>
      PersonalizeError.isRetryable(new PersonalizeError.PersonalizeServiceException({ code: "X", fault, status }))
    // either half of the rule is enough
    assert.isTrue(service("server"), "a server fault with no status")
    assert.isTrue(service("server", 400), "a server fault, whatever its status")
    assert.isTrue(service("client", 500), "status 500, whatever the fault says")
    assert.isTrue(service("client", 599))
    // neither
    assert.isFalse(service("client", 499))
    assert.isFalse(service("client"))
    // the other classes
    assert.isTrue(PersonalizeError.isRetryable(new PersonalizeError.ThrottlingException({ code: "SlowDown" })))
    for (const reason of ["ConnectionRefused", "ConnectionReset", "DNS", "Timeout", "Unknown"] as const) {
      assert.isTrue(PersonalizeError.isRetryable(new PersonalizeError.TransportError({ reason, detail: "" })), reason)
    }
    assert.isFalse(PersonalizeError.isRetryable(new PersonalizeError.TransportError({ reason: "Aborted", detail: "" })))
    assert.isFalse(
      PersonalizeError.isRetryable(new PersonalizeError.InvalidInputException({ origin: "service", detail: "" }))
    )
  })

  it.effect("a 5xx is retried after the base delay, and neither counts as a throttle nor slows the limiter", () =>
    Effect.gen(function*() {
      const rpc = <M extends Metric.Metric<any, any>>(metric: M): M =>
        Metric.withAttributes(metric, Metrics.rpcAttributes) as M
      const throttles = Effect.map(Metric.value(rpc(Metrics.throttles)), (state) => state.count)
      const times: Array<number> = []
      const layer = PersonalizeClient.layerTest(() =>
        Effect.flatMap(Clock.currentTimeMillis, (now) => {
          times.push(now)
          return times.length <= 2 ? Effect.fail(unavailable()) : Effect.succeed({ body: {} })
        })
      )
      const before = yield* throttles
      yield* drive(
        ListBatchSegmentJobs.list({}).pipe(
          Effect.provide(Layer.merge(layer, RateLimit.layer({ requestsPerSecond: 100 })))
        ),
        "10 millis"
      )
      assert.strictEqual(times.length, 3)
      assert.strictEqual(yield* throttles, before, "no throttle counted")
      const rate = yield* Metric.value(rpc(Metrics.rateLimitRate))
      assert.strictEqual(
        rate.value,
        100,
        "the limiter's rate, read before the last attempt, is still the configured one"
      )
      // 100 then 200 ms (the base, doubled; ±20 %), not the 500 ms and 1 s after a throttle
      const [first, second, third] = times.map((t) => t - times[0]!)
      assert.strictEqual(first, 0)
      assert.isTrue(second! >= 80 && second! <= 120, `first delay ${second}`)
      assert.isTrue(third! - second! >= 160 && third! - second! <= 240, `second delay ${third! - second!}`)
    }))

  it.effect("a Retry-After sent with a 5xx is a floor for the next delay, as with a throttle", () =>
    Effect.gen(function*() {
      const times: Array<number> = []
      const layer = PersonalizeClient.layerTest(() =>
        Effect.flatMap(Clock.currentTimeMillis, (now) => {
          times.push(now)
          return times.length === 1
            ? Effect.fail(
              PersonalizeError.fromServiceError({
                code: "ServiceUnavailable",
                status: 503,
                retryAfter: Duration.seconds(3)
              })
            )
            : Effect.succeed({ body: {} })
        })
      )
      yield* drive(ListBatchSegmentJobs.list({}).pipe(Effect.provide(layer)))
      assert.deepStrictEqual(times.map((t) => t - times[0]!), [0, 3000])
    }))
})

describe("the retry policy's delays", () => {
  const gaps = (times: ReadonlyArray<number>) => times.slice(1).map((t, i) => t - times[i]!)

  it.effect("the default policy scales each delay by a random factor between 0.8 and 1.2; jitter: false does not", () =>
    Effect.gen(function*() {
      const jittered = failing(unavailable)
      yield* drive(Effect.flip(ListBatchSegmentJobs.list({})).pipe(Effect.provide(jittered.layer)))
      const exact = [100, 200, 400, 800]
      const delays = gaps(jittered.times)
      assert.strictEqual(delays.length, exact.length)
      delays.forEach((delay, i) =>
        assert.isTrue(delay >= 0.8 * exact[i]! && delay <= 1.2 * exact[i]!, `delay ${i + 1}: ${delay} ms`)
      )
      assert.isTrue(delays.every((delay, i) => delay !== exact[i]), `jittered: ${delays.join(", ")}`)

      const fixed = failing(unavailable)
      yield* drive(
        Effect.flip(ListBatchSegmentJobs.list({}, { retry: Retry.makePolicy({ jitter: false }) })).pipe(
          Effect.provide(fixed.layer)
        )
      )
      assert.deepStrictEqual(gaps(fixed.times), exact)
    }))
})

describe("the retry budget's accounting", () => {
  type Outcome = "ok" | "unavailable" | "refused" | "reset" | "hang"
  /** A service that answers the calls of one run from `script`, its last outcome repeated. */
  const scripted = (script: ReadonlyArray<Outcome>) => {
    let calls = 0
    const layer = PersonalizeClient.layerTest(() =>
      Effect.suspend((): Effect.Effect<PersonalizeClient.RawResponse, PersonalizeError.PersonalizeError> => {
        const outcome = script[Math.min(calls++, script.length - 1)]!
        switch (outcome) {
          case "ok":
            return Effect.succeed({ body: {} })
          case "unavailable":
            return Effect.fail(unavailable())
          case "refused":
            return Effect.fail(
              new PersonalizeError.TransportError({ reason: "ConnectionRefused", detail: "ECONNREFUSED" })
            )
          case "reset":
            return Effect.fail(new PersonalizeError.TransportError({ reason: "ConnectionReset", detail: "ECONNRESET" }))
          case "hang":
            return Effect.never
        }
      })
    )
    return { layer, calls: () => calls }
  }

  it.effect("a retry costs retryCost, after a timeout or a reset timeoutCost; a success gives back what its retries took, or successRefill, up to the capacity", () =>
    Effect.gen(function*() {
      const budget = Retry.makeBudget({ capacity: 20, retryCost: 4, timeoutCost: 7, successRefill: 3 })
      const policy = Retry.makePolicy({ retries: 10, retryTime: "10 minutes", jitter: false })
      const run = (script: ReadonlyArray<Outcome>) =>
        Effect.gen(function*() {
          const service = scripted(script)
          const result = yield* drive(
            ListBatchSegmentJobs.list({}, { retry: policy, timeout: "1 second" }).pipe(
              Effect.result,
              Effect.provide(Layer.merge(service.layer, Retry.layerBudget(budget)))
            )
          )
          return {
            outcome: Result.isSuccess(result) ? "ok" : result.failure._tag,
            requests: service.calls(),
            available: yield* budget.available
          }
        })

      // full, and a success does not make it more than full
      assert.deepStrictEqual(yield* run(["ok"]), { outcome: "ok", requests: 1, available: 20 })
      // timeouts: 7 a retry, until fewer than 7 are left
      assert.deepStrictEqual(yield* run(["hang"]), { outcome: "TransportError", requests: 3, available: 6 })
      assert.deepStrictEqual(yield* run(["ok"]), { outcome: "ok", requests: 1, available: 9 })
      // a refused connection is an ordinary retry: 4
      assert.deepStrictEqual(yield* run(["refused"]), { outcome: "TransportError", requests: 3, available: 1 })
      assert.deepStrictEqual(yield* run(["ok"]), { outcome: "ok", requests: 1, available: 4 })
      assert.deepStrictEqual(yield* run(["ok"]), { outcome: "ok", requests: 1, available: 7 })
      assert.deepStrictEqual(yield* run(["ok"]), { outcome: "ok", requests: 1, available: 10 })
      // a success after a retry gives back its 4, not the refill of 3
      assert.deepStrictEqual(yield* run(["unavailable", "ok"]), { outcome: "ok", requests: 2, available: 10 })
      // a reset connection costs 7, like a timeout
      assert.deepStrictEqual(yield* run(["reset"]), { outcome: "TransportError", requests: 2, available: 3 })
      assert.deepStrictEqual(yield* run(["unavailable"]), {
        outcome: "PersonalizeServiceException",
        requests: 1,
        available: 3
      })
    }))
})
