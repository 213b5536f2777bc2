import {
  ListBatchSegmentJobs,
  Metrics,
  PersonalizeClient,
  PersonalizeError,
  RateLimit,
  Retry
} from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Duration, Effect, Exit, Fiber, Layer, Logger, Metric, Random, References, Stream } from "effect"
import { TestClock } from "effect/testing"
import { arn, busiestWindow, service } from "./utils/service.js"

// The Effect 3 edition's scale.test.ts (its policy's `maxElapsed` is this edition's `retryTime`).

// Runs `effect` while the test clock moves on by `step`; effect's `Random` is seeded (the retry policy's jitter), so
// that a run's timing is the same every time.
const drive = <A, E>(effect: Effect.Effect<A, E>, step: Duration.Input = "10 millis") =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(Random.withSeed(effect, "limits.test"))
    while (fiber.pollUnsafe() === undefined) yield* TestClock.adjust(step)
    return yield* Fiber.await(fiber)
  })

const requests = (count: number) => Array.from({ length: count }, (_, i) => ({ solutionVersionArn: arn(i) }))

const unavailable = () =>
  PersonalizeError.fromServiceError({ code: "ServiceUnavailable", status: 503, message: "Service Unavailable" })

describe("RateLimit.layer", () => {
  it.effect("8 concurrent streams through one limiter never exceed the rate in any window", () =>
    Effect.gen(function*() {
      const svc = service({ pages: 5, pageSize: 3 })
      const exit = yield* drive(
        Effect.forEach(requests(8), (request) => Stream.runCount(ListBatchSegmentJobs.stream(request)), {
          concurrency: "unbounded"
        }).pipe(
          Effect.map((counts) => counts.reduce((a, b) => a + b, 0)),
          Effect.provide(Layer.merge(svc.layer, RateLimit.layer({ requestsPerSecond: 10, adaptive: false })))
        )
      )
      assert.deepStrictEqual(exit, Exit.succeed(8 * 5 * 3))
      assert.strictEqual(svc.counts.requests, 40)
      // burst 1: at most one request a tenth of a second, so 10 in any second
      assert.isAtMost(busiestWindow(svc.times, 1000), 10)
      assert.isAtMost(busiestWindow(svc.times, 100), 1)
      assert.isAtLeast(Math.max(...svc.times) - Math.min(...svc.times), 3900)
    }))

  it.effect("a burst lets that many go at once, then the rate holds", () =>
    Effect.gen(function*() {
      const svc = service({ pages: 10, pageSize: 1 })
      yield* drive(
        Effect.forEach(requests(4), (request) => Stream.runDrain(ListBatchSegmentJobs.stream(request)), {
          concurrency: "unbounded",
          discard: true
        }).pipe(
          Effect.provide(Layer.merge(svc.layer, RateLimit.layer({ requestsPerSecond: 5, burst: 5, adaptive: false })))
        )
      )
      assert.strictEqual(svc.times.filter((t) => t === 0).length, 5)
      assert.isAtMost(busiestWindow(svc.times, 1000), 10)
    }))

  it.effect("the wait for the limiter is not part of the per-attempt timeout", () =>
    Effect.gen(function*() {
      const svc = service({ pages: 1, pageSize: 1 })
      // 20 calls at 1 a second: the last waits 19 s for the limiter, far beyond its 1 s attempt timeout
      const exit = yield* drive(
        Effect.forEach(requests(20), (request) => ListBatchSegmentJobs.list(request, { timeout: "1 second" }), {
          concurrency: "unbounded"
        }).pipe(Effect.provide(Layer.merge(svc.layer, RateLimit.layer({ requestsPerSecond: 1, adaptive: false })))),
        "100 millis"
      )
      assert.isTrue(Exit.isSuccess(exit))
      assert.strictEqual(svc.counts.requests, 20)
    }))

  it.effect("refuses a rate or a burst that makes no sense, with the field", () =>
    Effect.gen(function*() {
      const rate = yield* Effect.flip(Layer.build(RateLimit.layer({ requestsPerSecond: 0 })).pipe(Effect.scoped))
      assert.strictEqual(rate.field, "requestsPerSecond")
      assert.match(rate.message, /positive number of requests per second, got 0/)
      const burst = yield* Effect.flip(
        Layer.build(RateLimit.layer({ requestsPerSecond: 1, burst: 0.5 })).pipe(Effect.scoped)
      )
      assert.strictEqual(burst.field, "burst")
    }))

  it.effect("adaptive: 8 streams starting at 4x the service's rate settle under it", () =>
    Effect.gen(function*() {
      const rate = 10
      const svc = service({ pages: 10, pageSize: 2, limit: { requestsPerSecond: rate, burst: rate } })
      const exit = yield* drive(
        Effect.forEach(requests(8), (request) => Stream.runCollect(ListBatchSegmentJobs.stream(request)), {
          concurrency: "unbounded"
        }).pipe(
          Effect.provide(
            Layer.mergeAll(svc.layer, RateLimit.layer({ requestsPerSecond: 4 * rate }), Retry.layerBudget())
          )
        )
      )
      assert.isTrue(Exit.isSuccess(exit))
      const keys = Exit.isSuccess(exit) ? exit.value.flat().map((job) => job.jobName) : []
      assert.strictEqual(keys.length, 8 * 10 * 2)
      assert.strictEqual(new Set(keys).size, keys.length, "every job once")
      const pages = svc.counts.pages
      const ideal = (pages - rate) / rate * 1000 // the first `burst` pages go at once
      const total = Math.max(...svc.times)
      assert.isAtMost(total, 1.2 * ideal, `took ${total} ms for ${pages} pages, ideal ${ideal} ms`)
      const lastThrottle = svc.throttleTimes.at(-1) ?? 0
      assert.isAtMost(lastThrottle, 3000, `throttled until ${lastThrottle} ms`)
    }))
})

