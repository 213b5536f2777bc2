/**
 * The service's rate limit as the emulators apply it: a token bucket per account, on the time the caller gives (the
 * emulator's clock, so that a test clock drives it), and the checks of its options.
 *
 * @since 0.1.0
 */

/**
 * A rate limit: permits a second per account, and how many at once after a quiet spell.
 *
 * @example
 * ```ts
 * import type { RateLimiter } from "@effect-personalize/protocol"
 *
 * const options: RateLimiter.Options = { requestsPerSecond: 5, burst: 10 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The permits a second, per account (a positive number; fractions allowed). */
  readonly requestsPerSecond: number
  /** A whole number, at least 1; default one second's worth, `requestsPerSecond` rounded up. */
  readonly burst?: number | undefined
}

/**
 * What is wrong with rate limit options, or `undefined` when nothing is. (Each edition checks its own `retryAfter`
 * after these.)
 *
 * @example
 * ```ts
 * import { RateLimiter } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(RateLimiter.check({ requestsPerSecond: 0 }), "the rate limit needs a positive number of requests per second, got 0")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const check = (options: Options): string | undefined => {
  const { burst, requestsPerSecond } = options
  if (!(typeof requestsPerSecond === "number" && Number.isFinite(requestsPerSecond) && requestsPerSecond > 0)) {
    return `the rate limit needs a positive number of requests per second, got ${String(requestsPerSecond)}`
  }
  if (burst !== undefined && !(Number.isSafeInteger(burst) && burst >= 1)) {
    return `the rate limit needs a burst that is a whole number of at least 1, got ${String(burst)}`
  }
  return undefined
}

/**
 * The burst of a rate limit: the one it names, else one second's worth, at least 1.
 *
 * @example
 * ```ts
 * import { RateLimiter } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(RateLimiter.burstOf({ requestsPerSecond: 2.5 }), 3)
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const burstOf = (options: Options): number => options.burst ?? Math.max(1, Math.ceil(options.requestsPerSecond))

interface Bucket {
  tokens: number
  refilled: number
}

// A permit a hair short of whole is whole: rates such as 3/s refill 0.999… in 333 ms of floating point.
const epsilon = 1e-9

/**
 * The service's rate limit: one token bucket per account, each starting full. Time is whatever the caller says
 * (the emulator's clock), so that a test clock drives it.
 *
 * @example
 * ```ts
 * import { RateLimiter } from "@effect-personalize/protocol"
 *
 * const limiter = new RateLimiter.RateLimiter({ requestsPerSecond: 1 })
 * assert.ok(limiter.take("123456789012", 0))
 * assert.ok(!limiter.take("123456789012", 500))
 * assert.ok(limiter.take("123456789012", 1000))
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export class RateLimiter {
  /** @since 0.1.0 */
  readonly requestsPerSecond: number
  /** @since 0.1.0 */
  readonly burst: number
  private readonly buckets = new Map<string, Bucket>()

  constructor(options: Options) {
    this.requestsPerSecond = options.requestsPerSecond
    this.burst = burstOf(options)
  }

  /**
   * Takes a permit of `account` at `now` (epoch milliseconds); `false` when there is none: throttle.
   *
   * @since 0.1.0
   */
  take(account: string, now: number): boolean {
    let bucket = this.buckets.get(account)
    if (bucket === undefined) {
      bucket = { tokens: this.burst, refilled: now }
      this.buckets.set(account, bucket)
    }
    // The clock may be moved back (`TestClock.setTime`): no refill then, and none owed later.
    const elapsed = Math.max(0, now - bucket.refilled)
    bucket.tokens = Math.min(this.burst, bucket.tokens + elapsed * this.requestsPerSecond / 1000)
    bucket.refilled = Math.max(bucket.refilled, now)
    if (bucket.tokens < 1 - epsilon) return false
    bucket.tokens = Math.max(0, bucket.tokens - 1)
    return true
  }
}
