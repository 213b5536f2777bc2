/** @internal */
import type { BatchSegmentJobSummary } from "@effect-personalize/core/BatchSegmentJob"
import * as ListBatchSegmentJobs from "@effect-personalize/core/ListBatchSegmentJobs"
import type { PersonalizeClient } from "@effect-personalize/core/PersonalizeClient"
import type { PersonalizeError } from "@effect-personalize/core/PersonalizeError"
import { isRetryable } from "@effect-personalize/core/PersonalizeError"
import type * as Watch from "@effect-personalize/core/Watch"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import type { WatchEvent, WatchFormat } from "../Format.js"
import { Output } from "../Output.js"
import { statusFilter } from "./format.js"
import { colors } from "./terminal.js"
import * as Writer from "./writer.js"

/**
 * The options of `watch`: those of each listing of the core (retry policy, timeout, page size) and the command's
 * own.
 *
 * @internal
 */
export interface Options
  extends ListBatchSegmentJobs.ListOptions, Pick<ListBatchSegmentJobs.StreamOptions, "pageSize">
{
  readonly solutionVersionArn: Option.Option<string>
  readonly format: WatchFormat
  readonly status: ReadonlyArray<string>
  readonly interval: Duration.Duration
  readonly untilTerminal: boolean
}

/**
 * What the command prints of a feed event: every new or vanished job, and a changed job only when its status
 * changed (the feed also reports a newer `lastUpdatedDateTime` with the same status).
 *
 * @internal
 */
export const toWatchEvent = (event: Watch.JobEvent): WatchEvent | undefined => {
  switch (event._tag) {
    case "JobAppeared":
      return { _tag: "new", job: event.job }
    case "JobChanged":
      return event.previousStatus === event.status
        ? undefined
        : { _tag: "changed", job: event.job, previousStatus: event.previousStatus }
    case "JobVanished": {
      const job: BatchSegmentJobSummary = {
        batchSegmentJobArn: event.arn,
        ...(event.last.status === undefined ? {} : { status: event.last.status }),
        ...(event.last.lastUpdated === undefined ? {} : { lastUpdatedDateTime: new Date(event.last.lastUpdated) })
      }
      return { _tag: "vanished", job }
    }
  }
}

/**
 * The change feed of `ListBatchSegmentJobs.watch`, printed: the first poll prints every job as new, later polls
 * what changed. With `untilTerminal`, it ends after a poll in which every job listed is terminal. The status
 * filter chooses which events are printed, not which jobs are watched. A poll that fails with a retryable error
 * (after the retries of each page) is reported on stderr, and the feed starts again after `interval` from the
 * state it had reached, so that nothing is printed twice; any other error ends the watch.
 *
 * @internal
 */
export const watch = (
  options: Options
): Effect.Effect<void, PersonalizeError, PersonalizeClient | Output> =>
  Effect.gen(function*() {
    const output = yield* Output
    const keep = statusFilter(options.status)
    const writer = Writer.events(options.format, (yield* colors).stdout)
    const request = Option.match(options.solutionVersionArn, {
      onNone: () => ({}),
      onSome: (solutionVersionArn) => ({ solutionVersionArn })
    })
    let opened = false
    let state: Watch.State | undefined
    if (output.stderrIsTTY) {
      yield* output.stderr(
        `Watching batch segment jobs every ${Duration.format(options.interval)}${
          options.untilTerminal ? " until every job is terminal" : ""
        } (Ctrl-C to stop).\n`
      )
    }

    const feed = (): Stream.Stream<Watch.JobEvent, PersonalizeError, PersonalizeClient> =>
      ListBatchSegmentJobs.watch(request, {
        schedule: Schedule.spaced(options.interval),
        untilTerminal: options.untilTerminal,
        state,
        pageSize: options.pageSize,
        retry: options.retry,
        timeout: options.timeout
      }).pipe(
        Stream.catchAll((error) =>
          isRetryable(error)
            ? Stream.fromEffect(
              output.stderr(`Poll failed: ${error.message} Trying again in ${Duration.format(options.interval)}.\n`)
                .pipe(Effect.zipRight(Effect.sleep(options.interval)))
            ).pipe(Stream.drain, Stream.concat(Stream.suspend(feed)))
            : Stream.fail(error)
        )
      )

    yield* feed().pipe(
      Stream.runForEachChunk((events) =>
        Effect.suspend(() => {
          const shown: Array<WatchEvent> = []
          for (const event of Chunk.toReadonlyArray(events)) {
            state = event.state
            const printed = toWatchEvent(event)
            if (printed !== undefined && keep(printed.job)) shown.push(printed)
          }
          if (shown.length === 0) return Effect.void
          const text = (opened ? "" : writer.open) + writer.write(shown)
          opened = true
          return output.stdout(text)
        }).pipe(Effect.uninterruptible)
      ),
      Effect.onInterrupt(() => output.stderr("Stopped watching.\n"))
    )
    if (options.untilTerminal) yield* output.stderr("Every watched job is terminal.\n")
  })
