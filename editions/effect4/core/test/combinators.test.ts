import { Metrics, PersonalizeClient, PersonalizeError, RateLimit, Retry } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Effect, Exit, Fiber, Metric, Schedule } from "effect"
import { TestClock } from "effect/testing"

/** A port that records when each call came and answers with `answer(call)`. */
const port = (
  answer: (call: number) => Effect.Effect<PersonalizeClient.RawResponse, PersonalizeError.PersonalizeError>
) => {
  const times: Array<number> = []
  const aborted: Array<number> = []
  const client = PersonalizeClient.make((_, signal) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      times.push(now)
      const call = times.length
      signal.addEventListener("abort", () => aborted.push(call))
      return answer(call)
    })
  )
  return { client, times, aborted }
}

const ok = Effect.succeed({ body: {} })
const unavailable = new PersonalizeError.PersonalizeServiceException({
  code: "ServiceUnavailable",
  status: 503,
  fault: "server"
})
const invalid = new PersonalizeError.InvalidInputException({ origin: "service", detail: "no" })

describe("PersonalizeClient.timeout", () => {
  it.effect("a call without an answer in time is cut: TransportError Timeout, its request aborted", () =>
    Effect.gen(function*() {
      const stub = port(() => Effect.never)
      const fiber = yield* Effect.forkChild(
        Effect.flip(PersonalizeClient.timeout(stub.client, "3 seconds").listBatchSegmentJobs({}))
      )
      yield* TestClock.adjust("2999 millis")
      assert.isUndefined(fiber.pollUnsafe())
      yield* TestClock.adjust("1 millis")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual(error._tag === "TransportError" && error.reason, "Timeout")
      assert.include(error.message, "3s")
      assert.deepStrictEqual(stub.aborted, [1])
    }))

  it.effect("an answer in time is the answer; nothing is aborted", () =>
    Effect.gen(function*() {
      const stub = port(() => Effect.as(Effect.sleep("2 seconds"), { body: { x: 1 } }))
      const fiber = yield* Effect.forkChild(
        PersonalizeClient.timeout(stub.client, "3 seconds").listBatchSegmentJobs({})
      )
      yield* TestClock.adjust("2 seconds")
      assert.deepStrictEqual((yield* Fiber.join(fiber)).body, { x: 1 })
      assert.deepStrictEqual(stub.aborted, [])
    }))
})

describe("PersonalizeClient.rateLimited", () => {
  it.effect("without RateLimit.layer every call goes at once", () =>
    Effect.gen(function*() {
      const stub = port(() => ok)
      const limited = PersonalizeClient.rateLimited(stub.client)
      yield* Effect.all([1, 2, 3].map(() => limited.listBatchSegmentJobs({})), { concurrency: "unbounded" })
      assert.deepStrictEqual(stub.times, [0, 0, 0])
    }))

  it.effect("under RateLimit.layer the calls are spaced at its rate, and a throttle lowers it", () =>
    Effect.gen(function*() {
      const stub = port((call) =>
        call === 3 ? Effect.fail(new PersonalizeError.ThrottlingException({ code: "ThrottlingException" })) : ok
      )
      const limited = PersonalizeClient.rateLimited(stub.client)
      const fiber = yield* Effect.forkChild(
        Effect.all([1, 2, 3].map(() => Effect.exit(limited.listBatchSegmentJobs({}))), { concurrency: "unbounded" })
          .pipe(
            Effect.andThen(Effect.service(RateLimit.CurrentLimiter)),
            Effect.flatMap((limiter) => limiter!.rate),
            Effect.provide(RateLimit.layer({ requestsPerSecond: 2 }))
          )
      )
      yield* TestClock.adjust("1 second")
      const rate = yield* Fiber.join(fiber)
      assert.deepStrictEqual(stub.times, [0, 500, 1000])
      assert.isBelow(rate, 2)
    }))
})

describe("PersonalizeClient.instrumented", () => {
  it.effect("counts each call and each error by error.type", () =>
    Effect.gen(function*() {
      const stub = port((call) => call === 2 ? Effect.fail(invalid) : ok)
      const counted = PersonalizeClient.instrumented(stub.client)
      const requests = Metric.withAttributes(Metrics.requests, Metrics.rpcAttributes)
      const errors = Metric.withAttributes(Metrics.errors, {
        ...Metrics.rpcAttributes,
        "error.type": "InvalidInputException"
      })
      const before = [(yield* Metric.value(requests)).count, (yield* Metric.value(errors)).count]
      yield* counted.listBatchSegmentJobs({})
      yield* Effect.exit(counted.listBatchSegmentJobs({}))
      const after = [(yield* Metric.value(requests)).count, (yield* Metric.value(errors)).count]
      assert.deepStrictEqual([after[0]! - before[0]!, after[1]! - before[1]!], [2, 1])
    }))
})

describe("PersonalizeClient.retry", () => {
  const spaced: Retry.Policy = Schedule.spaced("1 second").pipe(Schedule.upTo({ times: 3 }))

  it.effect("retries a retryable error after the policy's delays, until the policy ends", () =>
    Effect.gen(function*() {
      const stub = port(() => Effect.fail(unavailable))
      const fiber = yield* Effect.forkChild(
        Effect.exit(PersonalizeClient.retry(stub.client, { policy: spaced }).listBatchSegmentJobs({}))
      )
      yield* TestClock.adjust("10 seconds")
      const exit = yield* Fiber.join(fiber)
      assert.deepStrictEqual(exit, Exit.fail(unavailable))
      assert.deepStrictEqual(stub.times, [0, 1000, 2000, 3000])
    }))

  it.effect("does not retry an error that is not retryable, and takes nothing from the budget for it", () =>
    Effect.gen(function*() {
      const stub = port(() => Effect.fail(invalid))
      const budget = Retry.makeBudget({ capacity: 10 })
      const exit = yield* Effect.exit(
        PersonalizeClient.retry(stub.client, { policy: spaced, budget }).listBatchSegmentJobs({})
      )
      assert.deepStrictEqual(exit, Exit.fail(invalid))
      assert.deepStrictEqual(stub.times, [0])
      assert.strictEqual(yield* budget.available, 10)
    }))

  it.effect("the budget is a check of the schedule: an empty one ends the retries with the last error", () =>
    Effect.gen(function*() {
      const stub = port(() => Effect.fail(unavailable))
      const budget = Retry.makeBudget({ capacity: 10, retryCost: 5 })
      const fiber = yield* Effect.forkChild(
        Effect.exit(PersonalizeClient.retry(stub.client, { policy: spaced, budget }).listBatchSegmentJobs({}))
      )
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(stub.times, [0, 1000, 2000])
      assert.strictEqual(yield* budget.available, 0)
    }))

  it.effect("the policy in force comes from Retry.layer when the options give none", () =>
    Effect.gen(function*() {
      const stub = port((call) => call < 3 ? Effect.fail(unavailable) : ok)
      const fiber = yield* Effect.forkChild(
        PersonalizeClient.retry(stub.client).listBatchSegmentJobs({}).pipe(Effect.provide(Retry.layer(spaced)))
      )
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(stub.times, [0, 1000, 2000])
    }))
})
