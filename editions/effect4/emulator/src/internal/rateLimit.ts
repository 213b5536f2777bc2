import * as RateLimiters from "@effect-personalize/protocol/RateLimiter"
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import type * as Api from "../PersonalizeEmulator.js"

/**
 * What is wrong with rate limit options, or `undefined` when nothing is.
 *
 * @internal
 */
export const check = (options: Api.RateLimitOptions): string | undefined => {
  const problem = RateLimiters.check(options)
  if (problem !== undefined) return problem
  const { retryAfter } = options
  if (retryAfter !== undefined) {
    const decoded = Duration.fromInput(retryAfter)
    if (Option.isNone(decoded) || !Duration.isFinite(decoded.value)) {
      return `the rate limit needs a finite retryAfter, got ${String(retryAfter)}`
    }
  }
  return undefined
}

/**
 * The protocol package's token buckets, with the `Retry-After` of a throttled answer.
 *
 * @internal
 */
export class RateLimiter extends RateLimiters.RateLimiter {
  /** The `Retry-After` of a throttled answer, in whole seconds; none when not configured. */
  readonly retryAfter: Duration.Duration | undefined

  constructor(options: Api.RateLimitOptions) {
    super(options)
    this.retryAfter = options.retryAfter === undefined
      ? undefined
      : Duration.seconds(Math.max(0, Math.ceil(Duration.toMillis(options.retryAfter) / 1000)))
  }
}
