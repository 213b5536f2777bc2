/**
 * A change feed over `ListBatchSegmentJobs`: poll on a schedule and get one typed event per change.
 *
 * A job is judged by its ARN and its `lastUpdatedDateTime` (and its status, when the service sends no time):
 * `JobAppeared` the first time a job is listed, `JobChanged` when the same job comes back newer, `JobVanished`
 * when a complete listing no longer has it. Only the latest version of each job is kept. Every event carries the
 * `State` after it: save it (`encodeState`) after processing an event, and pass it back (`decodeState`, option
 * `state`) after a restart, so that no event is replayed and none is lost.
 *
 * Use it through `ListBatchSegmentJobs.watch`.
 *
 * @since 1.0.0
 */
import * as Data from "effect/Data"
import type * as Effect from "effect/Effect"
import type * as HashMap from "effect/HashMap"
import type * as Schedule from "effect/Schedule"
import type { BatchSegmentJobSummary, Status } from "./BatchSegmentJob.js"
import * as internal from "./internal/watchState.js"
import type { ListOptions, StreamOptions } from "./ListBatchSegmentJobs.js"
import type { InvalidInputException } from "./PersonalizeError.js"

/**
 * The version of a job that the feed last saw.
 *
 * @example
 * ```ts
 * import type { Watch } from "@effect-personalize/core"
 *
 * const lastSeen = (version: Watch.Version): string =>
 *   version.lastUpdated === undefined
 *     ? `${version.status}`
 *     : `${version.status} since ${new Date(version.lastUpdated).toISOString()}`
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface Version {
  /** `lastUpdatedDateTime` in epoch milliseconds, when the service sent one. */
  readonly lastUpdated: number | undefined
  readonly status: Status | undefined
}

/**
 * What the feed has seen: the latest version of each job, by ARN.
 *
 * @example
 * ```ts
 * import { Watch } from "@effect-personalize/core"
 * import { HashMap } from "effect"
 *
 * const watched = (state: Watch.State): number => HashMap.size(state.jobs)
 * assert.strictEqual(watched(Watch.emptyState), 0)
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface State {
  readonly jobs: HashMap.HashMap<string, Version>
  /**
   * The `solutionVersionArn` of the feed the state belongs to (`null`: every job). A state is restored only into
   * a feed with the same filter; `undefined` (the empty state) fits any.
   */
  readonly solutionVersionArn?: string | null | undefined
}

/**
 * The state of a feed that has seen nothing.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Watch } from "@effect-personalize/core"
 *
 * // the same as no state: every job of the first listing is new
 * const feed = ListBatchSegmentJobs.watch({}, { state: Watch.emptyState })
 * ```
 *
 * @since 1.0.0
 * @category constructors
 */
export const emptyState: State = internal.emptyState

/**
 * The state as JSON text, to save after an event.
 *
 * @example
 * ```ts
 * import { Watch } from "@effect-personalize/core"
 * import { Effect, HashMap } from "effect"
 *
 * const saved = Watch.encodeState(Watch.emptyState)
 * const restored = Effect.runSync(Watch.decodeState(saved))
 * assert.strictEqual(HashMap.size(restored.jobs), 0)
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const encodeState: (state: State) => string = internal.encodeState

/**
 * Reads a saved state; text that is not one fails with `InvalidInputException` (field `state`).
 *
 * @example
 * ```ts
 * import { Watch } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const error = Effect.runSync(Effect.flip(Watch.decodeState("{ not a state")))
 * assert.strictEqual(error.field, "state")
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const decodeState: (text: string) => Effect.Effect<State, InvalidInputException> = internal.decodeState

/**
 * A job listed for the first time.
 *
 * @example
 * ```ts
 * import { Watch } from "@effect-personalize/core"
 *
 * const event = new Watch.JobAppeared({ job: { jobName: "spring-launch", status: "PENDING" }, state: Watch.emptyState })
 * assert.ok(!Watch.isCompletion(event))
 * ```
 *
 * @since 1.0.0
 * @category events
 */
export class JobAppeared extends Data.TaggedClass("JobAppeared")<{
  readonly job: BatchSegmentJobSummary
  readonly state: State
}> {}

/**
 * A job listed again with a newer version.
 *
 * @example
 * ```ts
 * import { Watch } from "@effect-personalize/core"
 *
 * const event = new Watch.JobChanged({
 *   job: { jobName: "spring-launch", status: "CREATE FAILED", failureReason: "Insufficient data" },
 *   previousStatus: "IN PROGRESS",
 *   status: "CREATE FAILED",
 *   failureReason: "Insufficient data",
 *   state: Watch.emptyState
 * })
 * assert.ok(Watch.isFailure(event))
 * ```
 *
 * @since 1.0.0
 * @category events
 */
