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
 * Many processes that share one account's quota (workers, cron jobs, services in one account and region) share one
 * limit with `layerStore`: the same bucket and the same adaptive rate, kept in Redis.
 *
 * @since 1.0.0
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redis from "effect/persistence/Redis"
import * as internal from "./internal/rateLimit.js"
import * as internalStore from "./internal/rateLimitStore.js"
import type { RateLimitStoreError } from "./PersonalizeError.js"
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
  /**
   * Waits for a permit (first come, first served, at the rate in force); the wait in milliseconds. Only a shared
   * limit (`layerStore`) chosen to fail when its store does not answer fails, with `RateLimitStoreError`.
   */
  readonly take: Effect.Effect<number, RateLimitStoreError>
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

/**
 * The options of `layerStore`: those of `layer` (for the whole fleet: `requestsPerSecond` is shared by every process),
 * whose quota it is (the account and region; the operation is `ListBatchSegmentJobs`), and what to do when the store
 * does not answer.
 *
 * @example
 * ```ts
 * import { RateLimit } from "@effect-personalize/core"
 *
 * const options: RateLimit.StoreOptions = {
 *   requestsPerSecond: 20,
 *   account: "111122223333",
 *   region: "us-east-1",
 *   onStoreFailure: "fail",
 *   storeTimeout: "500 millis"
 * }
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface StoreOptions extends Options {
  /** The AWS account whose quota this is (12 digits): processes of different accounts never share a limit. */
  readonly account: string
  /** The AWS region whose quota this is, e.g. `us-east-1`. */
  readonly region: string
  /**
   * When the store fails or does not answer within `storeTimeout`: `"local"` (the default) logs a warning once and
   * goes on under this process's own limit (the in-process limiter of `layer`, at `requestsPerSecond`), asking the
   * store again every second and logging when it is back; `"fail"` fails the call with `RateLimitStoreError`,
   * without sending it. Either way no call waits on the store longer than `storeTimeout`, and none goes unlimited.
   */
  readonly onStoreFailure?: "local" | "fail" | undefined
  /** How long one exchange with the store may take. Default 1 second. */
  readonly storeTimeout?: Duration.Input | undefined
  /** The prefix of the keys in the store. Default `effect-personalize:rate-limit:`. */
  readonly prefix?: string | undefined
}

/**
 * The key of a shared limit in the store: `<prefix><account>:<region>:ListBatchSegmentJobs`. Its keys are this one
 * (the bucket), and this one followed by `:refill`, `:adaptive` and `:throttle`; each expires.
 *
 * @example
 * ```ts
 * import { RateLimit } from "@effect-personalize/core"
 *
 * const key = RateLimit.storeKey({ requestsPerSecond: 20, account: "111122223333", region: "us-east-1" })
 * assert.strictEqual(key, "effect-personalize:rate-limit:111122223333:us-east-1:ListBatchSegmentJobs")
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const storeKey: (options: StoreOptions) => string = internalStore.keyOf

/**
 * One limit shared by every process that uses the same Redis, account and region: a layer like `layer`, whose token
 * bucket is effect's `RateLimiter` over its Redis store (`effect/persistence/RateLimiter`), and whose adaptive rate is
 * kept beside it. A `ThrottlingException` seen by any process lowers the rate of all of them (throttles within one
 * second, from whichever processes, count once), and the rate recovers as in `layer`. Since no process sees the
 * others' successes, the new ceiling is 95% of the shared rate in force (in `layer`, of what went through in the
 * last second). Every key expires: the bucket once it is full again, the adaptive rate once it has recovered, so
 * nothing stays in Redis once the processes stop.
 *
 * A permit is booked in the bucket, then waited for: a call interrupted while it waits has used its permit. The
 * store is asked twice a request (the adaptive rate, then a permit); on a loopback Redis, well under a millisecond.
 *
 * It is a layer of its own rather than an option of `layer` because it needs a connection to Redis (effect's
 * `Redis` service, e.g. `NodeRedis.layer` of `@effect/platform-node`): `layer` needs nothing and stays the default.
 * See `StoreOptions` for what happens when Redis does not answer. Give node-redis `disableOfflineQueue: true`: a
 * command then fails at once while Redis is down. With its offline queue (its default), each call still waits no
 * longer than `storeTimeout`, but the commands wait in the client, and closing the layer (`client.close()`) waits for
 * them: a program whose Redis is gone does not end.
 *
 * @example
 * ```ts
 * import { NodeRedis } from "@effect/platform-node"
 * import { ListBatchSegmentJobs, RateLimit } from "@effect-personalize/core"
 * import { Effect, Layer, Stream } from "effect"
 *
 * // every process of the fleet, in account 111122223333 and us-east-1: 20 requests a second between them all
 * const Shared = RateLimit.layerStore({ requestsPerSecond: 20, account: "111122223333", region: "us-east-1" }).pipe(
 *   Layer.provide(NodeRedis.layer({ url: "redis://127.0.0.1:6379/0", disableOfflineQueue: true }))
 * )
 * const program = Stream.runCount(ListBatchSegmentJobs.stream({})).pipe(Effect.provide(Shared))
 * ```
 *
 * @since 1.0.0
 * @category layers
 */
