import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as LogLevel from "effect/LogLevel"
import * as Metric from "effect/Metric"
import * as MetricLabel from "effect/MetricLabel"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as ScheduleIntervals from "effect/ScheduleIntervals"
import * as Schema from "effect/Schema"
import type * as Tracer from "effect/Tracer"
import type { BatchSegmentJobSummary } from "../BatchSegmentJob.js"
import type { ListOptions, Page, Request } from "../ListBatchSegmentJobs.js"
import * as Metrics from "../Metrics.js"
import type { PersonalizeClient as Client, RawResponse, WireRequest } from "../PersonalizeClient.js"
import { PersonalizeClient } from "../PersonalizeClient.js"
import type { PersonalizeError } from "../PersonalizeError.js"
import { InvalidInputException, isRetryable, ResponseDecodeError, TransportError } from "../PersonalizeError.js"
import * as Retry from "../Retry.js"
import * as RateLimit from "./rateLimit.js"
import * as schemas from "./schemas.js"

/** @internal */
export const defaultTimeout = Duration.seconds(30)

/** @internal */
export const spanAttributes = {
  "rpc.system": "aws-api",
  "rpc.service": "Personalize",
  "rpc.method": "ListBatchSegmentJobs"
} as const

const firstIssue = (error: ParseResult.ParseError): ParseResult.ArrayFormatterIssue | undefined =>
  ParseResult.ArrayFormatter.formatErrorSync(error)[0]

/**
 * Validation of anything the caller gives, before any I/O: the first broken rule, with the field it concerns —
 * `field` when the whole input is one field, else the path of the issue.
 *
 * @internal
 */
export const validate = <A, I>(schema: Schema.Schema<A, I>, input: unknown, subject: string, field?: string) =>
  Schema.decodeUnknown(schema, { onExcessProperty: "error" })(input).pipe(
    Effect.mapError((error) => {
      const issue = firstIssue(error)
      return new InvalidInputException({
        origin: "client",
        field: field ?? (issue === undefined || issue.path.length === 0 ? undefined : issue.path.map(String).join(".")),
        detail: issue === undefined ? `${subject} is not valid` : issue.message,
        cause: error
      })
    })
  )

/** @internal */
export const validateRequest = (request: Request) => validate(schemas.Request, request, "the request")

/** @internal */
export const toWire = (request: Schema.Schema.Type<typeof schemas.Request>): WireRequest => {
  const wire: { solutionVersionArn?: string; nextToken?: string; maxResults?: number } = {}
  if (request.solutionVersionArn !== undefined) wire.solutionVersionArn = request.solutionVersionArn
  if (request.nextToken !== undefined && request.nextToken !== "") wire.nextToken = request.nextToken
  if (request.maxResults !== undefined) wire.maxResults = request.maxResults
  return wire
}

const timeoutError = (timeout: Duration.Duration) => () =>
  new TransportError({
    reason: "Timeout",
    detail: `no response within ${Duration.format(timeout)} (the per-attempt timeout)`
  })

// The class of effect's live clock, whose `sleep` is a host timer (`setTimeout`).
const LiveClock = Clock.make().constructor
// the longest delay a host timer takes (a longer one fires at once)
const maxTimerMillis = 2 ** 31 - 1

/**
 * The per-attempt timeout: the call is interrupted when it is cut (the port aborts its request), and its end is
 * awaited before the timeout error, as with `Effect.timeoutFail`.
 *
 * Under the live clock, the call runs in one forked fiber and this fiber waits for it or for a host timer: one fiber
 * and a timer, where `Effect.timeoutFail` forks the call and a sleeper, joins the winner and interrupts and awaits
 * the loser (twice the fibers and their fiber-ref copies, four hand-offs through the scheduler, alive across the
 * request: the largest cost of an attempt after decoding; see `bench/README.md`). The live clock's own `sleep` is
 * that same host timer. Under any other clock (`TestClock`), its `sleep` is the only way to wait for it, and
 * `Effect.timeoutFail` is used.
 */
