import * as Context from "effect/Context"

/**
 * What one call has waited for the rate limiter since its first failure: the policy's time limit does not count it
 * (waiting for the limiter is not retry time, as it is not attempt time). `PersonalizeClient.retry` gives each call
 * its own account; `PersonalizeClient.rateLimited` adds to it; `Retry.makePolicy`'s time limit reads it.
 *
 * @internal
 */
export interface WaitAccount {
  /** Every limiter wait of the call, in milliseconds. */
  waited: number
  /** `waited` when the policy was first consulted (the first failure); `undefined` before. */
  baseline: number | undefined
}

/** @internal */
export const CurrentWaitAccount = Context.Reference<WaitAccount | undefined>(
  "@effect-personalize/core/internal/CurrentWaitAccount",
  { defaultValue: () => undefined }
)