describe("the retry budget", () => {
  it.effect("50 concurrent calls against a service down make at most the budget's worth of retries", () =>
    Effect.gen(function*() {
      const svc = service({ pages: 1, pageSize: 1, fail: unavailable })
      const exit = yield* drive(
        Effect.forEach(requests(50), (request) => Effect.flip(ListBatchSegmentJobs.list(request)), {
          concurrency: "unbounded"
        }).pipe(Effect.provide(Layer.merge(svc.layer, Retry.layerBudget()))),
        "100 millis"
      )
      assert.isTrue(Exit.isSuccess(exit))
      const errors = Exit.isSuccess(exit) ? exit.value : []
      assert.strictEqual(errors.length, 50)
      for (const error of errors) assert.strictEqual(error._tag, "PersonalizeServiceException")
      const retries = svc.counts.requests - 50
      // 500 tokens at 5 a retry; without the budget, 50 calls would make 4 retries each (200)
      assert.strictEqual(retries, Retry.budgetDefaults.capacity / Retry.budgetDefaults.retryCost)
    }))

  it.effect("successes refill it; an empty budget fails a retryable error at once", () =>
    Effect.gen(function*() {
      const budget = Retry.makeBudget({ capacity: 10, retryCost: 5, successRefill: 1 })
      const down = service({ pages: 1, pageSize: 1, fail: unavailable })
      yield* drive(
        Effect.flip(ListBatchSegmentJobs.list({})).pipe(
          Effect.provide(Layer.merge(down.layer, Retry.layerBudget(budget)))
        )
      )
      assert.strictEqual(down.counts.requests, 3, "two retries, then the budget is empty")
      assert.strictEqual(yield* budget.available, 0)
      const up = service({ pages: 1, pageSize: 1 })
      yield* ListBatchSegmentJobs.list({}).pipe(Effect.provide(Layer.merge(up.layer, Retry.layerBudget(budget))))
      assert.strictEqual(yield* budget.available, 1)
      const again = service({ pages: 1, pageSize: 1, fail: unavailable })
      const error = yield* Effect.flip(ListBatchSegmentJobs.list({})).pipe(
        Effect.provide(Layer.merge(again.layer, Retry.layerBudget(budget)))
      )
      assert.strictEqual(error._tag, "PersonalizeServiceException")
      assert.strictEqual(again.counts.requests, 1, "no retry with 1 token left")
    }))
})

