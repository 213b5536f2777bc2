/**
 * The metrics of every call, as effect `Metric`s: read them with `Metric.value`, export them with
 * `@effect/opentelemetry`. Names follow OpenTelemetry's RPC conventions where one exists (`rpc.client.duration`);
 * the project's own counters are named `personalize.client.*`.
 *
 * Every metric carries the tags `rpc.system` (`aws-api`), `rpc.service` (`Personalize`) and `rpc.method`
 * (`ListBatchSegmentJobs`). Metrics about a failed attempt also carry `error.type`, the error's `_tag`
 * (`ThrottlingException`, `TransportError`, ...). No tag ever holds a credential, a token or a request id.
 *
 * @since 0.2.0
 */
import * as Metric from "effect/Metric"
import * as MetricBoundaries from "effect/MetricBoundaries"

/**
 * `rpc.client.duration`: the latency of each attempt, in milliseconds, from the moment it is sent (after any
 * wait for the rate limiter) to its response or failure. Tag `error.type` on a failed attempt.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric, MetricLabel } from "effect"
 *
 * const rpc = [
 *   MetricLabel.make("rpc.system", "aws-api"),
 *   MetricLabel.make("rpc.service", "Personalize"),
 *   MetricLabel.make("rpc.method", "ListBatchSegmentJobs")
 * ]
 *
 * // the mean latency of the attempts that succeeded (a failed attempt is tagged with its error.type too)
 * const mean = Effect.map(Metric.value(Metric.taggedWithLabels(Metrics.requestDuration, rpc)), (h) => h.sum / h.count)
 * ```
 *
 * @since 0.2.0
 * @category metrics
 */
export const requestDuration = Metric.histogram(
  "rpc.client.duration",
  MetricBoundaries.fromIterable([1, 2, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 10000, 30000]),
  "The latency of each ListBatchSegmentJobs attempt, in milliseconds"
)

/**
 * `personalize.client.requests`: every attempt sent to the port (first attempts and retries).
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Metrics, PersonalizeClient } from "@effect-personalize/core"
 * import { Effect, Metric } from "effect"
 *
 * const requests = Metrics.requests.pipe(
 *   Metric.tagged("rpc.system", "aws-api"),
 *   Metric.tagged("rpc.service", "Personalize"),
 *   Metric.tagged("rpc.method", "ListBatchSegmentJobs")
 * )
 * const Empty = PersonalizeClient.layerTest(() => Effect.succeed({ body: { batchSegmentJobs: [] } }))
 *
 * const program = ListBatchSegmentJobs.list({}).pipe(Effect.zipRight(Metric.value(requests)), Effect.provide(Empty))
 * Effect.runPromise(program).then(({ count }) => assert.ok(count >= 1))
 * ```
 *
 * @since 0.2.0
 * @category metrics
 */
export const requests = Metric.counter("personalize.client.requests", {
  description: "ListBatchSegmentJobs attempts sent",
  incremental: true
})

/**
 * `personalize.client.pages`: every page received and decoded.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric, MetricLabel } from "effect"
 *
 * const rpc = [
 *   MetricLabel.make("rpc.system", "aws-api"),
 *   MetricLabel.make("rpc.service", "Personalize"),
 *   MetricLabel.make("rpc.method", "ListBatchSegmentJobs")
 * ]
 *
 * const pagesSoFar = Effect.map(Metric.value(Metric.taggedWithLabels(Metrics.pages, rpc)), ({ count }) => count)
 * ```
 *
 * @since 0.2.0
 * @category metrics
 */
export const pages = Metric.counter("personalize.client.pages", {
  description: "ListBatchSegmentJobs pages received and decoded",
  incremental: true
})

/**
 * `personalize.client.jobs`: every job summary received and decoded.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric, MetricLabel } from "effect"
 *
 * const rpc = [
 *   MetricLabel.make("rpc.system", "aws-api"),
 *   MetricLabel.make("rpc.service", "Personalize"),
 *   MetricLabel.make("rpc.method", "ListBatchSegmentJobs")
 * ]
 *
 * const jobsSoFar = Effect.map(Metric.value(Metric.taggedWithLabels(Metrics.jobs, rpc)), ({ count }) => count)
 * ```
 *
 * @since 0.2.0
 * @category metrics
 */
export const jobs = Metric.counter("personalize.client.jobs", {
  description: "batch segment job summaries received and decoded",
  incremental: true
})

/**
 * `personalize.client.errors`: every failed attempt, by `error.type`.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric, MetricLabel } from "effect"
 *
 * const rpc = [
 *   MetricLabel.make("rpc.system", "aws-api"),
 *   MetricLabel.make("rpc.service", "Personalize"),
 *   MetricLabel.make("rpc.method", "ListBatchSegmentJobs")
 * ]
 *
 * // the attempts that timed out or lost their connection
 * const transport = Metric.taggedWithLabels(Metrics.errors, [...rpc, MetricLabel.make("error.type", "TransportError")])
 * const transportErrors = Effect.map(Metric.value(transport), ({ count }) => count)
 * ```
 *
 * @since 0.2.0
 * @category metrics
 */
