/**
 * The one retry point of the library: a `Schedule` around a single page call.
 *
 * Every call (`ListBatchSegmentJobs.list`, each page of `pages`/`stream`) retries the errors that
 * `PersonalizeError.isRetryable` accepts — throttling, network faults, 5xx — with the current policy; other
 * errors fail at once. The policy is, in order of precedence: the `retry` option of a call, the policy set with
 * `Retry.withPolicy` / `Retry.layer`, then `Retry.defaultPolicy`.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import { dual } from "effect/Function"
import * as GlobalValue from "effect/GlobalValue"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import type { PersonalizeError } from "./PersonalizeError.js"
import { isThrottling } from "./PersonalizeError.js"

/**
 * A retry policy: a `Schedule` fed with each retryable error. Its delays are the waits between attempts;
 * when it ends, the last error is the call's error.
 *
 * @since 0.1.0
 * @category models
 */
export type Policy = Schedule.Schedule<unknown, PersonalizeError>

/**
 * The numbers of the default policy: exponential backoff from 100 ms (from 500 ms after a throttling error),
 * doubled at each attempt, with jitter (each delay scaled by a random factor between 0.8 and 1.2), at most
 * 4 retries (5 attempts) and at most 20 seconds spent retrying.
 *
 * @since 0.2.0
 * @category policies
 */
export const defaults: {
  readonly base: Duration.Duration
  readonly throttlingBase: Duration.Duration
  readonly retries: number
  readonly budget: Duration.Duration
  readonly jitter: boolean
} = {
  base: Duration.millis(100),
  throttlingBase: Duration.millis(500),
  retries: 4,
  budget: Duration.seconds(20),
  jitter: true
}

/**
 * The options of `makePolicy`; each member left out takes its value from `defaults`.
 *
 * @since 0.2.0
 * @category models
 */
export interface PolicyOptions {
  /** The first delay after any retryable error but throttling; doubled at each attempt. */
  readonly base?: Duration.DurationInput | undefined
  /** The first delay after a throttling error; doubled at each attempt. */
  readonly throttlingBase?: Duration.DurationInput | undefined
  /** How many retries at most (attempts are one more). */
  readonly retries?: number | undefined
  /** How long, at most, is spent retrying one call. */
  readonly budget?: Duration.DurationInput | undefined
  /** Whether each delay is scaled by a random factor between 0.8 and 1.2. */
  readonly jitter?: boolean | undefined
}

/**
 * Builds a policy of the same shape as the default one; each number left out is the default's (`defaults`).
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-personalize/core"
 *
 * const patient = Retry.makePolicy({ base: "1 second", throttlingBase: "5 seconds", retries: 10, budget: "5 minutes" })
 * const threeAttempts = Retry.makePolicy({ retries: 2 })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export function makePolicy(options: PolicyOptions = {}): Policy {
  const base = options.base ?? defaults.base
  const throttlingBase = options.throttlingBase ?? defaults.throttlingBase
  const factor = Duration.toMillis(throttlingBase) / Math.max(1, Duration.toMillis(base))
  const delays = Schedule.intersect(Schedule.identity<PersonalizeError>(), Schedule.exponential(base, 2)).pipe(
    Schedule.modifyDelay(([error], delay) => isThrottling(error) ? Duration.times(delay, factor) : delay)
  )
  return ((options.jitter ?? defaults.jitter) ? Schedule.jittered(delays) : delays).pipe(
    Schedule.intersect(Schedule.recurs(options.retries ?? defaults.retries)),
    Schedule.upTo(options.budget ?? defaults.budget)
  )
}

/**
 * The default policy, `makePolicy(defaults)`.
 *
 * @since 0.1.0
 * @category policies
 */
export const defaultPolicy: Policy = makePolicy()

/**
 * No retry: the first error is the call's error.
 *
 * @since 0.1.0
 * @category policies
 */
export const none: Policy = Schedule.stop

/**
 * The policy in force for the current fiber.
 *
 * @since 0.1.0
 * @category fiber refs
 */
export const currentPolicy: FiberRef.FiberRef<Policy> = GlobalValue.globalValue(
  Symbol.for("@effect-personalize/core/Retry/currentPolicy"),
  () => FiberRef.unsafeMake<Policy>(defaultPolicy)
)

/**
 * Runs an effect (or a stream's start) with another policy.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withPolicy: {
  (policy: Policy): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  <A, E, R>(self: Effect.Effect<A, E, R>, policy: Policy): Effect.Effect<A, E, R>
} = dual(2, <A, E, R>(self: Effect.Effect<A, E, R>, policy: Policy) => Effect.locally(self, currentPolicy, policy))

/**
 * A layer that sets the policy for everything it is provided to.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Retry } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const program = ListBatchSegmentJobs.list({}).pipe(Effect.provide(Retry.layer(Retry.none)))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (policy: Policy): Layer.Layer<never> => Layer.locallyScoped(currentPolicy, policy)