const withTimeout = <A, E, R>(
  call: Effect.Effect<A, E, R>,
  timeout: Duration.Duration,
  clock: Clock.Clock
): Effect.Effect<A, E | TransportError, R> => {
  const millis = Duration.toMillis(timeout)
  if (clock.constructor !== LiveClock || !(millis <= maxTimerMillis)) {
    return Effect.timeoutFail(call, { duration: timeout, onTimeout: timeoutError(timeout) })
  }
  return Effect.uninterruptibleMask((restore) =>
    Effect.flatMap(Effect.fork(restore(call)), (fiber) =>
      Effect.flatMap(
        restore(Effect.async<Exit.Exit<A, E> | undefined>((resume) => {
          const observer = (exit: Exit.Exit<A, E>) => {
            clearTimeout(timer)
            resume(Effect.succeed(exit))
          }
          const timer = setTimeout(() => {
            fiber.removeObserver(observer)
            resume(Effect.succeed(undefined))
          }, millis)
          fiber.addObserver(observer)
          // this fiber interrupted while it waits: the call is interrupted too, and its end awaited
          return Effect.suspend(() => {
            clearTimeout(timer)
            fiber.removeObserver(observer)
            return Fiber.interrupt(fiber)
          })
        })),
        (exit): Effect.Effect<A, E | TransportError> =>
          exit === undefined
            ? Effect.zipRight(Fiber.interrupt(fiber), Effect.fail(timeoutError(timeout)()))
            : Effect.zipRight(fiber.inheritAll, exit)
      ))
  )
}

/**
 * One attempt: the port call under the per-attempt timeout, under the page span so that what the transport traces
 * (the HttpClient's span, for one) nests under it.
 */
const attempt = (
  client: Client.Service,
  wire: WireRequest,
  timeout: Duration.Duration,
  clock: Clock.Clock,
  span: Tracer.Span | undefined
) => {
  const call = withTimeout(client.listBatchSegmentJobs(wire), timeout, clock)
  return Effect.either(span === undefined ? call : Effect.withParentSpan(call, span))
}

const decodeResponse = Schema.decodeUnknownEither(schemas.Response)

/** The decoded answer to one request. */
export interface Fetched {
  readonly batchSegmentJobs: ReadonlyArray<BatchSegmentJobSummary>
  readonly nextToken: Option.Option<string>
  readonly requestId: Option.Option<string>
}

// Every metric carries the RPC attributes of the spans, tagged once here: each `Metric.tagged` would merge its tag
// with the others' at every update, and the merged list, new each time, misses effect's cache of the metric's
// state, so that every update would look the state up again in the registry.
const rpcLabels = Object.entries(spanAttributes).map(([key, value]) => MetricLabel.make(key, value))
const tagged = <Type, In, Out>(metric: Metric.Metric<Type, In, Out>) => Metric.taggedWithLabels(metric, rpcLabels)
const requestDuration = tagged(Metrics.requestDuration)
const requests = tagged(Metrics.requests)
const pagesReceived = tagged(Metrics.pages)
const jobsReceived = tagged(Metrics.jobs)
const throttles = tagged(Metrics.throttles)
const rateLimitRate = tagged(Metrics.rateLimitRate)
const rateLimitWait = tagged(Metrics.rateLimitWait)

// The same, with `error.type` as well: one metric per metric and error tag, made when first needed.
const byErrorType = <Type, In, Out>(metric: Metric.Metric<Type, In, Out>) => {
  const cache = new Map<string, Metric.Metric<Type, In, Out>>()
  return (error: PersonalizeError): Metric.Metric<Type, In, Out> => {
    let found = cache.get(error._tag)
    if (found === undefined) {
      found = Metric.taggedWithLabels(metric, [...rpcLabels, MetricLabel.make("error.type", error._tag)])
      cache.set(error._tag, found)
    }
    return found
  }
}
const failedDuration = byErrorType(Metrics.requestDuration)
const errors = byErrorType(Metrics.errors)
const retries = byErrorType(Metrics.retries)
const retriesRefused = byErrorType(Metrics.retriesRefused)

