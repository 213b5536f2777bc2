import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as GlobalValue from "effect/GlobalValue"
import * as Option from "effect/Option"
import type { Options } from "../RateLimit.js"

/** @internal */
export interface Limiter {
  /** Waits for a permit (first come, first served); the wait in milliseconds. */
  readonly take: Effect.Effect<number>
  /** The service throttled a request. */
  readonly throttled: Effect.Effect<void>
  /** A request succeeded. */
  readonly succeeded: Effect.Effect<void>
  /** The rate now, in requests per second. */
  readonly rate: Effect.Effect<number>
}

/** @internal */
export const currentLimiter: FiberRef.FiberRef<Option.Option<Limiter>> = GlobalValue.globalValue(
  Symbol.for("@effect-personalize/core/RateLimit/currentLimiter"),
  () => FiberRef.unsafeMake<Option.Option<Limiter>>(Option.none())
)

// The adaptive mode. After a throttle, the ceiling becomes what the service really let through in the last second
// (a little less), the rate drops to half of it and climbs back towards it with a time constant of `recovery`;
// throttles closer together than `cooldown` count once (concurrent requests of one burst). Without throttles the
// ceiling rises slowly (after `probeAfter`, by `probe` of the configured rate per second) back to the configured rate, so that a passing
// throttle does not lower the rate for good.
const window = 1000
const cooldown = 1000
const recovery = 500
const probe = 0.01
const probeAfter = 10_000
const backoff = 0.5
const margin = 0.95

/** @internal */
export const make = (options: Options): Effect.Effect<Limiter> =>
  Effect.gen(function*() {
    const max = options.requestsPerSecond
    const capacity = options.burst ?? 1
    const adaptive = options.adaptive ?? true
    const floor = Math.min(max, 0.1)
    const start = yield* Clock.currentTimeMillis
    // The bucket as a timeline (GCRA): `tat` is when the bucket would be full again. A request may go `tau` (the
    // burst less one interval) before it, and moves it one interval on. Each request gets its time at once, first come
    // first served, and waits for it on its own: a timer that fires late costs that request, not the rate.
    let tat = start
    // adaptive state: the rate is `ceiling - (ceiling - low) * exp(-(t - since) / recovery)`
    let ceiling = max
    let low = max
    let since = start
    let lastThrottle = -Infinity
    const successes: Array<number> = []

    const rateAt = (now: number): number => {
      if (!adaptive) return max
      const raised = Math.min(
        max,
        ceiling + (ceiling < max ? probe * max * Math.max(0, now - since - probeAfter) / 1000 : 0)
      )
      return raised - (raised - low) * Math.exp(-(now - since) / recovery)
    }

    const take = Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const interval = 1000 / rateAt(now)
      const at = Math.max(now, tat - (capacity - 1) * interval)
      tat = Math.max(at, tat) + interval
      const wait = at - now
      return wait > 0 ? Effect.as(Effect.sleep(wait), wait) : Effect.succeed(0)
    })

    const throttled = Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Effect.sync(() => {
        if (!adaptive || now - lastThrottle < cooldown) return
        lastThrottle = now
        while (successes.length > 0 && successes[0]! <= now - window) successes.shift()
        const current = rateAt(now)
        const measured = successes.length * 1000 / window
        ceiling = Math.max(floor, Math.min(max, current, measured > 0 ? measured * margin : current * backoff))
        low = Math.max(floor, ceiling * backoff)
        since = now
        // the bucket is empty: the next request waits one interval at the new rate
        tat = Math.max(tat, now + capacity * 1000 / rateAt(now))
      }))

    const succeeded = adaptive
      ? Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.sync(() => {
          successes.push(now)
          if (successes.length > 4 * max + 16) successes.shift()
        }))
      : Effect.void

    return {
      take,
      throttled,
      succeeded,
      rate: Effect.map(Clock.currentTimeMillis, rateAt)
    }
  })
