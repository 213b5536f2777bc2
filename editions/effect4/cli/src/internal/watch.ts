/** @internal */
import type { BatchSegmentJobSummary } from "@effect-personalize/core/BatchSegmentJob"
import * as ListBatchSegmentJobs from "@effect-personalize/core/ListBatchSegmentJobs"
import type { PersonalizeClient } from "@effect-personalize/core/PersonalizeClient"
import type { PersonalizeError } from "@effect-personalize/core/PersonalizeError"
import { isRetryable } from "@effect-personalize/core/PersonalizeError"
import type * as Watch from "@effect-personalize/core/Watch"
import { emptyState } from "@effect-personalize/core/Watch"
import * as CliMessage from "@effect-personalize/protocol/CliMessage"
import { eventWriter, statusFilter } from "@effect-personalize/protocol/Output"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as FileSystem from "effect/FileSystem"
import * as Option from "effect/Option"
import type * as Path from "effect/Path"
import * as References from "effect/References"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import type { StateFileError } from "../CliError.js"
import { UsageError } from "../CliError.js"
import type { WatchEvent, WatchFormat } from "../Format.js"
import { Output } from "../Output.js"
import { requests } from "./requests.js"
import * as StateFile from "./stateFile.js"
import { colors, terminalWidth } from "./terminal.js"

/**
 * The options of `watch`: those of each listing of the core (retry policy, timeout, page size) and the command's
 * own.
 *
 * @internal
 */
export interface Options
  extends ListBatchSegmentJobs.ListOptions, Pick<ListBatchSegmentJobs.StreamOptions, "pageSize">
{
  /** None: one feed of every job; else one feed per solution version. */
  readonly solutionVersionArns: ReadonlyArray<string>
  readonly format: WatchFormat
  readonly status: ReadonlyArray<string>
  readonly interval: Duration.Duration
  readonly untilTerminal: boolean
  /** Poll once, print the changes since the saved state, save, end. */
  readonly once: boolean
  /** Where the state of the feeds is restored from at the start and saved to after each change. */
  readonly stateFile: Option.Option<string>
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
 * The change feeds of `ListBatchSegmentJobs.watch`, printed: one feed per solution version (or one of every job),
 * merged as their events come. Without a saved state, the first poll prints every job as new; later polls print
 * what changed. With `untilTerminal`, a feed ends after a poll in which every job it lists is terminal, and the
 * command once every feed has ended; with `once`, after one poll of each. The status filter chooses which events
 * are printed, not which jobs are watched. A poll that fails with a retryable error (after the retries of each
 * page) is reported on stderr, and its feed starts again after `interval` from the state it had reached, so that
 * nothing is printed twice; any other error ends the watch, and with `once` every error does.
 *
 * With a state file, the states of the feeds are restored from it at the start (a missing file is a first run; a
 * damaged one, or one of other solution versions, stops the command before anything is sent), and saved to it
 * after each batch of events is printed: a watch that is stopped, killed or run again later prints only what
 * changed since (at worst a batch twice, never one lost). With `once` the state is also saved at the end, changed
 * or not, so that the file exists after a first run.
 *
 * @internal
 */
export const watch = (
  options: Options
): Effect.Effect<
  void,
  PersonalizeError | UsageError | StateFileError,
  PersonalizeClient | Output | FileSystem.FileSystem | Path.Path
> =>
  Effect.gen(function*() {
    const output = yield* Output
    if (options.once && options.untilTerminal) {
      return yield* new UsageError({
        detail: CliMessage.onceWithUntilTerminal
      })
    }
    const filters: ReadonlyArray<StateFile.Filter> = options.solutionVersionArns.length === 0
      ? [null]
      : options.solutionVersionArns
    const feedRequests = options.solutionVersionArns.length > 1
      ? yield* requests(options.solutionVersionArns)
      : [filters[0] === null ? {} : { solutionVersionArn: filters[0]! }]
    const restored = Option.isSome(options.stateFile)
      ? yield* StateFile.load(options.stateFile.value, filters)
      : Option.none()
    // the state each feed has reached, as printed
    const states: Array<Watch.State> = Option.match(restored, {
      onNone: () => filters.map((solutionVersionArn) => ({ ...emptyState, solutionVersionArn })),
      onSome: (states) => [...states]
    })
    const save = Option.match(options.stateFile, {
      onNone: () => Effect.void,
      onSome: (path) => Effect.suspend(() => StateFile.save(path, StateFile.encode(states)))
    })

    const keep = statusFilter(options.status)
    const writer = eventWriter(options.format, (yield* colors).stdout, terminalWidth(output))
    let opened = false
    if (output.stderrIsTTY && !options.once) {
      yield* output.stderr(CliMessage.watching(Duration.format(options.interval), options.untilTerminal))
    }

    const feed = (
      index: number
    ): Stream.Stream<readonly [number, Watch.JobEvent], PersonalizeError, PersonalizeClient> => {
      // the state of the feed's last event, printed or still on its way: where the feed starts again after an error
      let reached = states[index]
      const from = (): Stream.Stream<readonly [number, Watch.JobEvent], PersonalizeError, PersonalizeClient> =>
        ListBatchSegmentJobs.watch(feedRequests[index]!, {
          schedule: options.once ? Schedule.recurs(0) : Schedule.spaced(options.interval),
          untilTerminal: options.untilTerminal,
          state: reached,
          pageSize: options.pageSize,
          retry: options.retry,
          timeout: options.timeout
        }).pipe(
          Stream.map((event) => {
            reached = event.state
            return [index, event] as const
          }),
          Stream.catch((error: PersonalizeError) =>
            !options.once && isRetryable(error)
              ? Stream.fromEffect(
                output.stderr(
                  CliMessage.pollFailed(
                    filters.length > 1 ? filters[index] : undefined,
                    error.message,
                    Duration.format(options.interval)
                  )
                ).pipe(Effect.andThen(Effect.sleep(options.interval)))
              ).pipe(Stream.drain, Stream.concat(Stream.suspend(from)))
              : Stream.fail(error)
          )
        )
      // the log lines of the feed (a retry warning) say which it is, as with list
      return Stream.unwrap(Effect.map(References.CurrentLogAnnotations.use(Effect.succeed), (annotations) =>
        Stream.suspend(from).pipe(
          Stream.provideService(References.CurrentLogAnnotations, {
            ...annotations,
            solutionVersionArn: filters[index] ?? "every job"
          })
        )))
    }

    const feeds = filters.length === 1
      ? feed(0)
      : Stream.mergeAll(
        filters.map((_, index) =>
          feed(index)
        ),
        { concurrency: "unbounded" }
      )

    yield* feeds.pipe(
      Stream.runForEachArray((events) =>
        Effect.suspend(() => {
          const shown: Array<WatchEvent> = []
          for (const [index, event] of events) {
            states[index] = event.state
            const printed = toWatchEvent(event)
            if (printed !== undefined && keep(printed.job)) shown.push(printed)
          }
          const text = shown.length === 0 ? "" : (opened ? "" : writer.open) + writer.write(shown)
          opened = opened || shown.length > 0
          // printed first, then saved: killed in between, the next run prints these events again
          return Effect.andThen(text === "" ? Effect.void : output.stdout(text), save)
        }).pipe(Effect.uninterruptible)
      ),
      Effect.onInterrupt(() => output.stderr(CliMessage.stoppedWatching))
    )
    if (options.once) yield* save
    if (options.untilTerminal) yield* output.stderr(CliMessage.everyJobTerminal)
  })
