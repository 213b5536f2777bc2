import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as RateLimiter from "effect/persistence/RateLimiter"
import * as Redis from "effect/persistence/Redis"
import { RateLimitStoreError } from "../PersonalizeError.js"
import type { Limiter, StoreOptions } from "../RateLimit.js"
import * as local from "./rateLimit.js"

/** The operation whose quota the key names: the service's quotas are per account, region and operation. */
const operation = "ListBatchSegmentJobs"

/** @internal */
export const defaultPrefix = "effect-personalize:rate-limit:"

/** @internal */
export const defaultTimeout = Duration.seconds(1)

// While the store is down (with `onStoreFailure: "local"`), it is asked again at most this often.
const probeEvery = 1000

/** @internal */
export const keyOf = (options: StoreOptions): string =>
  `${options.prefix ?? defaultPrefix}${options.account}:${options.region}:${operation}`

/**
 * What the shared limit keeps in the store: effect's `RateLimiter` (its token bucket, over its store), and the
 * adaptive curve after the last throttle (with a lock, so that the throttles of one second count once whichever
 * process sees them). Every key expires.
 *
 * @internal
 */
export interface Backend {
  readonly limiter: RateLimiter.RateLimiter
  readonly readCurve: (key: string) => Effect.Effect<local.Curve | undefined, unknown>
  /** Sets the throttle lock unless it is set: `true` when this call set it. */
  readonly claimThrottle: (key: string, millis: number) => Effect.Effect<boolean, unknown>
  readonly writeCurve: (key: string, curve: local.Curve, millis: number) => Effect.Effect<void, unknown>
}

const parseCurve = (text: unknown): local.Curve | undefined => {
  if (typeof text !== "string") return undefined
  try {
    const value = JSON.parse(text) as Partial<local.Curve>
    return typeof value.ceiling === "number" && typeof value.low === "number" && typeof value.since === "number"
      ? { ceiling: value.ceiling, low: value.low, since: value.since }
      : undefined
  } catch {
    return undefined
  }
}

/**
 * The backend on Redis: effect's Redis `RateLimiterStore` (Lua scripts) for the bucket, three plain commands for the
 * curve (`GET`, `SET ... PX`, `SET ... NX PX`).
 *
 * @internal
 */
export const redisBackend: Effect.Effect<Backend, never, Redis.Redis> = Effect.gen(function*() {
  const redis = yield* Redis.Redis
  // the keys carry their prefix already (`keyOf`)
  const store = yield* RateLimiter.makeStoreRedis({ prefix: "" })
  const limiter = yield* Effect.provideService(RateLimiter.make, RateLimiter.RateLimiterStore, store)
  return {
    limiter,
    readCurve: (key) => Effect.map(redis.send<string | null>("GET", `${key}:adaptive`), parseCurve),
    claimThrottle: (key, millis) =>
      Effect.map(
        redis.send<string | null>("SET", `${key}:throttle`, "1", "NX", "PX", String(Math.max(1, Math.ceil(millis)))),
        (reply) => reply === "OK"
      ),
    writeCurve: (key, curve, millis) =>
      Effect.asVoid(
        redis.send("SET", `${key}:adaptive`, JSON.stringify(curve), "PX", String(Math.max(1, Math.ceil(millis))))
      )
  }
})

const describeCause = (cause: unknown): string => {
  const inner = cause instanceof Redis.RedisError || cause instanceof RateLimiter.RateLimiterError
    ? (cause as { readonly cause?: unknown }).cause ?? cause
    : cause
  return inner instanceof Error ? inner.message : String(inner)
}

/**
 * A limiter whose bucket and adaptive curve are in `backend`, shared by every process that uses the same key.
 *
 * @internal
 */
