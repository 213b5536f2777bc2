import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberRef from "effect/FiberRef"
import * as GlobalValue from "effect/GlobalValue"
import * as Option from "effect/Option"
import type { Options } from "../RateLimit.js"

/** The limiter behind `RateLimit.layer`, as a page call uses it. (Not marked internal: tested.) */
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
// ceiling rises slowly (after `probeAfter`, by `probe` of the configured rate per second) back to the configured
// rate, so that a passing throttle does not lower the rate for good.
const window = 1000
const cooldown = 1000
const recovery = 500
const probe = 0.01
const probeAfter = 10_000
const backoff = 0.5
const margin = 0.95
// While the rate is below the configured one it may be rising, so the waiter at the head of the queue looks again
// at least this often (a fifth of `recovery`), and goes at most this much later than the rate allows.
const recheck = 100

interface Waiter {
  /** When it came. */
  readonly arrived: number
  /** Completed when it comes to the head of the queue. */
  readonly turn: Deferred.Deferred<void>
}

/** A limiter on the Clock. (Not marked internal: tested.) */
export const make = (options: Options): Effect.Effect<Limiter> =>
  Effect.gen(function*() {
    const max = options.requestsPerSecond
    const capacity = options.burst ?? 1
    const adaptive = options.adaptive ?? true
    const floor = Math.min(max, 0.1)
    const start = yield* Clock.currentTimeMillis
    // The bucket, leaking at the rate in force: `level` requests in it just after `last` (the time of the last send
    // or throttle). A request may go when the bucket has room for it (`level` drained to `capacity - 1`), and adds
    // one. Nothing is booked ahead: waiters queue, first come first served, and only the head waits for a time,
    // computed from `last` and the rate *now*; when it wakes it computes it again. So a change of rate (a throttle,
    // the recovery, the probe) moves the head's time, and a waiter that is interrupted leaves the queue with nothing
    // spent. The head's send counts at the time it computed, not when its timer fired: a timer that fires late costs
    // that request, not the rate (the next one's time is counted from the computed one). No lock is held while
    // sleeping: the others wait for their turn, not for a lock.
    let level = 0
    let last = start
    const queue = new Set<Waiter>()
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

    /** When the next request may go at `rate`: once the bucket has drained to room for one. */
    const due = (rate: number): number => last + Math.max(0, level - (capacity - 1)) * 1000 / rate

    const send = (at: number, rate: number): void => {
      level = Math.max(0, level - (at - last) * rate / 1000) + 1
      last = at
    }

    const head = (): Waiter | undefined => queue.values().next().value

    // Leaving (sent or interrupted): the next waiter, if this was the head, becomes the head.
    const leave = (waiter: Waiter): void => {
      const wasHead = head() === waiter
      queue.delete(waiter)
      const next = wasHead ? head() : undefined
      if (next !== undefined) Deferred.unsafeDone(next.turn, Exit.void)
    }

    const wait = (waiter: Waiter): Effect.Effect<number> =>
      Effect.gen(function*() {
        queue.add(waiter)
        if (head() !== waiter) yield* Deferred.await(waiter.turn)
        while (true) {
          const now = yield* Clock.currentTimeMillis
          const rate = rateAt(now)
          const at = due(rate)
          if (at <= now) {
            send(at, rate)
            leave(waiter)
            return now - waiter.arrived
          }
          // whole milliseconds, as timers have them: a sleep of a fraction rounds to nothing under a test clock
          const millis = Math.ceil(at - now)
          yield* Effect.sleep(rate < max ? Math.min(millis, recheck) : millis)
        }
      }).pipe(Effect.onInterrupt(() => Effect.sync(() => leave(waiter))))

    const take = Effect.flatMap(Clock.currentTimeMillis, (now) => {
      if (queue.size === 0) {
        const rate = rateAt(now)
        if (due(rate) <= now) {
          send(now, rate)
          return Effect.succeed(0)
        }
      }
      return Effect.flatMap(Deferred.make<void>(), (turn) => wait({ arrived: now, turn }))
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
        // the bucket is full: the next request waits one interval at the new rate (the head sees it when it wakes)
        level = capacity
        last = now
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
