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
 * @since 0.1.0
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
 * @since 0.1.0
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
 * @since 0.1.0
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
 * @since 0.1.0
 * @category constructors
 */
export const emptyState: State = internal.emptyState

/**
 * The state as JSON text, to save after an event.
 *
 * @since 0.1.0
 * @category utils
 */
export const encodeState: (state: State) => string = internal.encodeState

/**
 * Reads a saved state; text that is not one fails with `InvalidInputException` (field `state`).
 *
 * @since 0.1.0
 * @category utils
 */
export const decodeState: (text: string) => Effect.Effect<State, InvalidInputException> = internal.decodeState

/**
 * A job listed for the first time.
 *
 * @since 0.1.0
 * @category events
 */
export class JobAppeared extends Data.TaggedClass("JobAppeared")<{
  readonly job: BatchSegmentJobSummary
  readonly state: State
}> {}

/**
 * A job listed again with a newer version.
 *
 * @since 0.1.0
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
 * @since 0.1.0
 * @category events
 */
export class JobVanished extends Data.TaggedClass("JobVanished")<{
  readonly arn: string
  readonly last: Version
  readonly state: State
}> {}

/**
 * @since 0.1.0
 * @category events
 */
export type JobEvent = JobAppeared | JobChanged | JobVanished

/**
 * Whether the event shows a job that is now `CREATE FAILED`.
 *
 * @since 0.1.0
 * @category guards
 */
export const isFailure = (event: JobEvent): event is JobAppeared | JobChanged =>
  event._tag !== "JobVanished" && event.job.status === "CREATE FAILED"

/**
 * Whether the event shows a job that reached a terminal status (`ACTIVE` or `CREATE FAILED`).
 *
 * @since 0.1.0
 * @category guards
 */
export const isCompletion = (event: JobEvent): event is JobAppeared | JobChanged =>
  event._tag !== "JobVanished" && (event.job.status === "ACTIVE" || event.job.status === "CREATE FAILED")

/**
 * @since 0.1.0
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