export const errors = Metric.counter("personalize.client.errors", {
  description: "ListBatchSegmentJobs attempts that failed, by error.type",
  incremental: true
})

/**
 * `personalize.client.retries`: every retry made, by `error.type` of the error that caused it.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric, MetricLabel } from "effect"
 *
 * const rpc = [
 *   MetricLabel.make("rpc.system", "aws-api"),
 *   MetricLabel.make("rpc.service", "Personalize"),
 *   MetricLabel.make("rpc.method", "ListBatchSegmentJobs")
 * ]
 *
 * const throttled = Metric.taggedWithLabels(Metrics.retries, [
 *   ...rpc,
 *   MetricLabel.make("error.type", "ThrottlingException")
 * ])
 * const retriesAfterThrottling = Effect.map(Metric.value(throttled), ({ count }) => count)
 * ```
 *
 * @since 0.2.0
 * @category metrics
 */
export const retries = Metric.counter("personalize.client.retries", {
  description: "ListBatchSegmentJobs retries, by error.type of the error retried",
  incremental: true
})

/**
 * `personalize.client.retries_refused`: retryable errors that were not retried because the retry budget was empty.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric, MetricLabel } from "effect"
 *
 * const rpc = [
 *   MetricLabel.make("rpc.system", "aws-api"),
 *   MetricLabel.make("rpc.service", "Personalize"),
 *   MetricLabel.make("rpc.method", "ListBatchSegmentJobs")
 * ]
 *
 * // above 0: the retry budget ran dry, and errors failed at once instead of being retried
 * const refused = Metric.taggedWithLabels(Metrics.retriesRefused, [
 *   ...rpc,
 *   MetricLabel.make("error.type", "ThrottlingException")
 * ])
 * const budgetRanDry = Effect.map(Metric.value(refused), ({ count }) => count > 0)
 * ```
 *
 * @since 0.2.0
 * @category metrics
 */
export const retriesRefused = Metric.counter("personalize.client.retries_refused", {
  description: "retryable errors failed at once because the retry budget was empty, by error.type",
  incremental: true
})

/**
 * `personalize.client.throttles`: every attempt that the service throttled.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric, MetricLabel } from "effect"
 *
 * const rpc = [
 *   MetricLabel.make("rpc.system", "aws-api"),
 *   MetricLabel.make("rpc.service", "Personalize"),
 *   MetricLabel.make("rpc.method", "ListBatchSegmentJobs")
 * ]
 *
 * const throttlesSoFar = Effect.map(Metric.value(Metric.taggedWithLabels(Metrics.throttles, rpc)), ({ count }) => count)
 * ```
 *
 * @since 0.2.0
 * @category metrics
 */
export const throttles = Metric.counter("personalize.client.throttles", {
  description: "ListBatchSegmentJobs attempts throttled by the service",
  incremental: true
})

/**
 * `personalize.client.rate_limit.rate`: the current rate of the shared limiter (`RateLimit.layer`), in requests
 * per second. The adaptive limiter lowers it after throttling and raises it back, never above the configured rate.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric, MetricLabel } from "effect"
 *
 * const rpc = [
 *   MetricLabel.make("rpc.system", "aws-api"),
 *   MetricLabel.make("rpc.service", "Personalize"),
 *   MetricLabel.make("rpc.method", "ListBatchSegmentJobs")
 * ]
 *
 * const currentRate = Effect.map(Metric.value(Metric.taggedWithLabels(Metrics.rateLimitRate, rpc)), ({ value }) => value)
 * ```
 *
 * @since 0.2.0
 * @category metrics
 */
export const rateLimitRate = Metric.gauge("personalize.client.rate_limit.rate", {
  description: "the current rate of the shared rate limiter, in requests per second"
})

/**
 * `personalize.client.rate_limit.wait`: how long the last request waited for the shared limiter, in milliseconds.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric, MetricLabel } from "effect"
 *
 * const rpc = [
 *   MetricLabel.make("rpc.system", "aws-api"),
 *   MetricLabel.make("rpc.service", "Personalize"),
 *   MetricLabel.make("rpc.method", "ListBatchSegmentJobs")
 * ]
 *
 * const lastWait = Effect.map(Metric.value(Metric.taggedWithLabels(Metrics.rateLimitWait, rpc)), ({ value }) => value)
 * ```
 *
 * @since 0.2.0
 * @category metrics
 */
export const rateLimitWait = Metric.gauge("personalize.client.rate_limit.wait", {
  description: "how long the last request waited for the shared rate limiter, in milliseconds"
})
