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
    const mutex = yield* Effect.makeSemaphore(1)
    const start = yield* Clock.currentTimeMillis
    let tokens = capacity
    let refilled = start
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

    const refill = (now: number) => {
      tokens = Math.min(capacity, tokens + (now - refilled) * rateAt(now) / 1000)
      refilled = now
    }

    const take = mutex.withPermits(1)(Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      refill(now)
      if (tokens >= 1) {
        tokens -= 1
        return 0
      }
      const wait = Math.ceil((1 - tokens) * 1000 / rateAt(now))
      yield* Effect.sleep(wait)
      refill(yield* Clock.currentTimeMillis)
      tokens = Math.max(0, tokens - 1)
      return wait
    }))

    const throttled = Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Effect.sync(() => {
        if (!adaptive || now - lastThrottle < cooldown) return
        lastThrottle = now
        refill(now)
        while (successes.length > 0 && successes[0]! <= now - window) successes.shift()
        const current = rateAt(now)
        const measured = successes.length * 1000 / window
        ceiling = Math.max(floor, Math.min(max, current, measured > 0 ? measured * margin : current * backoff))
        low = Math.max(floor, ceiling * backoff)
        since = now
        tokens = Math.min(tokens, 0)
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