export const make = (options: StoreOptions, backend: Backend): Effect.Effect<Limiter> =>
  Effect.gen(function*() {
    const max = options.requestsPerSecond
    const burst = options.burst ?? 1
    const adaptive = options.adaptive ?? true
    const key = keyOf(options)
    const timeout = options.storeTimeout === undefined
      ? defaultTimeout
      : Duration.fromInputUnsafe(options.storeTimeout)
    const onFailure = options.onStoreFailure ?? "local"
    // this process's own limit: what the calls go through while the store is down (`onStoreFailure: "local"`); it
    // hears of every throttle and success, so that it is adapted already when it is needed
    const own = yield* local.make(options)
    // the curve as last read from the store
    let curve: local.Curve | undefined = undefined
    // since when the store is down, while it is
    let down: number | undefined = undefined

    // Every exchange with the store is bounded: a store that does not answer is a failure, not a wait.
    const bounded = <A>(effect: Effect.Effect<A, unknown>, what: string): Effect.Effect<A, RateLimitStoreError> =>
      effect.pipe(
        Effect.mapError((cause) => new RateLimitStoreError({ key, detail: `${what}: ${describeCause(cause)}`, cause })),
        Effect.timeoutOrElse({
          duration: timeout,
          orElse: () =>
            Effect.fail(
              new RateLimitStoreError({ key, detail: `${what}: no answer within ${Duration.format(timeout)}` })
            )
        })
      )

    const shared: Effect.Effect<number, RateLimitStoreError> = Effect.gen(function*() {
      const started = yield* Clock.currentTimeMillis
      if (adaptive) curve = yield* bounded(backend.readCurve(key), "reading the adaptive rate")
      const rate = local.rateAt(max, curve, started)
      // effect's token bucket: `burst` permits, one more every 1/rate seconds; a permit is booked (the bucket may go
      // below zero) and the delay is the wait for its turn
      const { delay } = yield* bounded(
        backend.limiter.consume({
          key,
          algorithm: "token-bucket",
          onExceeded: "delay",
          limit: burst,
          window: Duration.millis(burst * 1000 / rate)
        }),
        "taking a permit"
      )
      if (!Duration.isZero(delay)) yield* Effect.sleep(delay)
      return (yield* Clock.currentTimeMillis) - started
    })

    // when the store last answered: a failure of an exchange that began before is stale (the store is back)
    let answered = -Infinity
    // while the store is down, one call at a time asks it again (the others go on under this process's limit)
    let probing = false

    // Under this process's own limit; a caller that got its permit after the store came back takes a shared one
    // instead, so that the two limits never add up for long.
    const fallback: Effect.Effect<number, RateLimitStoreError> = Effect.flatMap(
      own.take,
      (waited) => down === undefined ? take : Effect.succeed(waited)
    )

    const take: Effect.Effect<number, RateLimitStoreError> = Effect.clockWith((clock) => {
      const now = clock.currentTimeMillisUnsafe()
      if (down !== undefined && (probing || now - down < probeEvery)) return fallback
      const probe = down !== undefined
      if (probe) probing = true
      return Effect.matchEffect(shared, {
        onSuccess: (waited) => {
          answered = Math.max(answered, now)
          // an exchange that began before the store was found down says nothing of it now
          if (down === undefined || now < down) return Effect.succeed(waited)
          down = undefined
          return Effect.as(
            Effect.logInfo("RateLimit: the shared store answers again; the shared limit is back").pipe(
              Effect.annotateLogs({ key })
            ),
            waited
          )
        },
        onFailure: (error) => {
          if (onFailure === "fail") return Effect.fail(error)
          if (answered > now) return take
          const first = down === undefined
          // from the failure on, not from the call's start (which may be `storeTimeout` ago)
          down = clock.currentTimeMillisUnsafe()
          const warned = first
            ? Effect.logWarning(
              `RateLimit: the shared store failed (${error.detail}); this process goes on under its own limit of ` +
                `${max} requests a second until the store answers again`
            ).pipe(Effect.annotateLogs({ key }))
            : Effect.void
          return Effect.andThen(warned, fallback)
        }
      }).pipe(Effect.ensuring(Effect.sync(() => {
        if (probe) probing = false
      })))
    })

    // A throttle seen here lowers the rate of every process: the first throttle of a second (the lock) writes the
    // new curve, which every process reads before its next request.
    const sharedThrottled = Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      const claimed = yield* bounded(backend.claimThrottle(key, local.cooldown), "locking the throttle")
      if (!claimed) return
      const current = local.rateAt(max, yield* bounded(backend.readCurve(key), "reading the adaptive rate"), now)
      // what the service let through is the shared rate in force (one process cannot see the others' successes)
      const next = local.afterThrottle(max, current, current, now)
      curve = next
      yield* bounded(backend.writeCurve(key, next, local.recoveredAfter(max, next)), "writing the adaptive rate")
    }).pipe(
      Effect.catch((error) =>
        Effect.logWarning(`RateLimit: the shared store did not take a throttle (${error.detail})`).pipe(
          Effect.annotateLogs({ key })
        )
      )
    )

    const throttled = adaptive
      ? Effect.andThen(own.throttled, Effect.suspend(() => down === undefined ? sharedThrottled : Effect.void))
      : Effect.void

    const rate = Effect.flatMap(
      Clock.currentTimeMillis,
      (now) => down === undefined ? Effect.succeed(adaptive ? local.rateAt(max, curve, now) : max) : own.rate
    )

    return { take, throttled, succeeded: own.succeeded, rate }
  })
