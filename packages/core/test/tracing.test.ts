import {
  ListBatchSegmentJobs,
  Metrics,
  PersonalizeClient,
  PersonalizeError,
  RateLimit,
  Retry
} from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Logger, LogLevel, Metric, Option, Stream, TestClock, Tracer } from "effect"
import { fake, layout } from "./utils/fake.js"

interface Recorded {
  readonly name: string
  readonly parent: string | undefined
  readonly attributes: Map<string, unknown>
  readonly kind: Tracer.SpanKind
  ended: boolean
}

const recordingTracer = () => {
  const spans: Array<Recorded> = []
  let id = 0
  const tracer = Tracer.make({
    span(name, parent, context, links, startTime, kind) {
      const spanId = `span-${++id}`
      const recorded: Recorded = {
        name,
        parent: Option.isSome(parent) && parent.value._tag === "Span"
          ? spans.find((s) => (s as any).spanId === parent.value.spanId)?.name
          : undefined,
        attributes: new Map(),
        kind,
        ended: false
      }
      ;(recorded as any).spanId = spanId
      spans.push(recorded)
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId,
        traceId: "trace",
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes: recorded.attributes,
        links,
        sampled: true,
        kind,
        end: () => {
          recorded.ended = true
        },
        attribute: (key, value) => {
          recorded.attributes.set(key, value)
        },
        event: () => {},
        addLinks: () => {}
      }
      return span
    },
    context: (f) => f()
  })
  return { tracer, spans }
}

describe("tracing", () => {
  it.effect("list makes one client span with the AWS RPC attributes and the request id", () =>
    Effect.gen(function*() {
      const { spans, tracer } = recordingTracer()
      const service = fake(layout([2]))
      yield* ListBatchSegmentJobs.list({}).pipe(Effect.provide(service.layer), Effect.withTracer(tracer))
      const span = spans.find((s) => s.name === "ListBatchSegmentJobs.list")!
      assert.strictEqual(span.kind, "client")
      assert.strictEqual(span.attributes.get("rpc.system"), "aws-api")
      assert.strictEqual(span.attributes.get("rpc.service"), "Personalize")
      assert.strictEqual(span.attributes.get("rpc.method"), "ListBatchSegmentJobs")
      assert.strictEqual(span.attributes.get("aws.request_id"), "req-1")
      assert.strictEqual(span.attributes.get("personalize.items"), 2)
      assert.isTrue(span.ended)
    }))

  it.effect("a stream makes a span per page under one span with the page and item counts", () =>
    Effect.gen(function*() {
      const { spans, tracer } = recordingTracer()
      const service = fake(layout([2, 0, 3]))
      yield* Stream.runDrain(ListBatchSegmentJobs.stream({})).pipe(
        Effect.provide(service.layer),
        Effect.withTracer(tracer)
      )
      const root = spans.filter((s) => s.name === "ListBatchSegmentJobs.pages")
      const pages = spans.filter((s) => s.name === "ListBatchSegmentJobs.page")
      assert.strictEqual(root.length, 1)
      assert.strictEqual(pages.length, 3)
      assert.isTrue(pages.every((p) => p.parent === "ListBatchSegmentJobs.pages" && p.ended))
      assert.deepStrictEqual(pages.map((p) => p.attributes.get("aws.request_id")), ["req-1", "req-2", "req-3"])
      assert.strictEqual(root[0]!.attributes.get("personalize.pages"), 3)
      assert.strictEqual(root[0]!.attributes.get("personalize.items"), 5)
      assert.isTrue(root[0]!.ended)
    }))
})

