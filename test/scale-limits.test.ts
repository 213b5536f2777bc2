import { ListBatchSegmentJobs, Metrics, RateLimit, Retry } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Chunk, Effect, Exit, Layer, Metric, Stream } from "effect"
import { busiestWindow, rig } from "./scale-harness.js"

/** One request per solution version of the emulator's jobs. */
const perVersion = (jobs: ReadonlyArray<{ readonly solutionVersionArn?: string | undefined }>) =>
  Array.from(new Set(jobs.map((job) => job.solutionVersionArn!))).map((solutionVersionArn) => ({
    solutionVersionArn
  }))

/** The times of the requests the emulator received, in milliseconds from the first. */
const times = (log: ReadonlyArray<{ readonly at: Date }>) => {
  const at = log.map((entry) => entry.at.getTime())
  return at.map((t) => t - at[0])
}

/** Each request's jobs, by index, as they came. */
const byRequest = (items: ReadonlyArray<ListBatchSegmentJobs.Many.Job>) => {
  const out = new Map<number, Array<string>>()
  for (const item of items) {
    const jobs = out.get(item.index) ?? []
    jobs.push(item.job.batchSegmentJobArn!)
    out.set(item.index, jobs)
  }
  return out
}

describe("RateLimit.layer against the HTTP emulator", () => {
  it.scoped("8 concurrent streams through one limiter never exceed the rate in any window", () =>
    Effect.gen(function*() {
      const rate = 10
      const { drive, emulator, layer } = yield* rig({
        // the service's own limit, as strict as the client's: a request early by a millisecond would be throttled
        emulator: {
          generate: { solutionVersions: 8, jobsPerVersion: 25, seed: 5 },
          rateLimit: { requestsPerSecond: rate, burst: 1 }
        }
      })
      const jobs = yield* emulator.jobs
      const requests = perVersion(jobs)
      assert.strictEqual(requests.length, 8)
      const exit = yield* drive(
        ListBatchSegmentJobs.streamMany(requests, { concurrency: 8, pageSize: 5 }).pipe(
          Stream.runCollect,
          Effect.map(Chunk.toReadonlyArray),
          Effect.provide(Layer.mergeAll(layer, RateLimit.layer({ requestsPerSecond: rate }), Retry.layerBudget()))
        )
      )
      if (Exit.isFailure(exit)) return assert.fail(Cause.pretty(exit.cause))
      for (const [index, arns] of byRequest(exit.value)) {
        const expected = jobs.filter((job) => job.solutionVersionArn === requests[index].solutionVersionArn)
        assert.deepStrictEqual(arns, expected.map((job) => job.batchSegmentJobArn), `request ${index}`)
      }
      const stats = yield* emulator.stats
      const at = times(yield* emulator.requestLog)
      console.log(
        `rate limit: ${stats.requests} requests in ${at.at(-1)} ms at ${rate}/s; busiest second ${
          busiestWindow(at, 1000)
        }, throttled ${stats.throttled}`
      )
      assert.strictEqual(stats.requests, 8 * 5)
      assert.strictEqual(stats.throttled, 0)
      assert.isAtMost(busiestWindow(at, 1000), rate)
      assert.isAtMost(busiestWindow(at, 1000 / rate), 1, "evenly spaced: burst 1")
      // and no slower than the rate: the 40th request at 3.9 s
      assert.strictEqual(at.at(-1), (stats.requests - 1) * 1000 / rate)
    }))

  it.scoped("adaptive: 8 streams starting at 4x the service's rate settle under it", () =>
    Effect.gen(function*() {
      const rate = 10
      const { drive, emulator, layer } = yield* rig({
        emulator: {
          generate: { solutionVersions: 8, jobsPerVersion: 40, seed: 6 },
          rateLimit: { requestsPerSecond: rate }
        }
      })
      const jobs = yield* emulator.jobs
      const requests = perVersion(jobs)
      const exit = yield* drive(
        ListBatchSegmentJobs.streamMany(requests, { concurrency: 8, pageSize: 4 }).pipe(
          Stream.runCollect,
          Effect.map(Chunk.toReadonlyArray),
          Effect.provide(Layer.mergeAll(layer, RateLimit.layer({ requestsPerSecond: 4 * rate }), Retry.layerBudget()))
        )
      )
      if (Exit.isFailure(exit)) return assert.fail(Cause.pretty(exit.cause))
      assert.strictEqual(exit.value.length, jobs.length, "every job")
      for (const [index, arns] of byRequest(exit.value)) {
        const expected = jobs.filter((job) => job.solutionVersionArn === requests[index].solutionVersionArn)
        assert.deepStrictEqual(arns, expected.map((job) => job.batchSegmentJobArn), `request ${index}: once, in order`)
      }
      const stats = yield* emulator.stats
      const log = yield* emulator.requestLog
      const at = times(log)
      const total = at.at(-1)!
      const ideal = stats.pages / rate * 1000
      // stricter: the service's burst (one second's worth) lets the first `rate` requests go at once
      const idealAfterBurst = (stats.pages - rate) / rate * 1000
      const throttles = log.filter((entry) => entry.throttled).map((entry) => entry.at.getTime() - log[0].at.getTime())
      const lastThrottle = throttles.at(-1) ?? 0
      console.log(
        `adaptive: ${stats.pages} pages, ${stats.throttled} throttled (the last at ${lastThrottle} ms), ${total} ms; ${
          (total / ideal).toFixed(3)
        }x the ideal (pages / rate), ${(total / idealAfterBurst).toFixed(3)}x the ideal after the burst`
      )
      assert.isAbove(stats.throttled, 0, "the limiter started above the service's rate")
      assert.isAtMost(lastThrottle, 3000, "settled after the first seconds")
      assert.isAtMost(total, 1.2 * ideal)
      assert.isAtMost(total, 1.2 * idealAfterBurst)
    }))
})

