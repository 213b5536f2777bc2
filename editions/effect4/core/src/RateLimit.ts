/**
 * One request rate for a whole program. Provided next to a client layer (as `Retry.layer` is), `RateLimit.layer`
 * makes every request under it (every call, page, stream and fiber) wait for one shared limiter
 * (`PersonalizeClient.rateLimited` in the page call's stack), so that a program stays under the account's request
 * rate by itself.
 *
 * The limiter is a token bucket: `requestsPerSecond` permits a second, at most `burst` at once (default 1, so
 * requests are evenly spaced). Waiting is first come, first served, follows the rate in force while it lasts, and
 * does not count against a request's per-attempt timeout nor against the policy's retry time. A waiter that is
 * interrupted leaves the line and takes no permit.
 *
 * In the adaptive mode (the default), a `ThrottlingException` lowers the rate: to half of what the service really
 * let through in the last second, then back up within a second or two to just under that, and from there slowly
 * (after ten seconds without a throttle, by 1% of the configured rate a second) back to the configured rate, never
 * above it. Throttles within one second of each other count once. The current rate is the gauge
 * `personalize.client.rate_limit.rate`.
 *
 * @since 1.0.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
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
 * @since 1.0.0
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
 * A shared limiter: what `PersonalizeClient.rateLimited` waits for before each attempt, and tells how it went.
 *
 * @example
 * ```ts
 * import { RateLimit } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const limiter = yield* RateLimit.make({ requestsPerSecond: 10 })
 *   const waited = yield* limiter.take
 *   yield* Effect.log(`waited ${waited} ms at ${yield* limiter.rate} requests a second`)
 * })
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface Limiter {
  /** Waits for a permit (first come, first served, at the rate in force); the wait in milliseconds. */
  readonly take: Effect.Effect<number>
  /** The service throttled a request. */
  readonly throttled: Effect.Effect<void>
  /** A request succeeded. */
  readonly succeeded: Effect.Effect<void>
  /** The rate now, in requests per second. */
  readonly rate: Effect.Effect<number>
}

/**
 * The limiter in force: none unless `layer` provides one.
 *
 * @example
 * ```ts
 * import { RateLimit } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const limited = Effect.map(Effect.service(RateLimit.CurrentLimiter), (limiter) => limiter !== undefined)
 * assert.ok(!Effect.runSync(limited))
 * ```
 *
 * @since 1.0.0
 * @category references
 */
export const CurrentLimiter: Context.Reference<Limiter | undefined> = Context.Reference<Limiter | undefined>(
  "@effect-personalize/core/RateLimit/CurrentLimiter",
  { defaultValue: () => undefined }
)

/**
 * A new limiter, after checking the options.
 *
 * @example
 * ```ts
 * import { RateLimit } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const refused = Effect.runSync(Effect.flip(RateLimit.make({ requestsPerSecond: 0 })))
 * assert.strictEqual(refused.field, "requestsPerSecond")
 * ```
 *
 * @since 1.0.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Limiter, InvalidInputException> =>
  Effect.flatMap(check(options), () => internal.make(options))

/**
 * A layer that makes every request under it go through one shared limiter (a new one each time it is built).
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
 * @since 1.0.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<never, InvalidInputException> =>
  Layer.effect(CurrentLimiter, make(options))

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