// What one page call tells its logs, its metrics and its span, each word and number checked under the TestClock.
describe("a page call's logs, metrics and span", () => {
  interface Line {
    readonly level: string
    readonly message: string
    readonly annotations: Record<string, unknown>
  }
  const capture = () => {
    const lines: Array<Line> = []
    const logger = Logger.make(({ annotations, logLevel, message }) => {
      lines.push({
        level: logLevel.label.toLowerCase(),
        message: String(Array.isArray(message) ? message[0] : message),
        annotations: Object.fromEntries(annotations)
      })
    })
    return { lines, layer: Logger.replace(Logger.defaultLogger, logger) }
  }
  const solutionVersionArn = "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"
  const rpc = {
    "rpc.system": "aws-api",
    "rpc.service": "Personalize",
    "rpc.method": "ListBatchSegmentJobs"
  }
  const tagged = <Type, In, Out>(metric: Metric.Metric<Type, In, Out>, tags: Record<string, string> = {}) =>
    Object.entries({ ...rpc, ...tags }).reduce((m, [k, v]) => Metric.tagged(m, k, v), metric)
  const count = (metric: Metric.Metric.Counter<number>, tags?: Record<string, string>) =>
    Effect.map(Metric.value(tagged(metric, tags)), (state) => state.count)
  const histogram = (tags?: Record<string, string>) =>
    Effect.map(Metric.value(tagged(Metrics.requestDuration, tags)), ({ count, sum }) => ({ count, sum }))
  const service503 = PersonalizeError.fromServiceError({ code: "ServiceUnavailable", status: 503, requestId: "r-503" })

  // a first attempt answered with a 503 after 40 ms, a second one with two jobs after 25 ms and no request id
  const flaky = () => {
    let calls = 0
    return PersonalizeClient.layerTest(() =>
      Effect.suspend(() =>
        ++calls === 1
          ? Effect.zipRight(Effect.sleep("40 millis"), Effect.fail(service503))
          : Effect.as(Effect.sleep("25 millis"), { body: { batchSegmentJobs: layout([2])[0] } })
      )
    )
  }
  const once = Retry.makePolicy({ base: "100 millis", retries: 1, jitter: false })

  it.effect("a failed attempt, its retry and the answer: each line word for word, with the latency on the clock", () =>
    Effect.gen(function*() {
      const log = capture()
      const { spans, tracer } = recordingTracer()
      const fiber = yield* ListBatchSegmentJobs.list({ solutionVersionArn }, { retry: once }).pipe(
        Effect.provide(Layer.merge(flaky(), log.layer)),
        Logger.withMinimumLogLevel(LogLevel.Debug),
        Effect.withTracer(tracer),
        Effect.fork
      )
      yield* TestClock.adjust("1 second")
      const page = yield* Fiber.join(fiber)
      assert.deepStrictEqual(page.requestId, Option.none())
      assert.deepStrictEqual(log.lines, [
        {
          level: "debug",
          message: "ListBatchSegmentJobs request failed",
          annotations: {
            page: 1,
            pageSize: "default",
            attempt: 1,
            latencyMs: 40,
            error: "PersonalizeServiceException",
            requestId: "r-503"
          }
        },
        {
          level: "warn",
          message: "ListBatchSegmentJobs retry",
          annotations: { error: "PersonalizeServiceException", delayMs: 100, attempt: 1, solutionVersionArn, page: 1 }
        },
        {
          level: "debug",
          message: "ListBatchSegmentJobs request",
          annotations: { page: 1, pageSize: "default", attempt: 2, latencyMs: 25, requestId: "none" }
        }
      ])
      const span = spans.find((s) => s.name === "ListBatchSegmentJobs.list")!
      assert.strictEqual(span.attributes.get("personalize.attempts"), 2)
      assert.isFalse(span.attributes.has("aws.request_id"), "no request id came with the answer")
    }))

  it.effect("no debug line below the debug level; the retry warning names no listing when the request has none", () =>
    Effect.gen(function*() {
      const log = capture()
      const fiber = yield* ListBatchSegmentJobs.list({}, { retry: once }).pipe(
        Effect.provide(Layer.merge(flaky(), log.layer)),
        Effect.fork
      )
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log.lines, [
        {
          level: "warn",
          message: "ListBatchSegmentJobs retry",
          annotations: { error: "PersonalizeServiceException", delayMs: 100, attempt: 1, page: 1 }
        }
      ])
    }))

  it.effect("an empty retry budget: one warning that says so, counted in retries_refused, and the error at once", () =>
    Effect.gen(function*() {
      const log = capture()
      const { spans, tracer } = recordingTracer()
      const refused = { "error.type": "PersonalizeServiceException" }
      const before = yield* count(Metrics.retriesRefused, refused)
      const fiber = yield* Effect.flip(ListBatchSegmentJobs.list({ solutionVersionArn }, { retry: once })).pipe(
        Effect.provide(Layer.mergeAll(flaky(), log.layer, Retry.layerBudget({ capacity: 4 }))),
        Effect.withTracer(tracer),
        Effect.fork
      )
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      assert.deepInclude(error, { _tag: "PersonalizeServiceException", status: 503, requestId: "r-503" })
      assert.deepStrictEqual(log.lines, [
        {
          level: "warn",
          message: "ListBatchSegmentJobs not retried: the retry budget is empty",
          annotations: { error: "PersonalizeServiceException", attempt: 1, solutionVersionArn, page: 1 }
        }
      ])
      assert.strictEqual((yield* count(Metrics.retriesRefused, refused)) - before, 1)
      const span = spans.find((s) => s.name === "ListBatchSegmentJobs.list")!
      assert.strictEqual(span.attributes.get("personalize.attempts"), 1)
    }))

  it.effect("the counters and the latency histogram, with and without error.type", () =>
    Effect.gen(function*() {
      const failed = { "error.type": "PersonalizeServiceException" }
      const snapshot = Effect.all({
        requests: count(Metrics.requests),
        pages: count(Metrics.pages),
        jobs: count(Metrics.jobs),
        throttles: count(Metrics.throttles),
        errors: count(Metrics.errors, failed),
        retries: count(Metrics.retries, failed),
        ok: histogram(),
        failed: histogram(failed)
      })
      const before = yield* snapshot
      const fiber = yield* ListBatchSegmentJobs.list({}, { retry: once }).pipe(Effect.provide(flaky()), Effect.fork)
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      const after = yield* snapshot
      assert.deepStrictEqual(
        {
          requests: after.requests - before.requests,
          pages: after.pages - before.pages,
          jobs: after.jobs - before.jobs,
          throttles: after.throttles - before.throttles,
          errors: after.errors - before.errors,
          retries: after.retries - before.retries,
          ok: { count: after.ok.count - before.ok.count, sum: after.ok.sum - before.ok.sum },
          failed: { count: after.failed.count - before.failed.count, sum: after.failed.sum - before.failed.sum }
        },
        {
          requests: 2,
          pages: 1,
          jobs: 2,
          throttles: 0,
          errors: 1,
          retries: 1,
          ok: { count: 1, sum: 25 },
          failed: { count: 1, sum: 40 }
        }
      )
    }))

  it.effect("a response that does not match the model: ResponseDecodeError with its path and request id, no page counted", () =>
    Effect.gen(function*() {
      const before = yield* count(Metrics.pages)
      const layer = PersonalizeClient.layerTest(() =>
        Effect.succeed({ body: { batchSegmentJobs: [{ jobName: 7 }] }, requestId: "r-bad" })
      )
      const error = yield* Effect.flip(ListBatchSegmentJobs.list({})).pipe(Effect.provide(layer))
      assert.strictEqual(error._tag, "ResponseDecodeError")
      if (error._tag === "ResponseDecodeError") {
        assert.deepStrictEqual(error.path, ["batchSegmentJobs", 0, "jobName"])
        assert.strictEqual(error.requestId, "r-bad")
        assert.match(error.detail, /^Expected /)
      }
      assert.strictEqual(yield* count(Metrics.pages), before)
    }))

  it.effect("a timeout under the TestClock: TransportError Timeout, the timeout in its detail", () =>
    Effect.gen(function*() {
      const layer = PersonalizeClient.layerTest(() => Effect.never)
      const fiber = yield* Effect.flip(ListBatchSegmentJobs.list({}, { timeout: "3 seconds", retry: Retry.none })).pipe(
        Effect.provide(layer),
        Effect.fork
      )
      yield* TestClock.adjust("3 seconds")
      const error = yield* Fiber.join(fiber)
      assert.deepInclude(error, {
        _tag: "TransportError",
        reason: "Timeout",
        detail: "no response within 3s (the per-attempt timeout)"
      })
    }))
  it.effect("a failed attempt without a request id is logged with none", () =>
    Effect.gen(function*() {
      const log = capture()
      let calls = 0
      const layer = PersonalizeClient.layerTest(() =>
        Effect.suspend(() =>
          ++calls === 1
            ? Effect.fail(new PersonalizeError.TransportError({ reason: "ConnectionReset", detail: "ECONNRESET" }))
            : Effect.succeed({ body: {}, requestId: "r-2" })
        )
      )
      const fiber = yield* ListBatchSegmentJobs.list({ maxResults: 3 }, { retry: once }).pipe(
        Effect.provide(Layer.merge(layer, log.layer)),
        Logger.withMinimumLogLevel(LogLevel.Debug),
        Effect.fork
      )
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      const debug = log.lines.filter((line) => line.level === "debug").map((line) => line.annotations)
      assert.deepInclude(debug[0], { pageSize: 3, attempt: 1, error: "TransportError", requestId: "none" })
      assert.deepInclude(debug[1], { pageSize: 3, attempt: 2, requestId: "r-2" })
    }))

  it.effect("the limiter's gauges: how long the last request waited, and the rate in force", () =>
    Effect.gen(function*() {
      const layer = PersonalizeClient.layerTest(() => Effect.succeed({ body: {} }))
      const wait = Effect.map(Metric.value(tagged(Metrics.rateLimitWait)), (state) => state.value)
      const rate = Effect.map(Metric.value(tagged(Metrics.rateLimitRate)), (state) => state.value)
      const fiber = yield* Effect.forEach([1, 2], () => ListBatchSegmentJobs.list({}), { discard: true }).pipe(
        Effect.provide(Layer.merge(layer, RateLimit.layer({ requestsPerSecond: 4, burst: 1, adaptive: false }))),
        Effect.fork
      )
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      assert.strictEqual(yield* wait, 250, "the second request waited one interval")
      assert.strictEqual(yield* rate, 4)
    }))

  it.effect("the caller's metric tags are kept on every metric", () =>
    Effect.gen(function*() {
      const tenant = { tenant: "north" }
      const before = yield* Effect.all([count(Metrics.requests, tenant), count(Metrics.pages, tenant)])
      yield* ListBatchSegmentJobs.list({}).pipe(
        Effect.provide(PersonalizeClient.layerTest(() => Effect.succeed({ body: {} }))),
        Effect.tagMetrics("tenant", "north")
      )
      const after = yield* Effect.all([count(Metrics.requests, tenant), count(Metrics.pages, tenant)])
      assert.deepStrictEqual([after[0] - before[0], after[1] - before[1]], [1, 1])
    }))
  it.effect("what the transport traces nests under the list span", () =>
    Effect.gen(function*() {
      const { spans, tracer } = recordingTracer()
      const layer = PersonalizeClient.layerTest(() => Effect.withSpan(Effect.succeed({ body: {} }), "transport"))
      yield* ListBatchSegmentJobs.list({}).pipe(Effect.provide(layer), Effect.withTracer(tracer))
      assert.strictEqual(spans.find((s) => s.name === "transport")!.parent, "ListBatchSegmentJobs.list")
    }))

  it.effect("a request that is not an object is refused with no field named", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(ListBatchSegmentJobs.list(null as unknown as ListBatchSegmentJobs.Request)).pipe(
        Effect.provide(PersonalizeClient.layerTest(() => Effect.succeed({ body: {} })))
      )
      assert.deepInclude(error, { _tag: "InvalidInputException", origin: "client", field: undefined })
      assert.match(error.message, /^Invalid request: /)
    }))

  it.effect("the adaptive limiter counts the successes: a throttle after 10 of them in a second sets the rate from them", () =>
    Effect.gen(function*() {
      let calls = 0
      const layer = PersonalizeClient.layerTest(() =>
        Effect.suspend(() =>
          ++calls === 11
            ? Effect.fail(PersonalizeError.fromServiceError({ code: "ThrottlingException", status: 400 }))
            : Effect.succeed({ body: {} })
        )
      )
      const fiber = yield* Effect.forEach(
        Array.from({ length: 12 }),
        () => Effect.either(ListBatchSegmentJobs.list({}, { retry: Retry.none })),
        { discard: true }
      ).pipe(Effect.provide(Layer.merge(layer, RateLimit.layer({ requestsPerSecond: 20, burst: 20 }))), Effect.fork)
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      // read when the 12th request, the first after the throttle, was let go: the throttle set the ceiling to
      // 0.95 x the 10 successes of the last second and the rate to half of that, from which it climbed back towards
      // the ceiling (time constant 500 ms) while the request waited
      const rate = yield* Effect.map(Metric.value(tagged(Metrics.rateLimitRate)), (state) => state.value)
      const waited = yield* Effect.map(Metric.value(tagged(Metrics.rateLimitWait)), (state) => state.value)
      assert.isAbove(waited, 0)
      assert.closeTo(rate, 9.5 - 4.75 * Math.exp(-waited / 500), 1e-9)
    }))
})
