/** @internal */
import type { BatchSegmentJobSummary } from "@effect-personalize/core/BatchSegmentJob"
import * as ListBatchSegmentJobs from "@effect-personalize/core/ListBatchSegmentJobs"
import type { PersonalizeClient } from "@effect-personalize/core/PersonalizeClient"
import type { PersonalizeError } from "@effect-personalize/core/PersonalizeError"
import { InvalidNextTokenException } from "@effect-personalize/core/PersonalizeError"
import * as CliMessage from "@effect-personalize/protocol/CliMessage"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { StatusFoundError, UsageError } from "../CliError.js"
import type { Format } from "../Format.js"
import { Output } from "../Output.js"
import type { Since } from "./duration.js"
import { normalizeStatus, statusFilter } from "./format.js"
import * as Progress from "./progress.js"
import { requests } from "./requests.js"
import { colors, terminalWidth } from "./terminal.js"
import * as Writer from "./writer.js"

/**
 * The options of `list`: those of the core's listing (retry policy, timeout, page size, starting token) and the
 * command's own. `maxItems` counts printed jobs, after the status filter, unlike the core's. `concurrency` is how
 * many of several solution versions are listed at once.
 *
 * @internal
 */
export interface Options
  extends ListBatchSegmentJobs.ListOptions, Pick<ListBatchSegmentJobs.StreamOptions, "pageSize" | "startingToken">
{
  /** None: every job of the account; several: listed side by side (see `listMany`). */
  readonly solutionVersionArns: ReadonlyArray<string>
  readonly concurrency: number
  readonly maxItems: Option.Option<number>
  readonly format: Format
  readonly status: ReadonlyArray<string>
  /** `--since`: only jobs created at or after this time (a duration: before the start of the listing). */
  readonly since?: Since | undefined
  /** `--fail-on-status`: fail with `StatusFoundError` after the listing when a printed job is in one of these. */
  readonly failOnStatus?: ReadonlyArray<string> | undefined
}

/**
 * The filter of `--status` and `--since` (a job without a creation time is not after any time). The service does not
 * document the order of its jobs, so a listing cannot stop at the first older one: every page is read.
 */
const filter = (options: Options): Effect.Effect<(job: BatchSegmentJobSummary) => boolean> =>
  Effect.map(Clock.currentTimeMillis, (now) => {
    const status = statusFilter(options.status)
    if (options.since === undefined) return status
    const since = options.since._tag === "At"
      ? options.since.date.getTime()
      : now - Duration.toMillis(options.since.duration)
    return (job) => status(job) && job.creationDateTime !== undefined && job.creationDateTime.getTime() >= since
  })

/** How many printed jobs are in each status of `--fail-on-status`, and the failure that says so at the end. */
const statusCounter = (statuses: ReadonlyArray<string>) => {
  const wanted = [...new Set(statuses.map(normalizeStatus))]
  const counts = new Map<string, number>()
  return {
    add: (jobs: ReadonlyArray<BatchSegmentJobSummary>): void => {
      if (wanted.length === 0) return
      for (const job of jobs) {
        const status = job.status === undefined ? undefined : normalizeStatus(job.status)
        if (status !== undefined && wanted.includes(status)) counts.set(status, (counts.get(status) ?? 0) + 1)
      }
    },
    check: Effect.suspend(() =>
      counts.size === 0
        ? Effect.void
        : Effect.fail(
          new StatusFoundError({
            found: wanted.flatMap((status) => counts.has(status) ? [[status, counts.get(status)!] as const] : [])
          })
        )
    )
  }
}

/**
 * A token that the service refused, saying whose it was: the one of `--starting-token` when it was refused before
 * the first page, else one that the service itself sent with a page of this listing.
 */
const tokenBlame = (error: PersonalizeError, given: boolean): PersonalizeError =>
  error._tag === "InvalidNextTokenException" && error.origin === "service"
    ? new InvalidNextTokenException({
      origin: "service",
      requestId: error.requestId,
      detail: `${error.detail.replace(/\.$/, "")} (${
        given ? "the token of --starting-token" : "a token it sent itself, with a page of this listing"
      })`,
      cause: error
    })
    : error

