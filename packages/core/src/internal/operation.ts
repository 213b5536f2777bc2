import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import * as LogLevel from "effect/LogLevel"
import * as Metric from "effect/Metric"
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

/** One attempt: the port call under the per-attempt timeout (the port aborts the request when it is cut). */
const attempt = (client: Client.Service, wire: WireRequest, timeout: Duration.Duration) =>
  client.listBatchSegmentJobs(wire).pipe(
    Effect.timeoutFail({
      duration: timeout,
      onTimeout: () =>
        new TransportError({
          reason: "Timeout",
          detail: `no response within ${Duration.format(timeout)} (the per-attempt timeout)`
        })
    })
  )

const decodeResponse = Schema.decodeUnknown(schemas.Response)

/** The decoded answer to one request. */
export interface Fetched {
  readonly batchSegmentJobs: ReadonlyArray<BatchSegmentJobSummary>
  readonly nextToken: Option.Option<string>
  readonly requestId: Option.Option<string>
}

// Every metric carries the RPC attributes of the spans.
const tagged = <Type, In, Out>(metric: Metric.Metric<Type, In, Out>) =>
  metric.pipe(
    Metric.tagged("rpc.system", spanAttributes["rpc.system"]),
    Metric.tagged("rpc.service", spanAttributes["rpc.service"]),
    Metric.tagged("rpc.method", spanAttributes["rpc.method"])
  )
const requestDuration = tagged(Metrics.requestDuration)
const requests = tagged(Metrics.requests)
const pagesReceived = tagged(Metrics.pages)
const jobsReceived = tagged(Metrics.jobs)
const errors = tagged(Metrics.errors)
const retries = tagged(Metrics.retries)
const retriesRefused = tagged(Metrics.retriesRefused)
const throttles = tagged(Metrics.throttles)
const rateLimitRate = tagged(Metrics.rateLimitRate)
const rateLimitWait = tagged(Metrics.rateLimitWait)
const byErrorType = <Type, In, Out>(metric: Metric.Metric<Type, In, Out>, error: PersonalizeError) =>
  Metric.tagged(metric, "error.type", error._tag)

const debugEnabled = Effect.map(
  FiberRef.get(FiberRef.currentMinimumLogLevel),
  (minimum) => LogLevel.greaterThanEqual(LogLevel.Debug, minimum)
)

/**
 * One page call: the only place that rate-limits, retries, decodes, counts and traces. The span is the caller's.
 *
 * Each attempt first waits for the shared limiter (`RateLimit.layer`), outside its timeout; a retryable error is
 * retried when the policy allows it and the retry budget has tokens for it.
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
    const client = yield* PersonalizeClient
    const policy = options?.retry ?? (yield* FiberRef.get(Retry.currentPolicy))
    const budget = yield* FiberRef.get(Retry.currentBudget)
    const limiter = yield* FiberRef.get(RateLimit.currentLimiter)
    const debug = yield* debugEnabled
    const timeout = options?.timeout === undefined ? defaultTimeout : Duration.decode(options.timeout)
    let state = policy.initial
    let attempts = 0
    let taken = 0
    let raw: RawResponse
    while (true) {
      attempts++
      if (Option.isSome(limiter)) {
        const waited = yield* limiter.value.take
        yield* Metric.set(rateLimitWait, waited)
        yield* Metric.set(rateLimitRate, yield* limiter.value.rate)
      }
      const started = yield* Clock.currentTimeMillis
      yield* Metric.increment(requests)
      // The page span is the parent of what the transport traces (the HttpClient's span, for one).
      const call = attempt(client, wire, timeout)
      const result = yield* Effect.either(span === undefined ? call : Effect.withParentSpan(call, span))
      const latency = (yield* Clock.currentTimeMillis) - started
      if (Either.isRight(result)) {
        raw = result.right
        yield* Metric.update(requestDuration, latency)
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
      yield* Metric.update(byErrorType(requestDuration, error), latency)
      yield* Metric.increment(byErrorType(errors, error))
      if (error._tag === "ThrottlingException") {
        yield* Metric.increment(throttles)
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
      const now = yield* Clock.currentTimeMillis
      const [next, , decision] = yield* policy.step(now, error, state)
      state = next
      if (ScheduleDecision.isDone(decision)) return yield* finish(span, attempts, error)
      const cost = yield* budget.tryAcquire(error)
      if (cost === undefined) {
        yield* Metric.increment(byErrorType(retriesRefused, error))
        yield* Effect.logWarning("ListBatchSegmentJobs not retried: the retry budget is empty").pipe(
          Effect.annotateLogs({ error: error._tag, attempt: attempts })
        )
        return yield* finish(span, attempts, error)
      }
      taken += cost
      const delay = Math.max(0, ScheduleIntervals.start(decision.intervals) - now)
      yield* Metric.increment(byErrorType(retries, error))
      yield* Effect.logWarning("ListBatchSegmentJobs retry").pipe(
        Effect.annotateLogs({ error: error._tag, delayMs: delay, attempt: attempts })
      )
      if (delay > 0) yield* Effect.sleep(delay)
    }
    span?.attribute("personalize.attempts", attempts)
    const requestId = Option.fromNullable(raw.requestId)
    if (span !== undefined && raw.requestId !== undefined) span.attribute("aws.request_id", raw.requestId)
    const body = yield* decodeResponse(raw.body).pipe(
      Effect.mapError((error) => {
        const issue = firstIssue(error)
        return new ResponseDecodeError({
          path: issue?.path ?? [],
          detail: issue?.message ?? "not a ListBatchSegmentJobs response",
          requestId: raw.requestId,
          cause: error
        })
      })
    )
    const batchSegmentJobs = body.batchSegmentJobs ?? []
    yield* Metric.increment(pagesReceived)
    yield* Metric.incrementBy(jobsReceived, batchSegmentJobs.length)
    return {
      batchSegmentJobs,
      nextToken: body.nextToken === undefined || body.nextToken === "" ? Option.none() : Option.some(body.nextToken),
      requestId
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
    { kind: "client", attributes: spanAttributes },
    (span) =>
      Effect.gen(function*() {
        const valid = yield* validateRequest(request)
        const wire = toWire(valid)
        const fetched = yield* fetch(wire, options, span)
        span.attribute("personalize.items", fetched.batchSegmentJobs.length)
        return {
          ...fetched,
          position: { nextToken: wire.nextToken, skip: 0, solutionVersionArn: wire.solutionVersionArn },
          truncated: false
        }
      })
  )
