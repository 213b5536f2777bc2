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
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import type { PersonalizeError } from "./PersonalizeError.js"
import { isThrottling } from "./PersonalizeError.js"

/**
 * A retry policy: a `Schedule` fed with each retryable error. Its delays are the waits between attempts;
 * when it ends, the last error is the call's error.
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-personalize/core"
 * import { Schedule } from "effect"
 *
 * // three attempts, a second apart, whatever the error
 * const steady: Retry.Policy = Schedule.spaced("1 second").pipe(Schedule.intersect(Schedule.recurs(2)))
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Policy = Schedule.Schedule<unknown, PersonalizeError>

/**
 * The numbers of the default policy: exponential backoff from 100 ms (from 500 ms after a throttling error),
 * doubled at each attempt, with jitter (each delay scaled by a random factor between 0.8 and 1.2), at most
 * 4 retries (5 attempts) and at most 20 seconds of retry time (`maxElapsed`).
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-personalize/core"
 *
 * // the default policy with twice as many retries
 * const persistent = Retry.makePolicy({ retries: Retry.defaults.retries * 2 })
 * ```
 *
 * @since 0.2.0
 * @category policies
 */
export const defaults: {
  readonly base: Duration.Duration
  readonly throttlingBase: Duration.Duration
  readonly retries: number
  readonly maxElapsed: Duration.Duration
  /** @deprecated The old name of `maxElapsed`; "budget" is the retry budget (`BudgetOptions`). */
  readonly budget: Duration.Duration
  readonly jitter: boolean
} = {
  base: Duration.millis(100),
  throttlingBase: Duration.millis(500),
  retries: 4,
  maxElapsed: Duration.seconds(20),
  budget: Duration.seconds(20),
  jitter: true
}

/**
 * The options of `makePolicy`; each member left out takes its value from `defaults`.
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-personalize/core"
 *
 * const options: Retry.PolicyOptions = { retries: 2, jitter: false }
 * const predictable = Retry.makePolicy(options)
 * ```
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
  /**
   * The retry time of one call, at most: from its first failure, the time of its attempts and of the delays
   * between them (not the waits for `RateLimit.layer`'s limiter). A retry whose delay would end later is not made.
   */
  readonly maxElapsed?: Duration.DurationInput | undefined
  /** @deprecated The old name of `maxElapsed` (which wins when both are given). */
  readonly budget?: Duration.DurationInput | undefined
  /** Whether each delay is scaled by a random factor between 0.8 and 1.2. */
  readonly jitter?: boolean | undefined
}

/**
 * Builds a policy of the same shape as the default one; each number left out is the default's (`defaults`).
 * When the service sent a `Retry-After` (carried by the error as `retryAfter`), the next delay is at least that
 * long; a retry whose delay would end past `maxElapsed` is not made.
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-personalize/core"
 *
 * const patient = Retry.makePolicy({ base: "1 second", throttlingBase: "5 seconds", retries: 10, maxElapsed: "5 minutes" })
 * const threeAttempts = Retry.makePolicy({ retries: 2 })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export function makePolicy(options: PolicyOptions = {}): Policy {
  const base = options.base ?? defaults.base
  const throttlingBase = options.throttlingBase ?? defaults.throttlingBase
  const maxElapsed = Duration.toMillis(options.maxElapsed ?? options.budget ?? defaults.maxElapsed)
  const factor = Duration.toMillis(throttlingBase) / Math.max(1, Duration.toMillis(base))
  const delays = Schedule.intersect(Schedule.identity<PersonalizeError>(), Schedule.exponential(base, 2)).pipe(
    Schedule.modifyDelay(([error], delay) => isThrottling(error) ? Duration.times(delay, factor) : delay)
  )
  return ((options.jitter ?? defaults.jitter) ? Schedule.jittered(delays) : delays).pipe(
    // The service's Retry-After is a floor, applied after the jitter.
    Schedule.modifyDelay(([error], delay) => Duration.max(delay, retryAfterOf(error))),
    Schedule.intersect(Schedule.recurs(options.retries ?? defaults.retries)),
    Schedule.delays,
    // Within `maxElapsed`: a retry is made only when its delay still ends inside it.
    Schedule.intersect(Schedule.elapsed),
    Schedule.whileOutput(([delay, elapsed]) => Duration.toMillis(elapsed) + Duration.toMillis(delay) <= maxElapsed)
  )
}

const retryAfterOf = (error: PersonalizeError): Duration.Duration =>
  (error._tag === "ThrottlingException" || error._tag === "PersonalizeServiceException") &&
    error.retryAfter !== undefined
    ? error.retryAfter
    : Duration.zero

/**
 * The default policy, `makePolicy(defaults)`.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Retry } from "@effect-personalize/core"
 *
 * // this call retries as usual, in a program that otherwise does not retry
 * const page = ListBatchSegmentJobs.list({}, { retry: Retry.defaultPolicy })
 * const program = Retry.withPolicy(page, Retry.none)
 * ```
 *
 * @since 0.1.0
 * @category policies
 */