describe("the retry budget against the HTTP emulator", () => {
  it.scoped("50 concurrent calls against a service that answers 503 make at most the budget's worth of retries", () =>
    Effect.gen(function*() {
      const { drive, emulator, layer } = yield* rig({
        emulator: {
          generate: { solutionVersions: 1, jobsPerVersion: 1 },
          faults: { script: () => "serviceUnavailable" }
        }
      })
      const exit = yield* drive(
        Effect.forEach(Array.from({ length: 50 }), () => Effect.flip(ListBatchSegmentJobs.list({})), {
          concurrency: "unbounded"
        }).pipe(Effect.provide(Layer.merge(layer, Retry.layerBudget())))
      )
      if (Exit.isFailure(exit)) return assert.fail(Cause.pretty(exit.cause))
      for (const error of exit.value) {
        assert.strictEqual(error._tag, "PersonalizeServiceException")
        if (error._tag === "PersonalizeServiceException") assert.strictEqual(error.status, 503)
      }
      const stats = yield* emulator.stats
      const retries = stats.requests - 50
      console.log(`retry budget: 50 calls, ${stats.requests} requests, ${retries} retries`)
      // 500 tokens at 5 a retry: 100; without the budget, 50 calls would make 4 retries each (200)
      assert.strictEqual(retries, Retry.budgetDefaults.capacity / Retry.budgetDefaults.retryCost)
    }))
})

describe("metrics against the HTTP emulator", () => {
  const counter = (metric: Metric.Metric.Counter<number>, errorType?: string) => {
    const tags: Record<string, string> = {
      "rpc.system": "aws-api",
      "rpc.service": "Personalize",
      "rpc.method": "ListBatchSegmentJobs",
      ...(errorType === undefined ? {} : { "error.type": errorType })
    }
    return Effect.map(
      Metric.value(Object.entries(tags).reduce((m, [k, v]) => Metric.tagged(m, k, v), metric)),
      (state) => state.count
    )
  }
  const snapshot = Effect.all({
    requests: counter(Metrics.requests),
    pages: counter(Metrics.pages),
    jobs: counter(Metrics.jobs),
    throttles: counter(Metrics.throttles),
    retriesThrottling: counter(Metrics.retries, "ThrottlingException"),
    retriesService: counter(Metrics.retries, "PersonalizeServiceException"),
    retriesTransport: counter(Metrics.retries, "TransportError"),
    errorsThrottling: counter(Metrics.errors, "ThrottlingException"),
    errorsService: counter(Metrics.errors, "PersonalizeServiceException"),
    errorsTransport: counter(Metrics.errors, "TransportError")
  })

  const scripted = [
    "throttle",
    "tooManyRequests",
    "internalError",
    "serviceUnavailable",
    "connectionReset",
    "hang",
    "latency"
  ] as const

  it.scoped("after a known run, the core's counters equal the emulator's own", () =>
    Effect.gen(function*() {
      const { drive, emulator, layer } = yield* rig({
        emulator: {
          generate: { solutionVersions: 3, jobsPerVersion: 60, seed: 11 },
          rateLimit: { requestsPerSecond: 8, burst: 4 },
          // every third request gets the next of these faults (unless the rate limit throttled it)
          faults: {
            script: ({ index }) => index % 3 === 0 ? scripted[(index / 3) % scripted.length] : undefined,
            latency: "200 millis"
          }
        }
      })
      const requests = perVersion(yield* emulator.jobs)
      const before = yield* snapshot
      const exit = yield* drive(
        ListBatchSegmentJobs.streamMany(requests, { concurrency: 3, pageSize: 5, timeout: "2 seconds" }).pipe(
          Stream.runCount,
          Effect.provide(Layer.merge(layer, Retry.layerBudget()))
        )
      )
      if (Exit.isFailure(exit)) return assert.fail(Cause.pretty(exit.cause))
      const after = yield* snapshot
      const delta = Object.fromEntries(
        Object.entries(after).map(([k, v]) => [k, v - before[k as keyof typeof before]])
      )
      const stats = yield* emulator.stats
      const e = (code: string) => stats.errors[code] ?? 0
      const throttled = e("ThrottlingException") + e("TooManyRequestsException")
      const serverErrors = e("InternalServerError") + e("ServiceUnavailable")
      const lost = (stats.faults.connectionReset ?? 0) + (stats.faults.hang ?? 0)
      console.log(`metrics: ${JSON.stringify(delta)}; emulator: ${JSON.stringify(stats)}`)
      assert.isAbove(stats.throttled, 0, "the rate limit throttled")
      // the run met every kind of failure a client retries (a scripted `throttle` may fall on a request that the
      // rate limit throttled first)
      assert.isAbove(e("TooManyRequestsException"), 0, "a 429")
      assert.isAbove(serverErrors, 0, "a 500 or 503")
      assert.isAbove(stats.faults.connectionReset ?? 0, 0, "a reset connection")
      assert.isAbove(stats.faults.hang ?? 0, 0, "a hung request timed out")
      assert.strictEqual(exit.value, 180)
      assert.deepStrictEqual(delta, {
        requests: stats.requests,
        pages: stats.pages,
        jobs: stats.jobs,
        throttles: throttled,
        // every failed attempt was retried: the run succeeded
        retriesThrottling: throttled,
        retriesService: serverErrors,
        retriesTransport: lost,
        errorsThrottling: throttled,
        errorsService: serverErrors,
        errorsTransport: lost
      })
      assert.strictEqual(stats.aborted, stats.faults.hang)
    }))
})
