import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import type { Limiter, Options } from "../RateLimit.js"

// The adaptive mode. After a throttle, the ceiling becomes what the service really let through in the last second
// (a little less), the rate drops to half of it and climbs back towards it with a time constant of `recovery`;
// throttles closer together than `cooldown` count once (concurrent requests of one burst). Without throttles the
// ceiling rises slowly (after `probeAfter`, by `probe` of the configured rate per second) back to the configured
// rate, so that a passing throttle does not lower the rate for good.
const window = 1000
/** @internal */
export const cooldown = 1000
const recovery = 500
const probe = 0.01
const probeAfter = 10_000
const backoff = 0.5
/** @internal */
export const margin = 0.95
// The waiter at the head of the line looks at the rate again at least this often, so that it follows a rate that
// climbs back while it waits.
const recheck = 100
// A token is there when the bucket holds this much: refilling sums fractions, which may fall short of 1 by a rounding.
const whole = 1 - 1e-9

/**
 * Where the adaptive rate is after the last throttle: it climbs from `low` back to `ceiling` from `since` on (and the
 * ceiling back to the configured rate). The in-process limiter keeps one in memory; `RateLimit.layerStore` keeps it in
 * the shared store, so that every process follows the same curve.
 *
 * @internal
 */
export interface Curve {
  readonly ceiling: number
  readonly low: number
  readonly since: number
}

/** The rate of `curve` at `now`, for a configured rate of `max`; `max` without a curve. @internal */
export const rateAt = (max: number, curve: Curve | undefined, now: number): number => {
  if (curve === undefined) return max
  const { ceiling, low, since } = curve
  const raised = Math.min(
    max,
    ceiling + (ceiling < max ? probe * max * Math.max(0, now - since - probeAfter) / 1000 : 0)
  )
  return raised - (raised - low) * Math.exp(-(now - since) / recovery)
}

/**
 * The curve after a throttle at `now`: the ceiling is what the service let through in the last second (`measured`,
 * a little less), or half the current rate when nothing went through; the rate starts from half the ceiling.
 *
 * @internal
 */
export const afterThrottle = (max: number, current: number, measured: number, now: number): Curve => {
  const floor = Math.min(max, 0.1)
  const ceiling = Math.max(floor, Math.min(max, current, measured > 0 ? measured * margin : current * backoff))
  return { ceiling, low: Math.max(floor, ceiling * backoff), since: now }
}

/** How long after its throttle a curve is back at `max` (its ceiling raised and the rate recovered). @internal */
export const recoveredAfter = (max: number, curve: Curve): number =>
  probeAfter + Math.ceil(Math.max(0, max - curve.ceiling) / (probe * max) * 1000) + 10 * recovery

/** @internal */
export const make = (options: Options): Effect.Effect<Limiter> =>
  Effect.map(Clock.currentTimeMillis, (start) => {
    const max = options.requestsPerSecond
    const capacity = options.burst ?? 1
    const adaptive = options.adaptive ?? true
    // A token bucket, refilled at the rate in force: a permit is taken when it is granted, never booked ahead, so
    // that a waiter follows the current rate and one that gives up (is interrupted) takes nothing.
    let tokens = capacity
    let refilled = start
    // The waiters in line, first come first served; the first one watches the clock, the others wait for their turn.
    const line: Array<Deferred.Deferred<void>> = []
    let curve: Curve | undefined = undefined
    let lastThrottle = -Infinity
    const successes: Array<number> = []

    const rateOf = (now: number): number => adaptive ? rateAt(max, curve, now) : max

    const refill = (now: number) => {
      if (now > refilled) {
        tokens = Math.min(capacity, tokens + (now - refilled) * rateOf(now) / 1000)
        refilled = now
      }
    }

    const leave = (self: Deferred.Deferred<void>) => {
      const index = line.indexOf(self)
      if (index < 0) return
      line.splice(index, 1)
      // the next one watches the clock now
      if (index === 0 && line.length > 0) Deferred.doneUnsafe(line[0]!, Effect.void)
    }

    // The head of the line: waits until a token is there at the rate in force, looking again every `recheck` ms. Its
    // token counts from the moment the bucket held it, not from when its timer fired: a timer that fires late (a busy
    // event loop, a wait rounded up to a whole millisecond) costs this request, not the rate, as in the Effect 3
    // edition (the bucket is refilled from that moment, so the next waiter's time is counted from it too, and after a
    // stall the waiters catch up one interval each). Only a head refills from the past: with no one in line, `take`
    // refills up to now, so time without demand fills the bucket up to `capacity` and no further.
    const watch = (self: Deferred.Deferred<void>, arrived: number): Effect.Effect<number> =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const rate = rateOf(now)
        if (tokens + Math.max(0, now - refilled) * rate / 1000 >= whole) {
          const held = Math.min(now, refilled + Math.max(0, 1 - tokens) * 1000 / rate)
          tokens = Math.min(capacity, tokens + Math.max(0, held - refilled) * rate / 1000) - 1
          refilled = Math.max(refilled, held)
          leave(self)
          return Effect.succeed(now - arrived)
        }
        refill(now)
        const wait = Math.max(1, Math.min(recheck, Math.ceil((1 - tokens) * 1000 / rate)))
        return Effect.flatMap(Effect.sleep(wait), () => watch(self, arrived))
      })

    const take: Effect.Effect<number> = Effect.flatMap(Clock.currentTimeMillis, (now) => {
      if (line.length === 0) {
        refill(now)
        if (tokens >= whole) {
          tokens -= 1
          return Effect.succeed(0)
        }
      }
      const self = Deferred.makeUnsafe<void>()
      line.push(self)
      if (line.length === 1) Deferred.doneUnsafe(self, Effect.void)
      return Deferred.await(self).pipe(
        Effect.flatMap(() => watch(self, now)),
        // an interrupted waiter leaves the line and takes nothing
        Effect.onInterrupt(() => Effect.sync(() => leave(self)))
      )
    })

    const throttled = Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Effect.sync(() => {
        if (!adaptive || now - lastThrottle < cooldown) return
        lastThrottle = now
        while (successes.length > 0 && successes[0]! <= now - window) successes.shift()
        refill(now)
        curve = afterThrottle(max, rateOf(now), successes.length * 1000 / window, now)
        // the bucket is empty: the next request waits one interval at the new rate
        tokens = Math.min(tokens, 0)
      }))

    const succeeded = adaptive
      ? Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.sync(() => {
          successes.push(now)
          if (successes.length > 4 * max + 16) successes.shift()
        }))
      : Effect.void

    return { take, throttled, succeeded, rate: Effect.map(Clock.currentTimeMillis, rateOf) }
  })