export class JobChanged extends Data.TaggedClass("JobChanged")<{
  readonly job: BatchSegmentJobSummary
  readonly previousStatus: Status | undefined
  readonly status: Status | undefined
  /** Why the job failed, when it is now `CREATE FAILED`. */
  readonly failureReason: string | undefined
  readonly state: State
}> {}

/**
 * A job that a complete listing no longer has.
 *
 * @example
 * ```ts
 * import { Watch } from "@effect-personalize/core"
 *
 * const event = new Watch.JobVanished({
 *   arn: "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/spring-launch",
 *   last: { lastUpdated: undefined, status: "ACTIVE" },
 *   state: Watch.emptyState
 * })
 * assert.ok(!Watch.isCompletion(event))
 * ```
 *
 * @since 1.0.0
 * @category events
 */
export class JobVanished extends Data.TaggedClass("JobVanished")<{
  readonly arn: string
  readonly last: Version
  readonly state: State
}> {}

/**
 * An event of the feed: a job appeared, changed or vanished.
 *
 * @example
 * ```ts
 * import type { Watch } from "@effect-personalize/core"
 *
 * const line = (event: Watch.JobEvent): string => {
 *   switch (event._tag) {
 *     case "JobAppeared":
 *       return `+ ${event.job.jobName} ${event.job.status}`
 *     case "JobChanged":
 *       return `~ ${event.job.jobName} ${event.previousStatus} -> ${event.status}`
 *     case "JobVanished":
 *       return `- ${event.arn}`
 *   }
 * }
 * ```
 *
 * @since 1.0.0
 * @category events
 */
export type JobEvent = JobAppeared | JobChanged | JobVanished

/**
 * Whether the event shows a job that is now `CREATE FAILED`.
 *
 * @example
 * ```ts
 * import { Watch } from "@effect-personalize/core"
 *
 * const job = { jobName: "spring-launch", status: "CREATE FAILED" }
 * const failed = new Watch.JobAppeared({ job, state: Watch.emptyState })
 * assert.ok(Watch.isFailure(failed))
 * ```
 *
 * @since 1.0.0
 * @category guards
 */
export const isFailure = (event: JobEvent): event is JobAppeared | JobChanged =>
  event._tag !== "JobVanished" && event.job.status === "CREATE FAILED"

/**
 * Whether the event shows a job that reached a terminal status (`ACTIVE` or `CREATE FAILED`).
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Watch } from "@effect-personalize/core"
 * import { Schedule, Stream } from "effect"
 *
 * // wait for the first job of the solution version to finish, either way
 * const firstDone = ListBatchSegmentJobs.watch(
 *   { solutionVersionArn: "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c" },
 *   { schedule: Schedule.spaced("1 minute") }
 * ).pipe(Stream.filter(Watch.isCompletion), Stream.runHead)
 * ```
 *
 * @since 1.0.0
 * @category guards
 */
export const isCompletion = (event: JobEvent): event is JobAppeared | JobChanged =>
  event._tag !== "JobVanished" && (event.job.status === "ACTIVE" || event.job.status === "CREATE FAILED")

/**
 * The options of `ListBatchSegmentJobs.watch`: when to poll, when to stop, what to emit first, where to resume.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Watch } from "@effect-personalize/core"
 * import { Schedule } from "effect"
 *
 * // every 5 minutes, only the changes, and a failed poll logged rather than ending the feed
 * const options: Watch.Options = { schedule: Schedule.spaced("5 minutes"), initial: "skip", pollErrors: "skip" }
 * const feed = ListBatchSegmentJobs.watch({}, options)
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface Options extends ListOptions, Pick<StreamOptions, "pageSize"> {
  /** When to poll again after a poll; default `Schedule.spaced("30 seconds")`. The first poll is at once. */
  readonly schedule?: Schedule.Schedule<unknown, unknown> | undefined
  /** End the feed after a poll in which every watched job is terminal (also when no job is listed at all). */
  readonly untilTerminal?: boolean | undefined
  /**
   * Whether the jobs of the first listing come out as `JobAppeared` (`"emit"`, the default) or are only
   * remembered (`"skip"`). Ignored when a saved `state` is given: then only what changed since is emitted.
   */
  readonly initial?: "emit" | "skip" | undefined
  /**
   * The state to start from, as saved from an earlier feed of the same request; a state saved from a feed with
   * another `solutionVersionArn` fails the feed with `InvalidInputException` (field `state`), since every job
   * would seem to vanish or appear.
   */
  readonly state?: State | undefined
  /**
   * What a poll that still fails after its retries does: `"fail"` (default) fails the feed with the typed error;
   * `"skip"` logs it at warning level and polls again on schedule, the state unchanged.
   */
  readonly pollErrors?: "fail" | "skip" | undefined
}
