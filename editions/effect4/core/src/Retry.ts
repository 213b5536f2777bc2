/**
 * The retry policy and the retry budget of every page call.
 *
 * Every call (`ListBatchSegmentJobs.list`, each page of `pages`/`stream`) retries the errors that
 * `PersonalizeError.isRetryable` accepts — throttling, network faults, 5xx — with the current policy
 * (`PersonalizeClient.retry` is `Effect.retry` with it); other errors fail at once. The policy is, in order of
 * precedence: the `retry` option of a call, the policy set with `Retry.withPolicy` / `Retry.layer`, then
 * `Retry.defaultPolicy` (the default value of `Retry.CurrentPolicy`).
 *
 * The retry budget, a bucket of tokens that retries take and successes give back, is one per client by default;
 * `Retry.layerBudget` gives everything under it one shared budget instead. There is no process-wide budget.
 *
 * @since 1.0.0
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { dual } from "effect/Function"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import { CurrentWaitAccount } from "./internal/retryTime.js"
import type { PersonalizeError } from "./PersonalizeError.js"
import { isThrottling } from "./PersonalizeError.js"

/**
 * A retry policy: a `Schedule` fed with each retryable error. Its delays are the waits between attempts;
 * when it ends, the last error is the call's error.
 *
 * @example
 * ```ts
 * import type { Retry } from "@effect-personalize/core"
 * import { Schedule } from "effect"
 *
 * // three attempts, a second apart, whatever the error
 * const steady: Retry.Policy = Schedule.spaced("1 second").pipe(Schedule.upTo({ times: 2 }))
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type Policy = Schedule.Schedule<unknown, PersonalizeError>

/**
 * The numbers of the default policy: exponential backoff from 100 ms (from 500 ms after a throttling error),
 * doubled at each attempt, with jitter (each delay scaled by a random factor between 0.8 and 1.2), at most
 * 4 retries (5 attempts) and at most 20 seconds spent retrying (`retryTime`; waiting for the rate limiter does not
 * count).
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-personalize/core"
 *
 * // the default policy with twice as many retries
 * const persistent = Retry.makePolicy({ retries: Retry.defaults.retries * 2 })
 * ```
 *
 * @since 1.0.0
 * @category policies
 */
