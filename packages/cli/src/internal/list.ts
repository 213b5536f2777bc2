/** @internal */
import type { BatchSegmentJobSummary } from "@effect-personalize/core/BatchSegmentJob"
import * as ListBatchSegmentJobs from "@effect-personalize/core/ListBatchSegmentJobs"
import type { PersonalizeClient } from "@effect-personalize/core/PersonalizeClient"
import type { PersonalizeError } from "@effect-personalize/core/PersonalizeError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { UsageError } from "../CliError.js"
import type { Format } from "../Format.js"
import { Output } from "../Output.js"
import { statusFilter } from "./format.js"
import * as Progress from "./progress.js"
import { colors } from "./terminal.js"
import * as Writer from "./writer.js"

/**
 * The options of `list`: those of the core's listing (retry policy, timeout, page size, starting token) and the
 * command's own. `maxItems` counts printed jobs, after the status filter, unlike the core's.
 *
 * @internal
 */
export interface Options
  extends ListBatchSegmentJobs.ListOptions, Pick<ListBatchSegmentJobs.StreamOptions, "pageSize" | "startingToken">
{
  readonly solutionVersionArn: Option.Option<string>
  readonly maxItems: Option.Option<number>
  readonly format: Format
  readonly status: ReadonlyArray<string>
}

/** @internal */
export const resumeLine = (token: string): string => `Resume with: --starting-token ${token}\n`

/**
 * Lists the jobs, printing each page as soon as it arrives. `--max-items` counts printed jobs (after the status
 * filter); when it cuts the listing, the resume token of the last printed job goes to stderr. Interrupted, it
 * prints the token of the last job it printed, so nothing is lost and nothing repeated.
 *
 * @internal
 */
export const list = (
  options: Options
): Effect.Effect<void, PersonalizeError | UsageError, PersonalizeClient | Output> =>
  Effect.scoped(Effect.gen(function*() {
    const output = yield* Output
    const limit = Option.getOrElse(options.maxItems, () => Infinity)
    if (limit < 1) {
      return yield* new UsageError({ detail: "Invalid --max-items: expected a whole number of at least 1." })
    }
    const keep = statusFilter(options.status)
    const writer = Writer.jobs(options.format, (yield* colors).stdout)
    const progress = yield* Progress.make("Listing")

    let opened = false
    let printed = 0
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
        listed += last + 1
        if (last >= 0) resume = ListBatchSegmentJobs.resumeTokenAfter(page, last)
        if (printed >= limit && more) cutAt = resume
        return progress.print(text).pipe(
          Effect.zipRight(progress.page(jobs.length)),
          Effect.as(printed < limit)
        )
      }).pipe(Effect.uninterruptible)

    const request = Option.match(options.solutionVersionArn, {
      onNone: () => ({}),
      onSome: (solutionVersionArn) => ({ solutionVersionArn })
    })
    yield* ListBatchSegmentJobs.pages(request, {
      pageSize: options.pageSize,
      startingToken: options.startingToken,
      retry: options.retry,
      timeout: options.timeout
    }).pipe(
      Stream.runForEachWhile(onPage),
      Effect.ensuring(Effect.suspend(() => opened ? output.stdout(writer.close) : Effect.void)),
      Effect.onInterrupt(() =>
        Effect.zipRight(
          progress.clear,
          output.stderr(
            resume === undefined
              ? "Interrupted before any job was listed.\n"
              : `Interrupted after ${printed} job${printed === 1 ? "" : "s"}. ${resumeLine(resume)}`
          )
        )
      )
    )
    yield* progress.clear
    if (printed === 0 && options.format === "table") {
      yield* output.stderr(listed === 0 ? "No batch segment jobs found.\n" : "No batch segment job matches --status.\n")
    }
    if (cutAt !== undefined) yield* output.stderr(resumeLine(cutAt))
  }))
