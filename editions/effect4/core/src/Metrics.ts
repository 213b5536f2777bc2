/**
 * The metrics of every call, as effect `Metric`s: read them with `Metric.value`, export them with effect's
 * OpenTelemetry exporter. Names follow OpenTelemetry's RPC conventions where one exists (`rpc.client.duration`);
 * the project's own counters are named `personalize.client.*`.
 *
 * Every update carries the attributes `rpc.system` (`aws-api`), `rpc.service` (`Personalize`) and `rpc.method`
 * (`ListBatchSegmentJobs`) (see `rpcAttributes`). Metrics about a failed attempt also carry `error.type`, the
 * error's `_tag` (`ThrottlingException`, `TransportError`, ...). No attribute ever holds a credential, a token or a
 * request id.
 *
 * @since 1.0.0
 */
import * as Metric from "effect/Metric"

/**
 * The attributes of every update: OpenTelemetry's RPC attributes of this operation.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric } from "effect"
 *
 * const requestsSoFar = Effect.map(Metric.value(Metric.withAttributes(Metrics.requests, Metrics.rpcAttributes)), (s) => s.count)
 * ```
 *
 * @since 1.0.0
 * @category attributes
 */
export const rpcAttributes: Readonly<Record<string, string>> = {
  "rpc.system": "aws-api",
  "rpc.service": "Personalize",
  "rpc.method": "ListBatchSegmentJobs"
}

/**
 * `rpc.client.duration`: the latency of each attempt, in milliseconds, from the moment it is sent (after any
 * wait for the rate limiter) to its response or failure. Attribute `error.type` on a failed attempt.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric } from "effect"
 *
 * // the mean latency of the attempts that succeeded (a failed attempt has its error.type too)
 * const mean = Effect.map(Metric.value(Metric.withAttributes(Metrics.requestDuration, Metrics.rpcAttributes)), (h) => h.sum / h.count)
 * ```
 *
 * @since 1.0.0
 * @category metrics
 */
export const requestDuration: Metric.Histogram<number> = Metric.histogram("rpc.client.duration", {
  description: "The latency of each ListBatchSegmentJobs attempt, in milliseconds",
  boundaries: [1, 2, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 10000, 30000]
})

/**
 * `personalize.client.requests`: every attempt sent to the port (first attempts and retries).
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric } from "effect"
 *
 * const sent = Effect.map(Metric.value(Metric.withAttributes(Metrics.requests, Metrics.rpcAttributes)), (s) => s.count)
 * ```
 *
 * @since 1.0.0
 * @category metrics
 */
export const requests: Metric.Counter<number> = Metric.counter("personalize.client.requests", {
  description: "ListBatchSegmentJobs attempts sent",
  incremental: true
})

/**
 * `personalize.client.pages`: every page received and decoded.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric } from "effect"
 *
 * const pagesSoFar = Effect.map(Metric.value(Metric.withAttributes(Metrics.pages, Metrics.rpcAttributes)), (s) => s.count)
 * ```
 *
 * @since 1.0.0
 * @category metrics
 */
export const pages: Metric.Counter<number> = Metric.counter("personalize.client.pages", {
  description: "ListBatchSegmentJobs pages received and decoded",
  incremental: true
})

/**
 * `personalize.client.jobs`: every job summary received and decoded.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric } from "effect"
 *
 * const jobsSoFar = Effect.map(Metric.value(Metric.withAttributes(Metrics.jobs, Metrics.rpcAttributes)), (s) => s.count)
 * ```
 *
 * @since 1.0.0
 * @category metrics
 */
export const jobs: Metric.Counter<number> = Metric.counter("personalize.client.jobs", {
  description: "batch segment job summaries received and decoded",
  incremental: true
})

/**
 * `personalize.client.errors`: every failed attempt, by `error.type`.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric } from "effect"
 *
 * const transport = Metric.withAttributes(Metrics.errors, { ...Metrics.rpcAttributes, "error.type": "TransportError" })
 * const transportErrors = Effect.map(Metric.value(transport), (s) => s.count)
 * ```
 *
 * @since 1.0.0
 * @category metrics
 */
export const errors: Metric.Counter<number> = Metric.counter("personalize.client.errors", {
  description: "ListBatchSegmentJobs attempts that failed, by error.type",
  incremental: true
})

/**
 * `personalize.client.retries`: every retry made, by `error.type` of the error that caused it.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric } from "effect"
 *
 * const throttled = Metric.withAttributes(Metrics.retries, { ...Metrics.rpcAttributes, "error.type": "ThrottlingException" })
 * const retriedAfterThrottling = Effect.map(Metric.value(throttled), (s) => s.count)
 * ```
 *
 * @since 1.0.0
 * @category metrics
 */
export const retries: Metric.Counter<number> = Metric.counter("personalize.client.retries", {
  description: "ListBatchSegmentJobs retries, by error.type of the error retried",
  incremental: true
})

/**
 * `personalize.client.retries_refused`: retryable errors that failed at once because the retry budget was empty,
 * by `error.type`.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric } from "effect"
 *
 * const refused = Metric.withAttributes(Metrics.retriesRefused, { ...Metrics.rpcAttributes, "error.type": "ThrottlingException" })
 * const refusedSoFar = Effect.map(Metric.value(refused), (s) => s.count)
 * ```
 *
 * @since 1.0.0
 * @category metrics
 */
export const retriesRefused: Metric.Counter<number> = Metric.counter("personalize.client.retries_refused", {
  description: "retryable errors failed at once because the retry budget was empty, by error.type",
  incremental: true
})

/**
 * `personalize.client.throttles`: every attempt the service throttled.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric } from "effect"
 *
 * const throttled = Effect.map(Metric.value(Metric.withAttributes(Metrics.throttles, Metrics.rpcAttributes)), (s) => s.count)
 * ```
 *
 * @since 1.0.0
 * @category metrics
 */
export const throttles: Metric.Counter<number> = Metric.counter("personalize.client.throttles", {
  description: "ListBatchSegmentJobs attempts throttled by the service",
  incremental: true
})

/**
 * `personalize.client.rate_limit.rate`: the current rate of the shared rate limiter (`RateLimit.layer`), in
 * requests per second, set at each request.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric } from "effect"
 *
 * const rate = Effect.map(Metric.value(Metric.withAttributes(Metrics.rateLimitRate, Metrics.rpcAttributes)), (s) => s.value)
 * ```
 *
 * @since 1.0.0
 * @category metrics
 */
export const rateLimitRate: Metric.Gauge<number> = Metric.gauge("personalize.client.rate_limit.rate", {
  description: "the current rate of the shared rate limiter, in requests per second"
})

/**
 * `personalize.client.rate_limit.wait`: how long the last request waited for the shared rate limiter, in
 * milliseconds.
 *
 * @example
 * ```ts
 * import { Metrics } from "@effect-personalize/core"
 * import { Effect, Metric } from "effect"
 *
 * const waited = Effect.map(Metric.value(Metric.withAttributes(Metrics.rateLimitWait, Metrics.rpcAttributes)), (s) => s.value)
 * ```
 *
 * @since 1.0.0
 * @category metrics
 */
export const rateLimitWait: Metric.Gauge<number> = Metric.gauge("personalize.client.rate_limit.wait", {
  description: "how long the last request waited for the shared rate limiter, in milliseconds"
})