export const defaults: {
  readonly base: Duration.Duration
  readonly throttlingBase: Duration.Duration
  readonly retries: number
  readonly retryTime: Duration.Duration
  readonly jitter: boolean
} = {
  base: Duration.millis(100),
  throttlingBase: Duration.millis(500),
  retries: 4,
  retryTime: Duration.seconds(20),
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
 * @since 1.0.0
 * @category models
 */
export interface PolicyOptions {
  /** The first delay after any retryable error but throttling; doubled at each attempt. */
  readonly base?: Duration.Input | undefined
  /** The first delay after a throttling error; doubled at each attempt. */
  readonly throttlingBase?: Duration.Input | undefined
  /** How many retries at most (attempts are one more). */
  readonly retries?: number | undefined
  /**
   * How long, at most, is spent retrying one call, from its first failure: a retry whose delay would end past it is
   * not made. Waiting for the rate limiter does not count.
   */
  readonly retryTime?: Duration.Input | undefined
  /** Whether each delay is scaled by a random factor between 0.8 and 1.2. */
  readonly jitter?: boolean | undefined
}

const retryAfterOf = (error: PersonalizeError): number =>
  (error._tag === "ThrottlingException" || error._tag === "PersonalizeServiceException") &&
    error.retryAfter !== undefined
    ? Duration.toMillis(error.retryAfter)
    : 0

/**
 * Builds a policy of the same shape as the default one; each number left out is the default's (`defaults`).
 * When the service sent a `Retry-After` (carried by the error as `retryAfter`), the next delay is at least that
 * long; a retry whose delay would end past `retryTime` is not made.
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-personalize/core"
 *
 * const patient = Retry.makePolicy({ base: "1 second", throttlingBase: "5 seconds", retries: 10, retryTime: "5 minutes" })
 * const threeAttempts = Retry.makePolicy({ retries: 2 })
 * ```
 *
 * @since 1.0.0
 * @category constructors
 */
export const makePolicy = (options: PolicyOptions = {}): Policy => {
  const base = Duration.toMillis(options.base ?? defaults.base)
  const throttlingBase = Duration.toMillis(options.throttlingBase ?? defaults.throttlingBase)
  const retries = options.retries ?? defaults.retries
  const retryTime = Duration.toMillis(options.retryTime ?? defaults.retryTime)
  // Exponential from a base that depends on the error: after a throttle, a longer one.
  const backoff = Schedule.fromStepWithMetadata(Effect.succeed((meta: Schedule.InputMetadata<PersonalizeError>) => {
    const delay = Duration.millis((isThrottling(meta.input) ? throttlingBase : base) * 2 ** (meta.attempt - 1))
    const step: [Duration.Duration, Duration.Duration] = [delay, delay]
    return Effect.succeed(step)
  }))
  return (options.jitter ?? defaults.jitter ? Schedule.jittered(backoff) : backoff).pipe(
    // The service's Retry-After is a floor, applied after the jitter.
    Schedule.modifyDelay(({ duration, input }) =>
      Effect.succeed(Duration.max(duration, Duration.millis(retryAfterOf(input))))
    ),
    Schedule.while(({ attempt, duration, elapsed }) =>
      attempt <= retries &&
      Effect.map(Effect.service(CurrentWaitAccount), (account) => {
        // the limiter's waits since the first failure are not retry time
        let waited = 0
        if (account !== undefined) {
          if (account.baseline === undefined) account.baseline = account.waited
          waited = account.waited - account.baseline
        }
        return elapsed - waited + Duration.toMillis(duration) <= retryTime
      })
    )
  )
}

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
 * @since 1.0.0
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
 * @since 1.0.0
 * @category policies
 */
export const none: Policy = Schedule.recurs(0)

/**
 * The policy in force: `defaultPolicy` unless a layer (`layer`) or `withPolicy` provides another.
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const isDefault = Effect.map(Effect.service(Retry.CurrentPolicy), (policy) => policy === Retry.defaultPolicy)
 * assert.ok(Effect.runSync(isDefault))
 * assert.ok(!Effect.runSync(Retry.withPolicy(isDefault, Retry.none)))
 * ```
 *
 * @since 1.0.0
 * @category references
 */
export const CurrentPolicy: Context.Reference<Policy> = Context.Reference<Policy>(
  "@effect-personalize/core/Retry/CurrentPolicy",
  { defaultValue: () => defaultPolicy }
)

/**
 * Runs an effect (or a stream's start) with another policy.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Retry } from "@effect-personalize/core"
 *
 * // one page with up to ten retries
 * const patient = Retry.withPolicy(ListBatchSegmentJobs.list({}), Retry.makePolicy({ retries: 10 }))
 * ```
 *
 * @since 1.0.0
 * @category combinators
 */
export const withPolicy: {
  (policy: Policy): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  <A, E, R>(self: Effect.Effect<A, E, R>, policy: Policy): Effect.Effect<A, E, R>
} = dual(
  2,
  <A, E, R>(self: Effect.Effect<A, E, R>, policy: Policy): Effect.Effect<A, E, R> =>
    Effect.provideService(self, CurrentPolicy, policy)
)

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
 * @since 1.0.0
 * @category layers
 */
export const layer = (policy: Policy): Layer.Layer<never> => Layer.succeed(CurrentPolicy, policy)

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
 * @since 1.0.0
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
 * @since 1.0.0
 * @category policies
 */
export const budgetDefaults: Required<{ readonly [K in keyof BudgetOptions]: number }> = {
  capacity: 500,
  retryCost: 5,
  timeoutCost: 10,
  successRefill: 1
}

/**
 * A retry budget: a bucket of tokens shared by every call that uses it. A retry takes tokens; when there are not
 * enough, the retryable error fails at once instead of being retried, so that many streams do not multiply an
 * outage. Successes put tokens back.
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
 * @since 1.0.0
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
 * const taken = Effect.runSync(Effect.all([1, 2, 3].map(() => budget.tryAcquire(throttled))))
 * assert.deepStrictEqual(taken, [5, 5, undefined])
 * ```
 *
 * @since 1.0.0
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
 * @since 1.0.0
 * @category policies
 */
export const unlimitedBudget: Budget = {
  tryAcquire: () => Effect.succeed(0),
  release: () => Effect.void,
  available: Effect.succeed(Infinity)
}

/**
 * The budget shared by everything under `layerBudget`; `undefined` (the default) means each client's own budget,
 * made with the client's retry stack (`PersonalizeClient.retry`).
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const shared = Effect.service(Retry.CurrentBudget).pipe(Effect.provide(Retry.layerBudget({ capacity: 20 })))
 * assert.strictEqual(Effect.runSync(Effect.flatMap(shared, (budget) => budget!.available)), 20)
 * ```
 *
 * @since 1.0.0
 * @category references
 */
export const CurrentBudget: Context.Reference<Budget | undefined> = Context.Reference<Budget | undefined>(
  "@effect-personalize/core/Retry/CurrentBudget",
  { defaultValue: () => undefined }
)

/**
 * A layer that gives everything it is provided to one new budget, shared by all of its calls and clients (each
 * time the layer is built, a new one).
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Retry } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const program = ListBatchSegmentJobs.list({}).pipe(Effect.provide(Retry.layerBudget({ capacity: 100 })))
 * ```
 *
 * @since 1.0.0
 * @category layers
 */
export const layerBudget = (options?: BudgetOptions | Budget): Layer.Layer<never> =>
  Layer.effect(
    CurrentBudget,
    Effect.sync(() => options !== undefined && "tryAcquire" in options ? options : makeBudget(options))
  )