const isFailed = (job: BatchSegmentJobSummary): boolean => job.status === "CREATE FAILED"

/** The `--status` and `--since` given, which a table that shows no job names. */
const filtersGiven = (options: Options): ReadonlyArray<string> => [
  ...(options.status.length > 0 ? ["--status"] : []),
  ...(options.since !== undefined ? ["--since"] : [])
]

const summary = (printed: number, failed: number, listed: number, options: Options): string =>
  CliMessage.summary(printed, failed, listed, filtersGiven(options))

/** @internal */
export const resumeLine: (token: string) => string = CliMessage.resumeLine

/**
 * Lists the jobs of every solution version given, or of the one given, or every job of the account.
 *
 * @internal
 */
export const list = (
  options: Options
): Effect.Effect<void, PersonalizeError | UsageError | StatusFoundError, PersonalizeClient | Output> =>
  options.solutionVersionArns.length > 1 ? listMany(options) : listOne(options)

/**
 * Lists the jobs, printing each page as soon as it arrives. `--max-items` counts printed jobs (after the status
 * filter); when it cuts the listing, the resume token of the last printed job goes to stderr. Interrupted, it
 * prints the token of the last job it printed, so nothing is lost and nothing repeated.
 *
 * @internal
 */
const listOne = (
  options: Options
): Effect.Effect<void, PersonalizeError | UsageError | StatusFoundError, PersonalizeClient | Output> =>
  Effect.scoped(Effect.gen(function*() {
    const output = yield* Output
    const limit = Option.getOrElse(options.maxItems, () => Infinity)
    if (limit < 1) {
      return yield* new UsageError({ detail: "Invalid --max-items: expected a whole number of at least 1." })
    }
    const keep = yield* filter(options)
    const failOn = statusCounter(options.failOnStatus ?? [])
    const writer = Writer.jobs(options.format, (yield* colors).stdout, terminalWidth(output))
    const progress = yield* Progress.make("Listing")

    let opened = false
    let printed = 0
    let failed = 0
    let listed = 0
    // The token that continues right after the last job printed (or skipped by the filter).
    let resume: string | undefined = options.startingToken
    let cutAt: string | undefined

    const onPage = (page: ListBatchSegmentJobs.Page) =>
      Effect.suspend(() => {
        const jobs = page.batchSegmentJobs
        const kept: Array<BatchSegmentJobSummary> = []
        let last = -1
        let more = true
        for (let i = 0; i < jobs.length && printed + kept.length < limit; i++) {
          last = i
          if (keep(jobs[i]!)) kept.push(jobs[i]!)
        }
        if (printed + kept.length >= limit) {
          more = last < jobs.length - 1 || page.truncated || Option.isSome(page.nextToken)
        }
        const text = (opened ? "" : writer.open) + writer.write(kept)
        opened = true
        printed += kept.length
        failed += kept.filter(isFailed).length
        failOn.add(kept)
        listed += last + 1
        if (last >= 0) resume = ListBatchSegmentJobs.resumeTokenAfter(page, last)
        if (printed >= limit && more) cutAt = resume
        return progress.print(text).pipe(
          // rows printed, as the table below it shows them (not jobs fetched, which --status thins out)
          Effect.zipRight(progress.page(kept.length)),
          Effect.as(printed < limit)
        )
      }).pipe(Effect.uninterruptible)

    const solutionVersionArn = options.solutionVersionArns[0]
    const request = solutionVersionArn === undefined ? {} : { solutionVersionArn }
    let pages = 0
    yield* ListBatchSegmentJobs.pages(request, {
      pageSize: options.pageSize,
      startingToken: options.startingToken,
      retry: options.retry,
      timeout: options.timeout
    }).pipe(
      Stream.tap(() => Effect.sync(() => pages++)),
      Stream.runForEachWhile(onPage),
      // the log lines of the listing (a retry warning) say which one it is
      Effect.annotateLogs("solutionVersionArn", solutionVersionArn ?? "every job"),
      Effect.mapError((error) => tokenBlame(error, options.startingToken !== undefined && pages === 0)),
      // a JSON array (a CSV header) even when the listing fails or is interrupted before its first page
      Effect.ensuring(Effect.suspend(() => output.stdout((opened ? "" : writer.open) + writer.close))),
      Effect.onInterrupt(() =>
        Effect.zipRight(
          progress.clear,
          output.stderr(CliMessage.interrupted(printed, resume))
        )
      )
    )
    yield* progress.clear
    if (options.format === "table") yield* output.stderr(summary(printed, failed, listed, options))
    if (cutAt !== undefined) yield* output.stderr(resumeLine(cutAt))
    yield* failOn.check
  }))