export const defaultPolicy: Policy = makePolicy()

/**
 * No retry: the first error is the call's error.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Retry } from "@effect-personalize/core"
 *
 * // a health check: one attempt, and its error at once
 * const healthCheck = ListBatchSegmentJobs.list({ maxResults: 1 }, { retry: Retry.none, timeout: "3 seconds" })
 * ```
 *
 * @since 0.1.0
 * @category policies
 */
export const none: Policy = Schedule.stop

/**
 * The policy in force for the current fiber.
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-personalize/core"
 * import { Effect, FiberRef } from "effect"
 *
 * const isDefault = Effect.map(FiberRef.get(Retry.currentPolicy), (policy) => policy === Retry.defaultPolicy)
 * assert.ok(Effect.runSync(isDefault))
 * assert.ok(!Effect.runSync(Retry.withPolicy(isDefault, Retry.none)))
 * ```
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
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Retry } from "@effect-personalize/core"
 * import { Stream } from "effect"
 *
 * // every page of this listing, with up to ten retries each
 * const all = Stream.runCollect(ListBatchSegmentJobs.stream({})).pipe(
 *   Retry.withPolicy(Retry.makePolicy({ retries: 10 }))
 * )
 * ```
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

/**
 * The options of a retry budget. The numbers are those of the AWS SDKs' standard retry mode.
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-personalize/core"
 *
 * // 10 retries, then errors fail at once until calls succeed again
 * const options: Retry.BudgetOptions = { capacity: 50, retryCost: 5 }
 * const Budget = Retry.layerBudget(options)
 * ```
 *
 * @since 0.2.0
 * @category models
 */
export interface BudgetOptions {
  /** How many tokens the bucket holds, and starts with. Default 500. */
  readonly capacity?: number | undefined
  /** What a retry costs. Default 5. */
  readonly retryCost?: number | undefined
  /** What a retry after a timeout or a lost connection costs. Default 10. */
  readonly timeoutCost?: number | undefined
  /** What a call that succeeds at its first attempt gives back. Default 1. */
  readonly successRefill?: number | undefined
}

/**
 * The default numbers of a retry budget: 500 tokens, 5 a retry, 10 a retry after a timeout or a lost connection,
 * 1 back for each call that succeeds at once (a call that succeeds after retries gives back what its retries
 * took). Empty after 100 retries with no success; refilled by successes.
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-personalize/core"
 *
 * assert.strictEqual(Retry.budgetDefaults.capacity / Retry.budgetDefaults.retryCost, 100)
 * ```
 *
 * @since 0.2.0
 * @category policies
 */
export const budgetDefaults: Required<{ readonly [K in keyof BudgetOptions]: number }> = {
  capacity: 500,
  retryCost: 5,
  timeoutCost: 10,
  successRefill: 1
}

/**
 * A retry budget: a bucket of tokens shared by the calls of a client (each client has its own), or by every call
 * under a `layerBudget`. A retry takes tokens; when there are not enough, the retryable error fails at once instead
 * of being retried, so that many streams do not multiply an outage. Successes put tokens back.
 *
 * @example
 * ```ts
 * import type { Retry } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const report = (budget: Retry.Budget) =>
 *   Effect.flatMap(budget.available, (tokens) => Effect.log(`${tokens} retry tokens left`))
 * ```
 *
 * @since 0.2.0
 * @category models
 */
export interface Budget {
  /** Takes the tokens of one retry after `error` and says how many; `undefined` (nothing taken) when too few. */
  readonly tryAcquire: (error: PersonalizeError) => Effect.Effect<number | undefined>
  /** A call succeeded: `taken` is what its retries took (0 when none); that, or the success refill, goes back. */
  readonly release: (taken: number) => Effect.Effect<void>
  /** The tokens in the bucket now. */
  readonly available: Effect.Effect<number>
}

