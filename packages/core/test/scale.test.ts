import {
  ListBatchSegmentJobs,
  Metrics,
  PersonalizeClient,
  PersonalizeError,
  RateLimit,
  Retry
} from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import {
  Chunk,
  Clock,
  Duration,
  Effect,
  Exit,
  Fiber,
  Layer,
  Logger,
  LogLevel,
  Metric,
  Option,
  Random,
  Stream,
  TestClock
} from "effect"
import { arn, busiestWindow, service } from "./utils/service.js"

/** Runs `effect` to its end under the TestClock, advancing it in small steps. */
// Runs `effect` while the test clock moves on by `step`; effect's `Random` is seeded (the retry policy's jitter), so
// that a run's timing is the same every time.
const drive = <A, E>(effect: Effect.Effect<A, E>, step: Duration.DurationInput = "10 millis") =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(Effect.withRandom(effect, Random.make("scale.test")))
    while (fiber.unsafePoll() === null) yield* TestClock.adjust(step)
    return yield* Fiber.await(fiber)
  })

const requests = (count: number) => Array.from({ length: count }, (_, i) => ({ solutionVersionArn: arn(i) }))

describe("RateLimit.layer", () => {
  it.effect("8 concurrent streams through one limiter never exceed the rate in any window", () =>
    Effect.gen(function*() {
      const svc = service({ pages: 5, pageSize: 3 })
      const exit = yield* drive(
        ListBatchSegmentJobs.streamMany(requests(8), { concurrency: 8 }).pipe(
          Stream.runCount,
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
        ListBatchSegmentJobs.streamMany(requests(4), { concurrency: 4 }).pipe(
          Stream.runDrain,
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
      const start = 0
      const exit = yield* drive(
        ListBatchSegmentJobs.streamMany(requests(8), { concurrency: 8 }).pipe(
          Stream.runCollect,
          Effect.provide(
            Layer.mergeAll(svc.layer, RateLimit.layer({ requestsPerSecond: 4 * rate }), Retry.layerBudget())
          )
        )
      )
      assert.isTrue(Exit.isSuccess(exit))
      const jobs = Exit.isSuccess(exit) ? Chunk.toReadonlyArray(exit.value) : []
      const keys = jobs.map((item) => item.job.jobName)
      assert.strictEqual(keys.length, 8 * 10 * 2)
      assert.strictEqual(new Set(keys).size, keys.length, "every job once")
      const pages = svc.counts.pages
      const ideal = (pages - rate) / rate * 1000 // the first `burst` pages go at once
      const total = Math.max(...svc.times) - start
      assert.isAtMost(total, 1.2 * ideal, `took ${total} ms for ${pages} pages, ideal ${ideal} ms`)
      assert.strictEqual(svc.times.length, pages + svc.counts.throttled)
      const lastThrottle = svc.throttleTimes.at(-1) ?? 0
      assert.isAtMost(lastThrottle, 3000, `throttled until ${lastThrottle} ms`)
    }))
})

describe("the retry budget", () => {
  const unavailable = () =>
    PersonalizeError.fromServiceError({ code: "ServiceUnavailable", status: 503, message: "Service Unavailable" })

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
  const counter = (metric: Metric.Metric.Counter<number>, tags: Record<string, string> = {}) =>
    Effect.map(
      Metric.value(
        Object.entries({
          "rpc.system": "aws-api",
          "rpc.service": "Personalize",
          "rpc.method": "ListBatchSegmentJobs",
          ...tags
        }).reduce((m, [k, v]) => Metric.tagged(m, k, v), metric)
      ),
      (state) => state.count
    )

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
        ListBatchSegmentJobs.streamMany(requests(3), { concurrency: 3 }).pipe(
          Stream.runDrain,
          Effect.provide(Layer.mergeAll(
            svc.layer,
            Retry.layerBudget(),
            Retry.layer(Retry.makePolicy({ retries: 50, maxElapsed: "10 minutes" }))
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
      const histogram = yield* Metric.value(
        Metrics.requestDuration.pipe(
          Metric.tagged("rpc.system", "aws-api"),
          Metric.tagged("rpc.service", "Personalize"),
          Metric.tagged("rpc.method", "ListBatchSegmentJobs")
        )
      )
      assert.isAtLeast(histogram.count, svc.counts.pages)
    }))

  it.effect("one debug line per request and one warning per retry, with no token in them", () =>
    Effect.gen(function*() {
      const lines: Array<{ level: string; message: string; annotations: Record<string, unknown> }> = []
      const logger = Logger.make(({ annotations, logLevel, message }) => {
        lines.push({
          level: logLevel.label,
          message: String(Array.isArray(message) ? message[0] : message),
          annotations: Object.fromEntries(annotations)
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
          Effect.provide(Layer.mergeAll(layer, Logger.replace(Logger.defaultLogger, logger))),
          Logger.withMinimumLogLevel(LogLevel.Debug)
        )
      )
      const debug = lines.filter((l) => l.level === "DEBUG")
      const warnings = lines.filter((l) => l.level === "WARN")
      assert.strictEqual(debug.length, 3, "three requests: page 1, page 2 throttled, page 2 again")
      assert.deepInclude(debug[0].annotations, { page: 1, pageSize: 7, attempt: 1, requestId: "req-1" })
      assert.deepInclude(debug[1].annotations, { page: 2, attempt: 1, error: "ThrottlingException" })
      assert.deepInclude(debug[2].annotations, { page: 2, attempt: 2, requestId: "req-3" })
      assert.isNumber(debug[0].annotations.latencyMs)
      assert.strictEqual(warnings.length, 1)
      assert.deepInclude(warnings[0].annotations, { error: "ThrottlingException", attempt: 1 })
      assert.isTrue(Number.isInteger(warnings[0].annotations.delayMs), "the delay in whole milliseconds")
      assert.notInclude(JSON.stringify(lines), "secret-token")
    }))

  it.effect("a retry warning names the solution version of its listing, so that a fan-out's log tells them apart", () =>
    Effect.gen(function*() {
      const warnings: Array<Record<string, unknown>> = []
      const logger = Logger.make(({ annotations, logLevel }) => {
        if (logLevel === LogLevel.Warning) warnings.push(Object.fromEntries(annotations))
      })
      const throttledOnce = new Set<string>()
      const layer = PersonalizeClient.layerTest((request) =>
        Effect.suspend(() => {
          const version = request.solutionVersionArn ?? "none"
          if (version === arn(1) && !throttledOnce.has(version)) {
            throttledOnce.add(version)
            return Effect.fail(PersonalizeError.fromServiceError({ code: "ThrottlingException", status: 400 }))
          }
          return Effect.succeed({ body: { batchSegmentJobs: [{ jobName: "a" }] }, requestId: "r" })
        })
      )
      const exit = yield* drive(
        Stream.runCollect(ListBatchSegmentJobs.streamMany(requests(2))).pipe(
          Effect.provide(Layer.mergeAll(layer, Logger.replace(Logger.defaultLogger, logger)))
        )
      )
      assert.isTrue(Exit.isSuccess(exit) && Chunk.size(exit.value) === 2, "both listings end, one job each")
      assert.strictEqual(warnings.length, 1)
      assert.deepInclude(warnings[0], { error: "ThrottlingException", solutionVersionArn: arn(1) })
    }))
})

describe("ListBatchSegmentJobs.streamMany", () => {
  it.effect("each job with its request, each request in its own order", () =>
    Effect.gen(function*() {
      const svc = service({ pages: 3, pageSize: 2 })
      const items = yield* ListBatchSegmentJobs.streamMany(requests(5), { concurrency: 3 }).pipe(
        Stream.runCollect,
        Effect.provide(svc.layer)
      )
      const all = Chunk.toReadonlyArray(items)
      assert.strictEqual(all.length, 5 * 3 * 2)
      for (let i = 0; i < 5; i++) {
        const mine = all.filter((item) => item.index === i)
        assert.deepStrictEqual(mine.map((item) => item.job.jobName), [0, 1, 2, 3, 4, 5].map((n) => `s${i}-${n}`))
        for (const item of mine) {
          assert.strictEqual(item.request.solutionVersionArn, arn(i))
          assert.strictEqual(item.job.solutionVersionArn, arn(i))
        }
      }
    }))

  it.effect("by default the first failure fails the stream", () =>
    Effect.gen(function*() {
      const error = yield* ListBatchSegmentJobs.streamMany([{ solutionVersionArn: arn(0) }, { maxResults: 0 }]).pipe(
        Stream.runDrain,
        Effect.flip,
        Effect.provide(service({ pages: 1, pageSize: 1 }).layer)
      )
      assert.strictEqual(error._tag, "InvalidInputException")
    }))

  it.effect("onFailure continue: the failed request is reported with its resume token, the others finish", () =>
    Effect.gen(function*() {
      let calls = 0
      const good = service({ pages: 3, pageSize: 2 })
      // request 1 fails on its third page, every time
      const layer = PersonalizeClient.layerTest((request) =>
        request.solutionVersionArn === arn(1) && request.nextToken === "2"
          ? Effect.sync(() => calls++).pipe(
            Effect.zipRight(
              Effect.fail(PersonalizeError.fromServiceError({ code: "AccessDeniedException", status: 400 }))
            )
          )
          : Effect.flatMap(PersonalizeClient.PersonalizeClient, (c) => c.listBatchSegmentJobs(request)).pipe(
            Effect.provide(good.layer)
          )
      )
      const items = Chunk.toReadonlyArray(
        yield* ListBatchSegmentJobs.streamMany(requests(3), { concurrency: 3, onFailure: "continue" }).pipe(
          Stream.runCollect,
          Effect.provide(layer)
        )
      )
      const failed = items.filter((item) => item._tag === "Failed")
      assert.strictEqual(failed.length, 1)
      const failure = failed[0]
      assert.strictEqual(failure._tag === "Failed" && failure.index, 1)
      assert.strictEqual(failure._tag === "Failed" && failure.error._tag, "AccessDeniedException")
      assert.strictEqual(items.filter((item) => item._tag === "Job").length, 3 * 6 - 2)
      const lastJobOfOne = items.reduce((last, item, i) => item._tag === "Job" && item.index === 1 ? i : last, -1)
      assert.isAbove(
        items.findIndex((item) => item._tag === "Failed"),
        lastJobOfOne,
        "the failure comes after its jobs"
      )

      // resumed on its own, request 1 gives exactly the jobs it had not given
      const token = failure._tag === "Failed" ? Option.getOrThrow(failure.resumeToken) : ""
      const rest = yield* ListBatchSegmentJobs.streamMany(requests(3), {
        startingTokens: [undefined, token, undefined]
      }).pipe(
        Stream.filter((item) => item.index === 1),
        Stream.map((item) => item.job.jobName),
        Stream.runCollect,
        Effect.provide(good.layer)
      )
      assert.deepStrictEqual(Chunk.toReadonlyArray(rest), ["s1-4", "s1-5"])
      assert.strictEqual(calls, 1)
    }))

  it.effect("checks every request and starting token before sending any, and names the one that is wrong", () =>
    Effect.gen(function*() {
      const svc = service({ pages: 2, pageSize: 2 })
      const run = (all: ReadonlyArray<ListBatchSegmentJobs.Request>, options?: ListBatchSegmentJobs.ManyOptions) =>
        ListBatchSegmentJobs.streamMany(all, { concurrency: 1, ...options }).pipe(
          Stream.runDrain,
          Effect.flip,
          Effect.provide(svc.layer)
        )
      // the bad ARN is last: with one at a time, the others would have been listed first
      const badArn = yield* run([...requests(2), { solutionVersionArn: "shoes-v3" }], { onFailure: "continue" })
      assert.strictEqual(badArn._tag, "InvalidInputException")
      if (badArn._tag === "InvalidInputException") {
        assert.strictEqual(badArn.origin, "client")
        assert.strictEqual(badArn.field, "solutionVersionArn")
        assert.include(badArn.detail, "(requests[2])")
      }
      const badToken = yield* run(requests(3), { startingTokens: [undefined, undefined, "epr1.tampered.0"] })
      assert.include(badToken.message, "(requests[2])")
      const tooMany = yield* run(requests(1), { startingTokens: [undefined, undefined] })
      assert.strictEqual(tooMany._tag === "InvalidInputException" && tooMany.field, "startingTokens")
      assert.strictEqual(svc.counts.requests, 0)
    }))

  it.effect("refuses a concurrency that makes no sense", () =>
    Effect.gen(function*() {
      const error = yield* ListBatchSegmentJobs.streamMany(requests(2), { concurrency: 0 }).pipe(
        Stream.runDrain,
        Effect.flip,
        Effect.provide(service({ pages: 1, pageSize: 1 }).layer)
      )
      assert.strictEqual(error._tag === "InvalidInputException" && error.field, "concurrency")
      // the value as it reads: NaN, not JSON's "null"
      const notANumber = yield* ListBatchSegmentJobs.streamMany(requests(2), { concurrency: Number.NaN }).pipe(
        Stream.runDrain,
        Effect.flip,
        Effect.provide(service({ pages: 1, pageSize: 1 }).layer)
      )
      assert.include(notANumber.message, "concurrency must be a whole number of at least 1, got NaN")
    }))
})
