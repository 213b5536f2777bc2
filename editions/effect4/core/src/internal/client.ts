import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Metric from "effect/Metric"
import * as Schedule from "effect/Schedule"
import * as Metrics from "../Metrics.js"
import type { PersonalizeClient, RawResponse, RetryOptions, WireRequest } from "../PersonalizeClient.js"
import type { PersonalizeError } from "../PersonalizeError.js"
import { isRetryable, TransportError } from "../PersonalizeError.js"
import * as RateLimit from "../RateLimit.js"
import * as Retry from "../Retry.js"
import { CurrentWaitAccount } from "./retryTime.js"

type Service = PersonalizeClient.Service

/** @internal */
export const transform = (
  self: Service,
  f: (call: Effect.Effect<RawResponse, PersonalizeError>, request: WireRequest) => Effect.Effect<
    RawResponse,
    PersonalizeError
  >
): Service => ({
  listBatchSegmentJobs: (request) => f(self.listBatchSegmentJobs(request), request)
})

/** @internal */
export const timeout = (self: Service, duration: Duration.Input): Service => {
  const limit = Duration.fromInputUnsafe(duration)
  const timedOut = Effect.suspend(() =>
    Effect.fail(
      new TransportError({
        reason: "Timeout",
        detail: `no response within ${Duration.format(limit)} (the per-attempt timeout)`
      })
    )
  )
  return transform(self, (call) => Effect.timeoutOrElse(call, { duration: limit, orElse: () => timedOut }))
}

const withRpc = <I, S>(metric: Metric.Metric<I, S>) => Metric.withAttributes(metric, Metrics.rpcAttributes)
const requests = withRpc(Metrics.requests)
const requestDuration = withRpc(Metrics.requestDuration)
const throttles = withRpc(Metrics.throttles)
const rateLimitWait = withRpc(Metrics.rateLimitWait)
const rateLimitRate = withRpc(Metrics.rateLimitRate)

// The same, with `error.type` as well: one metric per metric and error tag, made when first needed.
const byErrorType = <I, S>(metric: Metric.Metric<I, S>) => {
  const cache = new Map<string, Metric.Metric<I, S>>()
  return (error: PersonalizeError): Metric.Metric<I, S> => {
    let found = cache.get(error._tag)
    if (found === undefined) {
      found = Metric.withAttributes(metric, { ...Metrics.rpcAttributes, "error.type": error._tag })
      cache.set(error._tag, found)
    }
    return found
  }
}
const failedDuration = byErrorType(Metrics.requestDuration)
const errors = byErrorType(Metrics.errors)
const retries = byErrorType(Metrics.retries)
const retriesRefused = byErrorType(Metrics.retriesRefused)

const requestIdOf = (error: PersonalizeError): string => ("requestId" in error ? error.requestId : undefined) ?? "none"

/** @internal */
export const instrumented = (self: Service): Service =>
  transform(self, (call, request) =>
    Effect.clockWith((clock) => {
      const started = clock.currentTimeMillisUnsafe()
      return Effect.flatMap(
        Effect.andThen(Metric.update(requests, 1), Effect.result(call)),
        (result) =>
          // under `retry`, the schedule's metadata says which attempt this is (none on the first)
          Effect.flatMap(Effect.service(Schedule.CurrentMetadata), ({ attempt }) => {
            const latency = clock.currentTimeMillisUnsafe() - started
            const common = { pageSize: request.maxResults ?? "default", attempt: attempt + 1, latencyMs: latency }
            if (result._tag === "Success") {
              return Effect.as(
                Effect.andThen(
                  Metric.update(requestDuration, latency),
                  Effect.logDebug("ListBatchSegmentJobs request").pipe(
                    Effect.annotateLogs({ ...common, requestId: result.success.requestId ?? "none" })
                  )
                ),
                result.success
              )
            }
            const error = result.failure
            return Effect.all([
              Metric.update(failedDuration(error), latency),
              Metric.update(errors(error), 1),
              error._tag === "ThrottlingException" ? Metric.update(throttles, 1) : Effect.void,
              Effect.logDebug("ListBatchSegmentJobs request failed").pipe(
                Effect.annotateLogs({ ...common, error: error._tag, requestId: requestIdOf(error) })
              )
            ], { discard: true }).pipe(Effect.andThen(Effect.fail(error)))
          })
      )
    }))

/** @internal */
export const rateLimited = (self: Service): Service =>
  transform(self, (call) =>
    Effect.flatMap(Effect.service(RateLimit.CurrentLimiter), (limiter) => {
      if (limiter === undefined) return call
      return Effect.flatMap(limiter.take, (waited) =>
        Effect.flatMap(Effect.service(CurrentWaitAccount), (account) => {
          if (account !== undefined) account.waited += waited
          return Effect.all([
            Metric.update(rateLimitWait, waited),
            Effect.flatMap(limiter.rate, (rate) => Metric.update(rateLimitRate, rate))
          ], { discard: true }).pipe(
            Effect.andThen(call),
            Effect.tap(() => limiter.succeeded),
            Effect.tapError((error) => error._tag === "ThrottlingException" ? limiter.throttled : Effect.void)
          )
        }))
    }))

// A retry warning says which listing it is about, so that the log of a fan-out (`streamMany`) tells its listings apart.
const listing = (request: WireRequest): { readonly solutionVersionArn?: string } =>
  request.solutionVersionArn === undefined ? {} : { solutionVersionArn: request.solutionVersionArn }

/** @internal */
export const retry = (self: Service, options?: RetryOptions): Service => {
  const own = options?.budget ?? Retry.makeBudget()
  return transform(self, (call, request) =>
    Effect.flatMap(
      Effect.all([Effect.service(Retry.CurrentPolicy), Effect.service(Retry.CurrentBudget)]),
      ([current, shared]) => {
        const policy = options?.policy ?? current
        const budget = shared ?? own
        let taken = 0
        const schedule = policy.pipe(
          Schedule.while(({ input }) => isRetryable(input)),
          Schedule.while(({ attempt, duration, input }) =>
            Effect.flatMap(budget.tryAcquire(input), (cost) => {
              if (cost === undefined) {
                return Effect.as(
                  Effect.andThen(
                    Metric.update(retriesRefused(input), 1),
                    Effect.logWarning("ListBatchSegmentJobs not retried: the retry budget is empty").pipe(
                      Effect.annotateLogs({ error: input._tag, attempt, ...listing(request) })
                    )
                  ),
                  false
                )
              }
              taken += cost
              return Effect.as(
                Effect.andThen(
                  Metric.update(retries(input), 1),
                  Effect.logWarning("ListBatchSegmentJobs retry").pipe(
                    Effect.annotateLogs({
                      error: input._tag,
                      delayMs: Math.round(Duration.toMillis(duration)),
                      attempt,
                      ...listing(request)
                    })
                  )
                ),
                true
              )
            })
          )
        )
        let attempts = 0
        const counted = Effect.suspend(() => {
          attempts++
          return call
        })
        return Effect.retry(counted, schedule).pipe(
          Effect.tap(() => budget.release(taken)),
          // the span of the call (the core's page or list span) says how many attempts it took
          Effect.onExit(() => Effect.annotateCurrentSpan("personalize.attempts", attempts)),
          Effect.provideService(CurrentWaitAccount, { waited: 0, baseline: undefined })
        )
      }
    ))
}