export const layerStore = (
  options: StoreOptions
): Layer.Layer<never, InvalidInputException, Redis.Redis> => Layer.effect(CurrentLimiter, makeStore(options))

/**
 * A new shared limiter (what `layerStore` provides), after checking the options: its state is in Redis, under
 * `storeKey(options)`, so that limiters made with the same account and region in any process share one rate.
 *
 * @example
 * ```ts
 * import { NodeRedis } from "@effect/platform-node"
 * import { RateLimit } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const limiter = yield* RateLimit.makeStore({ requestsPerSecond: 20, account: "111122223333", region: "us-east-1" })
 *   const waited = yield* limiter.take
 *   yield* Effect.log(`waited ${waited} ms for a permit of the whole fleet`)
 * }).pipe(Effect.provide(NodeRedis.layer({ url: "redis://127.0.0.1:6379", disableOfflineQueue: true })))
 * ```
 *
 * @since 1.0.0
 * @category constructors
 */
export const makeStore = (options: StoreOptions): Effect.Effect<Limiter, InvalidInputException, Redis.Redis> =>
  Effect.andThen(
    checkStore(options),
    Effect.flatMap(internalStore.redisBackend, (backend) => internalStore.make(options, backend))
  )

const invalid = (field: string, detail: string) =>
  Effect.fail(new InvalidInputException({ origin: "client", field, detail }))

const checkStore = (options: StoreOptions): Effect.Effect<void, InvalidInputException> =>
  Effect.andThen(check(options), () => {
    if (typeof options.account !== "string" || !/^\d{12}$/.test(options.account)) {
      return invalid(
        "account",
        `RateLimit.layerStore needs the 12 digits of an AWS account, got ${String(options.account)}`
      )
    }
    if (typeof options.region !== "string" || !/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(options.region)) {
      return invalid(
        "region",
        `RateLimit.layerStore needs an AWS region such as us-east-1, got ${String(options.region)}`
      )
    }
    if (
      options.onStoreFailure !== undefined && options.onStoreFailure !== "local" && options.onStoreFailure !== "fail"
    ) {
      return invalid(
        "onStoreFailure",
        `RateLimit.layerStore needs onStoreFailure "local" or "fail", got ${String(options.onStoreFailure)}`
      )
    }
    if (options.storeTimeout !== undefined) {
      let millis = Number.NaN
      try {
        millis = Duration.toMillis(Duration.fromInputUnsafe(options.storeTimeout))
      } catch {
        // not a duration: refused below
      }
      if (!(Number.isFinite(millis) && millis > 0)) {
        return invalid(
          "storeTimeout",
          `RateLimit.layerStore needs a positive, finite storeTimeout, got ${String(options.storeTimeout)}`
        )
      }
    }
    return Effect.void
  })

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