describe("Retry-After", () => {
  it.effect("the next delay is at least what the service asked for", () =>
    Effect.gen(function*() {
      let calls = 0
      const times: Array<number> = []
      const layer = PersonalizeClient.layerTest(() =>
        Effect.flatMap(Clock.currentTimeMillis, (now) => {
          times.push(now)
          return calls++ === 0
            ? Effect.fail(
              PersonalizeError.fromServiceError({
                code: "ThrottlingException",
                status: 400,
                retryAfter: Duration.seconds(7)
              })
            )
            : Effect.succeed({ body: {} })
        })
      )
      const exit = yield* drive(ListBatchSegmentJobs.list({}).pipe(Effect.provide(layer)), "100 millis")
      assert.isTrue(Exit.isSuccess(exit))
      assert.deepStrictEqual(times, [0, 7000])
    }))

  it.effect("a Retry-After beyond the policy's maxElapsed fails at once instead of waiting", () =>
    Effect.gen(function*() {
      const svc = service({
        pages: 1,
        pageSize: 1,
        fail: () =>
          PersonalizeError.fromServiceError({
            code: "ThrottlingException",
            status: 400,
            retryAfter: Duration.minutes(5)
          })
      })
      const error = yield* Effect.flip(ListBatchSegmentJobs.list({})).pipe(Effect.provide(svc.layer))
      assert.strictEqual(error._tag, "ThrottlingException")
      assert.deepStrictEqual(error._tag === "ThrottlingException" && error.retryAfter, Duration.minutes(5))
      assert.strictEqual(svc.counts.requests, 1)
    }))
})

