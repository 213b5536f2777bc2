/** @internal */
import type { BatchSegmentJobSummary } from "@effect-personalize/core/BatchSegmentJob"
import { isTerminal } from "@effect-personalize/core/BatchSegmentJob"
import * as ListBatchSegmentJobs from "@effect-personalize/core/ListBatchSegmentJobs"
import type { PersonalizeClient } from "@effect-personalize/core/PersonalizeClient"
import type { PersonalizeError } from "@effect-personalize/core/PersonalizeError"
import { isRetryable } from "@effect-personalize/core/PersonalizeError"
import type * as Retry from "@effect-personalize/core/Retry"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { Output } from "../Output.js"
import type { WatchEvent, WatchFormat } from "./format.js"
import { statusFilter } from "./format.js"
import * as Writer from "./writer.js"

/** @internal */
export interface Options {
  readonly solutionVersionArn: Option.Option<string>
  readonly pageSize: Option.Option<number>
  readonly format: WatchFormat
  readonly status: ReadonlyArray<string>
  readonly interval: Duration.Duration
  readonly untilTerminal: boolean
  readonly retry?: Retry.Policy | undefined
  readonly timeout?: Duration.Duration | undefined
}

/** The identity of a job across polls. @internal */
export const keyOf = (job: BatchSegmentJobSummary): string =>
  job.batchSegmentJobArn ?? job.jobName ?? JSON.stringify(job)

/**
 * The change feed's memory: each job's last status. `observe` returns the event a job makes, if any: `new` the
 * first time it is seen, `changed` when its status differs from the last one seen.
 *
 * @internal
 */
export const makeTracker = () => {
  const known = new Map<string, string | undefined>()
  return {
    observe: (job: BatchSegmentJobSummary): WatchEvent | undefined => {
      const key = keyOf(job)
      if (!known.has(key)) {
        known.set(key, job.status)
        return { _tag: "new", job }
      }
      const previous = known.get(key)
      if (previous === job.status) return undefined
      known.set(key, job.status)
      return { _tag: "changed", job, previousStatus: previous }
    }
  }
}

/**
 * Polls every `interval` and prints each new job and each status change once. With `untilTerminal`, it ends
 * after a poll in which every job listed was terminal (`ACTIVE` or `CREATE FAILED`). The status filter chooses
 * which events are printed, not which jobs are watched. A poll that fails with a retryable error (after the
 * retries of the core) is reported and tried again at the next interval; any other error ends the watch.
 *
 * @internal
 */
export const watch = (
  options: Options
): Effect.Effect<void, PersonalizeError, PersonalizeClient | Output> =>
  Effect.gen(function*() {
    const output = yield* Output
    const keep = statusFilter(options.status)
    const writer = Writer.events(options.format, output.stdoutIsTTY)
    const tracker = makeTracker()
    const request = Option.match(options.solutionVersionArn, {
      onNone: () => ({}),
      onSome: (solutionVersionArn) => ({ solutionVersionArn })
    })
    let opened = false
    if (output.stderrIsTTY) {
      yield* output.stderr(
        `Watching batch segment jobs every ${Duration.format(options.interval)}${
          options.untilTerminal ? " until every job is terminal" : ""
        } (Ctrl-C to stop).\n`
      )
    }

    const poll = Effect.suspend(() => {
      let allTerminal = true
      return ListBatchSegmentJobs.pages(request, {
        pageSize: Option.getOrUndefined(options.pageSize),
        retry: options.retry,
        timeout: options.timeout
      }).pipe(
        Stream.runForEach((page) =>
          Effect.suspend(() => {
            const events: Array<WatchEvent> = []
            for (const job of page.batchSegmentJobs) {
              if (!isTerminal(job.status)) allTerminal = false
              const event = tracker.observe(job)
              if (event !== undefined && keep(job)) events.push(event)
            }
            const text = (opened ? "" : writer.open) + writer.write(events)
            opened = true
            return output.stdout(text)
          }).pipe(Effect.uninterruptible)
        ),
        Effect.map(() => allTerminal)
      )
    })

    while (true) {
      const done = yield* poll.pipe(
        Effect.catchIf(isRetryable, (error) =>
          Effect.as(
            output.stderr(
              `Poll failed: ${error.message} Trying again in ${Duration.format(options.interval)}.\n`
            ),
            false
          ))
      )
      if (done && options.untilTerminal) {
        yield* output.stderr("Every watched job is terminal.\n")
        return
      }
      yield* Effect.sleep(options.interval)
    }
  })