/**
 * What one page call reads from its fiber, once: the client, the policy, the budget, the limiter, the clock and the
 * metric labels in force, and whether debug logs are on. Metrics are updated in place (`unsafeUpdate`, what
 * `Metric.update` does) with the fiber's labels, so that counting costs no step of the runtime.
 */
interface Env {
  readonly client: Client.Service
  readonly policy: Retry.Policy
  readonly budget: Retry.Budget
  readonly limiter: Option.Option<RateLimit.Limiter>
  readonly clock: Clock.Clock
  readonly labels: ReadonlyArray<MetricLabel.MetricLabel>
  readonly debug: boolean
}

const readEnv = (options: ListOptions | undefined) =>
  Effect.withFiberRuntime<Env, never, PersonalizeClient>((fiber) => {
    const client = Context.unsafeGet(fiber.currentContext, PersonalizeClient)
    // the budget of `Retry.layerBudget` when one is in force, else the client's own
    const shared = fiber.getFiberRef(Retry.currentBudget)
    return Effect.succeed({
      client,
      policy: options?.retry ?? fiber.getFiberRef(Retry.currentPolicy),
      budget: Option.isSome(shared) ? shared.value : client.retryBudget,
      limiter: fiber.getFiberRef(RateLimit.currentLimiter),
      clock: Context.get(fiber.currentDefaultServices, Clock.Clock),
      labels: fiber.getFiberRef(FiberRef.currentMetricLabels),
      debug: LogLevel.greaterThanEqual(LogLevel.Debug, fiber.getFiberRef(FiberRef.currentMinimumLogLevel))
    })
  })

// A retry warning says which listing it is about, so that the log of a fan-out (`streamMany`) tells its listings apart.
const listing = (wire: WireRequest): { readonly solutionVersionArn?: string } =>
  wire.solutionVersionArn === undefined ? {} : { solutionVersionArn: wire.solutionVersionArn }

/**
 * One page call: the only place that rate-limits, retries, decodes, counts and traces. The span is the caller's.
 *
 * Each attempt first waits for the shared limiter (`RateLimit.layer`), outside its timeout and outside the retry
 * time that the policy sees; a retryable error is retried when the policy allows it and the retry budget has tokens
 * for it.
 *
 * @internal
 */