describe("metrics and logs", () => {
  const counter = (metric: Metric.Counter<number>, tags: Record<string, string> = {}) =>
    Effect.map(Metric.value(Metric.withAttributes(metric, { ...Metrics.rpcAttributes, ...tags })), (s) => s.count)

  const snapshot = Effect.all({
    requests: counter(Metrics.requests),
    pages: counter(Metrics.pages),
    jobs: counter(Metrics.jobs),
    throttles: counter(Metrics.throttles),
    retries: counter(Metrics.retries, { "error.type": "ThrottlingException" }),
    errors: counter(Metrics.errors, { "error.type": "ThrottlingException" })
  })

  it.effect("after a known run the counters equal the service's own", () =>
    Effect.gen(function*() {
      const svc = service({ pages: 6, pageSize: 4, limit: { requestsPerSecond: 2, burst: 2 } })
      const before = yield* snapshot
      // patient enough that every throttle is retried and the run ends well: each retry then answers a throttle
      const exit = yield* drive(
        Effect.forEach(requests(3), (request) => Stream.runDrain(ListBatchSegmentJobs.stream(request)), {
          concurrency: "unbounded",
          discard: true
        }).pipe(
          Effect.provide(Layer.mergeAll(
            svc.layer,
            Retry.layerBudget(),
            Retry.layer(Retry.makePolicy({ retries: 50, retryTime: "10 minutes" }))
          ))
        ),
        "50 millis"
      )
      assert.isTrue(Exit.isSuccess(exit), "the run ends well")
      const after = yield* snapshot
      const delta = Object.fromEntries(
        Object.entries(after).map(([k, v]) => [k, v - before[k as keyof typeof before]])
      )
      assert.isAbove(svc.counts.throttled, 0, "the run was throttled")
      assert.deepStrictEqual(delta, {
        requests: svc.counts.requests,
        pages: svc.counts.pages,
        jobs: svc.counts.jobs,
        throttles: svc.counts.throttled,
        retries: svc.counts.throttled,
        errors: svc.counts.throttled
      })
      const histogram = yield* Metric.value(Metric.withAttributes(Metrics.requestDuration, Metrics.rpcAttributes))
      assert.isAtLeast(histogram.count, svc.counts.pages)
    }))

  it.effect("one debug line per request and one warning per retry, with no token in them", () =>
    Effect.gen(function*() {
      const lines: Array<{ level: string; message: string; annotations: Record<string, unknown> }> = []
      const logger = Logger.make(({ fiber, logLevel, message }) => {
        lines.push({
          level: logLevel,
          message: String(Array.isArray(message) ? message[0] : message),
          annotations: { ...fiber.getRef(References.CurrentLogAnnotations) }
        })
      })
      let calls = 0
      const layer = PersonalizeClient.layerTest((request) =>
        Effect.suspend(() =>
          calls++ === 1
            ? Effect.fail(PersonalizeError.fromServiceError({ code: "ThrottlingException", status: 400 }))
            : Effect.succeed({
              body: { batchSegmentJobs: [{ jobName: "a" }], nextToken: request.nextToken ? undefined : "secret-token" },
              requestId: `req-${calls}`
            })
        )
      )
      yield* drive(
        Stream.runDrain(ListBatchSegmentJobs.stream({}, { pageSize: 7 })).pipe(
          Effect.provide(Layer.mergeAll(layer, Logger.layer([logger]))),
          Effect.provideService(References.MinimumLogLevel, "Debug")
        )
      )
      const debug = lines.filter((l) => l.level === "Debug")
      const warnings = lines.filter((l) => l.level === "Warn")
      assert.strictEqual(debug.length, 3, "three requests: page 1, page 2 throttled, page 2 again")
      assert.deepInclude(debug[0]!.annotations, { page: 1, pageSize: 7, attempt: 1, requestId: "req-1" })
      assert.deepInclude(debug[1]!.annotations, { page: 2, attempt: 1, error: "ThrottlingException" })
      assert.deepInclude(debug[2]!.annotations, { page: 2, attempt: 2, requestId: "req-3" })
      assert.isNumber(debug[0]!.annotations.latencyMs)
      assert.strictEqual(warnings.length, 1)
      assert.deepInclude(warnings[0]!.annotations, { error: "ThrottlingException", attempt: 1 })
      assert.isTrue(Number.isInteger(warnings[0]!.annotations.delayMs), "the delay in whole milliseconds")
      assert.notInclude(JSON.stringify(lines), "secret-token")
    }))

  it.effect("a retry warning names the solution version of its listing, so that a fan-out's log tells them apart", () =>
    Effect.gen(function*() {
      const warnings: Array<Record<string, unknown>> = []
      const logger = Logger.make(({ fiber, logLevel }) => {
        if (logLevel === "Warn") warnings.push({ ...fiber.getRef(References.CurrentLogAnnotations) })
      })
      let throttled = false
      const layer = PersonalizeClient.layerTest((request) =>
        Effect.suspend(() => {
          if (request.solutionVersionArn === arn(1) && !throttled) {
            throttled = true
            return Effect.fail(PersonalizeError.fromServiceError({ code: "ThrottlingException", status: 400 }))
          }
          return Effect.succeed({ body: { batchSegmentJobs: [{ jobName: "a" }] }, requestId: "r" })
        })
      )
      const exit = yield* drive(
        Stream.runCollect(ListBatchSegmentJobs.streamMany(requests(2))).pipe(
          Effect.provide(Layer.mergeAll(layer, Logger.layer([logger])))
        )
      )
      assert.isTrue(Exit.isSuccess(exit) && exit.value.length === 2, "both listings end, one job each")
      assert.strictEqual(warnings.length, 1)
      assert.deepInclude(warnings[0], { error: "ThrottlingException", solutionVersionArn: arn(1) })
    }))
})
