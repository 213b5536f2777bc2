import * as Duration from "effect/Duration"
import type * as Api from "../PersonalizeEmulator.js"

/**
 * What is wrong with rate limit options, or `undefined` when nothing is.
 *
 * @internal
 */
export const check = (options: Api.RateLimitOptions): string | undefined => {
  const { burst, requestsPerSecond, retryAfter } = options
  if (!(typeof requestsPerSecond === "number" && Number.isFinite(requestsPerSecond) && requestsPerSecond > 0)) {
    return `the rate limit needs a positive number of requests per second, got ${String(requestsPerSecond)}`
  }
  if (burst !== undefined && !(Number.isSafeInteger(burst) && burst >= 1)) {
    return `the rate limit needs a burst that is a whole number of at least 1, got ${String(burst)}`
  }
  if (retryAfter !== undefined) {
    const decoded = Duration.decodeUnknown(retryAfter)
    if (decoded._tag === "None" || !Duration.isFinite(decoded.value)) {
      return `the rate limit needs a finite retryAfter, got ${String(retryAfter)}`
    }
  }
  return undefined
}

/**
 * The burst of a rate limit that names none: one second's worth, at least 1.
 *
 * @internal
 */
export const burstOf = (options: Api.RateLimitOptions): number =>
  options.burst ?? Math.max(1, Math.ceil(options.requestsPerSecond))

interface Bucket {
  tokens: number
  refilled: number
}

// A permit a hair short of whole is whole: rates such as 3/s refill 0.999… in 333 ms of floating point.
const epsilon = 1e-9

/**
 * The service's rate limit: one token bucket per account, each starting full. Time is whatever the caller says
 * (the emulator's clock), so that `TestClock` drives it.
 *
 * @internal
 */
export class RateLimiter {
  readonly requestsPerSecond: number
  readonly burst: number
  /** The `Retry-After` of a throttled answer, in whole seconds; none when not configured. */
  readonly retryAfter: Duration.Duration | undefined
  private readonly buckets = new Map<string, Bucket>()

  constructor(options: Api.RateLimitOptions) {
    this.requestsPerSecond = options.requestsPerSecond
    this.burst = burstOf(options)
    this.retryAfter = options.retryAfter === undefined
      ? undefined
      : Duration.seconds(Math.max(0, Math.ceil(Duration.toMillis(options.retryAfter) / 1000)))
  }

  /** Takes a permit of `account` at `now` (epoch milliseconds); `false` when there is none: throttle. */
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