/**
 * A budget with the given numbers, each left out taken from `budgetDefaults`.
 *
 * @example
 * ```ts
 * import { PersonalizeError, Retry } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const budget = Retry.makeBudget({ capacity: 10 })
 * const throttled = new PersonalizeError.ThrottlingException({ code: "ThrottlingException" })
 * // two retries take the 10 tokens; a third is refused
 * const taken = Effect.runSync(Effect.replicateEffect(budget.tryAcquire(throttled), 3))
 * assert.deepStrictEqual(taken, [5, 5, undefined])
 * ```
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeBudget = (options: BudgetOptions = {}): Budget => {
  const capacity = options.capacity ?? budgetDefaults.capacity
  const retryCost = options.retryCost ?? budgetDefaults.retryCost
  const timeoutCost = options.timeoutCost ?? budgetDefaults.timeoutCost
  const successRefill = options.successRefill ?? budgetDefaults.successRefill
  let tokens = capacity
  return {
    tryAcquire: (error) =>
      Effect.sync(() => {
        const cost =
          error._tag === "TransportError" && (error.reason === "Timeout" || error.reason === "ConnectionReset")
            ? timeoutCost
            : retryCost
        if (tokens < cost) return undefined
        tokens -= cost
        return cost
      }),
    release: (taken) =>
      Effect.sync(() => {
        tokens = Math.min(capacity, tokens + (taken > 0 ? taken : successRefill))
      }),
    available: Effect.sync(() => tokens)
  }
}

/**
 * No budget: every retry the policy allows is made.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Retry } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * // every retry the policy allows, however many other calls retry too
 * const program = ListBatchSegmentJobs.list({}).pipe(Effect.provide(Retry.layerBudget(Retry.unlimitedBudget)))
 * ```
 *
 * @since 0.2.0
 * @category policies
 */
export const unlimitedBudget: Budget = {
  tryAcquire: () => Effect.succeed(0),
  release: () => Effect.void,
  available: Effect.succeed(Infinity)
}

/**
 * The budget set for the current fiber by `layerBudget`, shared by every client under it. `None` (the default):
 * each call uses the budget of its client (`PersonalizeClient.PersonalizeClient.Service`'s `retryBudget`), so that
 * two clients, runtimes or tests never share one by accident, as the AWS SDK keeps its retry quota per client.
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-personalize/core"
 * import { Effect, FiberRef, Option } from "effect"
 *
 * const tokensLeft = Effect.flatMap(
 *   FiberRef.get(Retry.currentBudget),
 *   Option.match({ onNone: () => Effect.succeed(undefined), onSome: (budget) => budget.available })
 * )
 * assert.strictEqual(Effect.runSync(tokensLeft), undefined)
 * assert.strictEqual(Effect.runSync(Effect.provide(tokensLeft, Retry.layerBudget({ capacity: 20 }))), 20)
 * ```
 *
 * @since 0.2.0
 * @category fiber refs
 */
export const currentBudget: FiberRef.FiberRef<Option.Option<Budget>> = GlobalValue.globalValue(
  Symbol.for("@effect-personalize/core/Retry/currentBudget"),
  () => FiberRef.unsafeMake<Option.Option<Budget>>(Option.none())
)

/**
 * A layer that gives everything it is provided to one new budget, shared by all of its calls, whatever their client
 * (without it, each client has its own).
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, PersonalizeClient, Retry } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const Empty = PersonalizeClient.layerTest(() => Effect.succeed({ body: {} }))
 * // two clients (two regions, say), one bucket of 100 tokens for the retries of both
 * const both = Effect.all([
 *   ListBatchSegmentJobs.list({}).pipe(Effect.provide(Empty)),
 *   ListBatchSegmentJobs.list({}).pipe(Effect.provide(Empty))
 * ]).pipe(Effect.provide(Retry.layerBudget({ capacity: 100 })))
 * ```
 *
 * @since 0.2.0
 * @category layers
 */
export const layerBudget = (options?: BudgetOptions | Budget): Layer.Layer<never> =>
  Layer.unwrapEffect(
    Effect.sync(() =>
      Layer.locallyScoped(
        currentBudget,
        Option.some(options !== undefined && "tryAcquire" in options ? options : makeBudget(options))
      )
    )
  )
