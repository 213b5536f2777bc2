import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import type { BatchSegmentJobSummary } from "../BatchSegmentJob.js"
import { isTerminal } from "../BatchSegmentJob.js"
import type { Request } from "../ListBatchSegmentJobs.js"
import type { PersonalizeClient } from "../PersonalizeClient.js"
import type { PersonalizeError } from "../PersonalizeError.js"
import { InvalidInputException } from "../PersonalizeError.js"
import type { JobEvent, Options, State, Version } from "../Watch.js"
import { JobAppeared, JobChanged, JobVanished } from "../Watch.js"
import { stream } from "./pagination.js"
import { emptyState } from "./watchState.js"

const keyOf = (job: BatchSegmentJobSummary): string | undefined => job.batchSegmentJobArn ?? job.jobName

const versionOf = (job: BatchSegmentJobSummary): Version => ({
  lastUpdated: job.lastUpdatedDateTime?.getTime(),
  status: job.status
})

const isNewer = (current: Version, previous: Version): boolean =>
  current.lastUpdated !== undefined && previous.lastUpdated !== undefined
    ? current.lastUpdated > previous.lastUpdated
    : current.status !== previous.status

/**
 * The events that take `state` to the listing `jobs`, in listing order, then the vanished jobs.
 *
 * @internal
 */
export const diff = (
  state: State,
  jobs: Iterable<BatchSegmentJobSummary>,
  emit: boolean
): { readonly events: Array<JobEvent>; readonly state: State } => {
  let current = state.jobs
  const at = (jobs: HashMap.HashMap<string, Version>): State => ({ jobs, solutionVersionArn: state.solutionVersionArn })
  const events: Array<JobEvent> = []
  const listed = new Set<string>()
  for (const job of jobs) {
    const key = keyOf(job)
    if (key === undefined || listed.has(key)) continue
    listed.add(key)
    const version = versionOf(job)
    const previous = HashMap.get(current, key)
    if (Option.isNone(previous)) {
      current = HashMap.set(current, key, version)
      if (emit) events.push(new JobAppeared({ job, state: at(current) }))
    } else if (isNewer(version, previous.value)) {
      current = HashMap.set(current, key, version)
      events.push(
        new JobChanged({
          job,
          previousStatus: previous.value.status,
          status: version.status,
          failureReason: job.status === "CREATE FAILED" ? job.failureReason : undefined,
          state: at(current)
        })
      )
    }
  }
  for (const [key, last] of state.jobs) {
    if (listed.has(key)) continue
    current = HashMap.remove(current, key)
    events.push(new JobVanished({ arn: key, last, state: at(current) }))
  }
  return { events, state: at(current) }
}

const allTerminal = (state: State): boolean => {
  for (const [, version] of state.jobs) if (!isTerminal(version.status)) return false
  return true
}

const describeFilter = (filter: string | null): string => filter === null ? "every job" : filter

/** @internal */
export const defaultSchedule: Schedule.Schedule<unknown> = Schedule.spaced("30 seconds")

/** @internal */
export const watch = (
  request: Request,
  options: Options = {}
): Stream.Stream<JobEvent, PersonalizeError, PersonalizeClient> =>
  Stream.suspend(() => {
    const filter = request.solutionVersionArn ?? null
    const restored = options.state?.solutionVersionArn
    if (restored !== undefined && restored !== filter) {
      return Stream.fail(
        new InvalidInputException({
          origin: "client",
          field: "state",
          detail: `the saved state belongs to a feed of ${describeFilter(restored)}, not of ${describeFilter(filter)}`
        })
      )
    }
    let state: State = { ...(options.state ?? emptyState), solutionVersionArn: filter }
    let emit = options.state !== undefined || options.initial !== "skip"
    let done = false
    const listing = Stream.runCollect(stream(request, {
      pageSize: options.pageSize,
      retry: options.retry,
      timeout: options.timeout
    }))
    const jobsOfPoll: Effect.Effect<
      Option.Option<ReadonlyArray<BatchSegmentJobSummary>>,
      PersonalizeError,
      PersonalizeClient
    > = options.pollErrors === "skip"
      ? listing.pipe(
        Effect.map(Option.some),
        Effect.catch((error) =>
          Effect.logWarning("ListBatchSegmentJobs.watch: poll failed, trying again on schedule", error.message).pipe(
            Effect.as(Option.none())
          )
        )
      )
      : Effect.map(listing, Option.some)
    const poll = Effect.map(jobsOfPoll, (jobs): ReadonlyArray<JobEvent> => {
      if (Option.isNone(jobs)) return []
      const next = diff(state, jobs.value, emit)
      state = next.state
      emit = true
      done = options.untilTerminal === true && allTerminal(state)
      return next.events
    })
    return Stream.fromEffectSchedule(poll, options.schedule ?? defaultSchedule).pipe(
      Stream.takeUntil(() => done),
      Stream.flattenIterable
    )
  })