/**
 * Lists several solution versions side by side with the core's `streamMany`, at most `concurrency` at once,
 * printing jobs as they arrive (each solution version's jobs in their order, the solution versions interleaved).
 * Every row carries its solution version, filled in from the request when the service leaves it out. Every ARN is
 * checked before anything is sent. The first listing that fails ends the command with its error, the others
 * stopped (what was printed stays printed). A listing of several cannot be resumed from one token, so
 * `--starting-token` and `--max-items` (which would print one) need a single solution version.
 *
 * @internal
 */
const listMany = (
  options: Options
): Effect.Effect<void, PersonalizeError | UsageError | StatusFoundError, PersonalizeClient | Output> =>
  Effect.scoped(Effect.gen(function*() {
    const output = yield* Output
    const count = options.solutionVersionArns.length
    if (options.startingToken !== undefined) {
      return yield* new UsageError({
        detail: CliMessage.startingTokenWithSeveral(count)
      })
    }
    if (Option.isSome(options.maxItems)) {
      return yield* new UsageError({
        detail: CliMessage.maxItemsWithSeveral(count)
      })
    }
    const writer = Writer.jobs(options.format, (yield* colors).stdout, terminalWidth(output))
    const all = yield* requests(options.solutionVersionArns).pipe(
      Effect.tapError(() => output.stdout(writer.open + writer.close))
    )
    const keep = yield* filter(options)
    const failOn = statusCounter(options.failOnStatus ?? [])
    const progress = yield* Progress.make("Listing", { countPages: false })
    let opened = false
    let printed = 0
    let failed = 0
    let listed = 0

    const onJobs = (items: Chunk.Chunk<ListBatchSegmentJobs.Many.Job>) =>
      Effect.suspend(() => {
        const kept: Array<BatchSegmentJobSummary> = []
        for (const { job, request } of items) {
          const row = job.solutionVersionArn === undefined && request.solutionVersionArn !== undefined
            ? { ...job, solutionVersionArn: request.solutionVersionArn }
            : job
          if (keep(row)) kept.push(row)
        }
        const text = (opened ? "" : writer.open) + writer.write(kept)
        opened = true
        printed += kept.length
        failed += kept.filter(isFailed).length
        failOn.add(kept)
        listed += Chunk.size(items)
        return Effect.zipRight(progress.print(text), progress.page(kept.length))
      }).pipe(Effect.uninterruptible)

    yield* ListBatchSegmentJobs.streamMany(all, {
      concurrency: options.concurrency,
      pageSize: options.pageSize,
      retry: options.retry,
      timeout: options.timeout
    }).pipe(
      Stream.runForEachChunk(onJobs),
      // a JSON array (a CSV header) even when the listing fails or is interrupted before its first page
      Effect.ensuring(Effect.suspend(() => output.stdout((opened ? "" : writer.open) + writer.close))),
      Effect.onInterrupt(() =>
        Effect.zipRight(
          progress.clear,
          output.stderr(CliMessage.interruptedSeveral(printed))
        )
      )
    )
    yield* progress.clear
    if (options.format === "table") yield* output.stderr(summary(printed, failed, listed, options))
    yield* failOn.check
  }))
