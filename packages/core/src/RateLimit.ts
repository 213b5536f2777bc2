/**
 * One request rate for the whole program. Provided next to a client layer (as `Retry.layer` is), `RateLimit.layer`
 * makes every request under it (every call, page, stream, watch and fiber) wait for one shared limiter, so that a
 * program stays under the account's request rate by itself.
 *
 * The limiter is a token bucket: `requestsPerSecond` permits a second, at most `burst` at once (default 1, so
 * requests are evenly spaced). Waiting is first come, first served, and does not count against a request's
 * per-attempt timeout. Waiting requests go at the rate in force when they go, not the rate when they came, and a
 * request interrupted while it waits gives its turn to the next.
 *
 * In the adaptive mode (the default), a `ThrottlingException` lowers the rate: to half of what the service really
 * let through in the last second, then back up within a second or two to just under that, and from there slowly
 * (after ten seconds without a throttle, by 1% of the configured rate a second) back to the configured rate, never
 * above it. Throttles within one second of each other count once. The current rate is the gauge
 * `personalize.client.rate_limit.rate`, and requests already waiting follow it.
 *
 * @since 0.2.0
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as internal from "./internal/rateLimit.js"
import { InvalidInputException } from "./PersonalizeError.js"

/**
 * The options of `layer`: the rate, the burst, and whether the rate adapts to throttling.
 *
 * @example
 * ```ts
 * import { RateLimit } from "@effect-personalize/core"
 *
 * // 2 requests a second, 5 at once after a pause, and no slowing down on throttles
 * const options: RateLimit.Options = { requestsPerSecond: 2, burst: 5, adaptive: false }
 * const Limited = RateLimit.layer(options)
 * ```
 *
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /** The most requests a second, for the whole program (a positive number; fractions allowed). */
  readonly requestsPerSecond: number
  /** How many requests may go at once after a quiet spell (a whole number, at least 1). Default 1. */
  readonly burst?: number | undefined
  /** Lower the rate when the service throttles, and recover gradually. Default `true`. */
  readonly adaptive?: boolean | undefined
}

/**
 * A layer that makes every request under it go through one shared limiter.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, RateLimit } from "@effect-personalize/core"
 * import { Effect, Stream } from "effect"
 *
 * const arns = ["arn:aws:personalize:us-east-1:111122223333:solution/a/1", "arn:aws:personalize:us-east-1:111122223333:solution/b/1"]
 * const program = Effect.forEach(arns, (solutionVersionArn) =>
 *   Stream.runCount(ListBatchSegmentJobs.stream({ solutionVersionArn })), { concurrency: "unbounded" }
 * ).pipe(Effect.provide(RateLimit.layer({ requestsPerSecond: 5 })))
 * ```
 *
 * @since 0.2.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<never, InvalidInputException> =>
  Layer.unwrapEffect(
    Effect.map(
      Effect.zipRight(check(options), internal.make(options)),
      (limiter) => Layer.locallyScoped(internal.currentLimiter, Option.some(limiter))
    )
  )

const check = (options: Options): Effect.Effect<void, InvalidInputException> => {
  if (!(Number.isFinite(options.requestsPerSecond) && options.requestsPerSecond > 0)) {
    return Effect.fail(
      new InvalidInputException({
        origin: "client",
        field: "requestsPerSecond",
        detail: `RateLimit.layer needs a positive number of requests per second, got ${options.requestsPerSecond}`
      })
    )
  }
  if (options.burst !== undefined && !(Number.isSafeInteger(options.burst) && options.burst >= 1)) {
    return Effect.fail(
      new InvalidInputException({
        origin: "client",
        field: "burst",
        detail: `RateLimit.layer needs a burst that is a whole number of at least 1, got ${options.burst}`
      })
    )
  }
  return Effect.void
}