export const fetch = (
  wire: WireRequest,
  options: ListOptions | undefined,
  span?: Tracer.Span,
  page?: number
): Effect.Effect<Fetched, PersonalizeError, PersonalizeClient> =>
  Effect.gen(function*() {
    const { budget, client, clock, debug, labels, limiter, policy } = yield* readEnv(options)
    const timeout = options?.timeout === undefined ? defaultTimeout : Duration.decode(options.timeout)
    let state = policy.initial
    let attempts = 0
    let taken = 0
    // Time spent waiting for the limiter, left out of the retry time that the policy sees: like the per-attempt
    // timeout, the policy's elapsed-time limit counts attempts and retry delays, not the wait for a permit.
    let queued = 0
    let raw: RawResponse
    while (true) {
      attempts++
      if (Option.isSome(limiter)) {
        const before = clock.unsafeCurrentTimeMillis()
        const waited = yield* limiter.value.take
        queued += clock.unsafeCurrentTimeMillis() - before
        rateLimitWait.unsafeUpdate(waited, labels)
        rateLimitRate.unsafeUpdate(yield* limiter.value.rate, labels)
      }
      const started = clock.unsafeCurrentTimeMillis()
      requests.unsafeUpdate(1, labels)
      const result = yield* attempt(client, wire, timeout, clock, span)
      const latency = clock.unsafeCurrentTimeMillis() - started
      if (Either.isRight(result)) {
        raw = result.right
        requestDuration.unsafeUpdate(latency, labels)
        if (Option.isSome(limiter)) yield* limiter.value.succeeded
        yield* budget.release(taken)
        if (debug) {
          yield* Effect.logDebug("ListBatchSegmentJobs request").pipe(Effect.annotateLogs({
            page: page ?? 1,
            pageSize: wire.maxResults ?? "default",
            attempt: attempts,
            latencyMs: latency,
            requestId: raw.requestId ?? "none"
          }))
        }
        break
      }
      const error = result.left
      failedDuration(error).unsafeUpdate(latency, labels)
      errors(error).unsafeUpdate(1, labels)
      if (error._tag === "ThrottlingException") {
        throttles.unsafeUpdate(1, labels)
        if (Option.isSome(limiter)) yield* limiter.value.throttled
      }
      if (debug) {
        yield* Effect.logDebug("ListBatchSegmentJobs request failed").pipe(Effect.annotateLogs({
          page: page ?? 1,
          pageSize: wire.maxResults ?? "default",
          attempt: attempts,
          latencyMs: latency,
          error: error._tag,
          requestId: ("requestId" in error ? error.requestId : undefined) ?? "none"
        }))
      }
      if (!isRetryable(error)) return yield* finish(span, attempts, error)
      // the policy's clock: the time of this call less its waits for the limiter
      const now = clock.unsafeCurrentTimeMillis() - queued
      const [next, , decision] = yield* policy.step(now, error, state)
      state = next
      if (ScheduleDecision.isDone(decision)) return yield* finish(span, attempts, error)
      const cost = yield* budget.tryAcquire(error)
      if (cost === undefined) {
        retriesRefused(error).unsafeUpdate(1, labels)
        yield* Effect.logWarning("ListBatchSegmentJobs not retried: the retry budget is empty").pipe(
          Effect.annotateLogs({ error: error._tag, attempt: attempts, page: page ?? 1, ...listing(wire) })
        )
        return yield* finish(span, attempts, error)
      }
      taken += cost
      const delay = Math.max(0, ScheduleIntervals.start(decision.intervals) - now)
      retries(error).unsafeUpdate(1, labels)
      yield* Effect.logWarning("ListBatchSegmentJobs retry").pipe(
        Effect.annotateLogs({
          error: error._tag,
          delayMs: Math.round(delay),
          attempt: attempts,
          page: page ?? 1,
          ...listing(wire)
        })
      )
      if (delay > 0) yield* Effect.sleep(delay)
    }
    span?.attribute("personalize.attempts", attempts)
    const requestId = raw.requestId
    if (span !== undefined && requestId !== undefined) span.attribute("aws.request_id", requestId)
    const decoded = decodeResponse(raw.body)
    if (Either.isLeft(decoded)) {
      const issue = firstIssue(decoded.left)
      return yield* new ResponseDecodeError({
        path: issue?.path ?? [],
        detail: issue?.message ?? "not a ListBatchSegmentJobs response",
        requestId,
        cause: decoded.left
      })
    }
    const body = decoded.right
    const batchSegmentJobs = body.batchSegmentJobs ?? []
    pagesReceived.unsafeUpdate(1, labels)
    jobsReceived.unsafeUpdate(batchSegmentJobs.length, labels)
    return {
      batchSegmentJobs,
      nextToken: body.nextToken === undefined || body.nextToken === "" ? Option.none() : Option.some(body.nextToken),
      requestId: Option.fromNullable(requestId)
    }
  })

const finish = (span: Tracer.Span | undefined, attempts: number, error: PersonalizeError) => {
  span?.attribute("personalize.attempts", attempts)
  return Effect.fail(error)
}

/** @internal */
export const list = (
  request: Request,
  options?: ListOptions
): Effect.Effect<Page, PersonalizeError, PersonalizeClient> =>
  Effect.useSpan(
    "ListBatchSegmentJobs.list",
    // no captured stack, as on the page spans (see `pagination.ts`)
    { kind: "client", attributes: spanAttributes, captureStackTrace: false },
    (span) =>
      Effect.gen(function*() {
        const valid = yield* validateRequest(request)
        const wire = toWire(valid)
        const fetched = yield* fetch(wire, options, span)
        span.attribute("personalize.items", fetched.batchSegmentJobs.length)
        return {
          ...fetched,
          position: { nextToken: wire.nextToken, after: undefined, solutionVersionArn: wire.solutionVersionArn },
          skipped: 0,
          truncated: false
        }
      })
  )
