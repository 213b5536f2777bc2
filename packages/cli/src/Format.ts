/**
 * How jobs and watch events are printed: `table` for people, `json`, `ndjson` and `csv` for programs. Writers
 * turn jobs into text page by page, as they arrive.
 *
 * Machine formats use the AWS SDK's member names in its order, timestamps as ISO 8601 UTC strings, and leave out
 * absent members (empty fields in CSV). CSV quotes as RFC 4180 says and ends lines with LF.
 *
 * @since 0.1.0
 */
import type { BatchSegmentJobSummary } from "@effect-personalize/core/BatchSegmentJob"
import * as internal from "./internal/format.js"
import * as writer from "./internal/writer.js"

/**
 * @since 0.1.0
 * @category models
 */
export type Format = "table" | "json" | "ndjson" | "csv"

/**
 * @since 0.1.0
 * @category models
 */
export const formats: ReadonlyArray<Format> = internal.formats

/**
 * The formats of `watch`: an endless feed has no single JSON array.
 *
 * @since 0.1.0
 * @category models
 */
export type WatchFormat = Exclude<Format, "json">

/**
 * @since 0.1.0
 * @category models
 */
export const watchFormats: ReadonlyArray<WatchFormat> = internal.watchFormats

/**
 * A job as the machine formats print it: the SDK's member names in the SDK's order, timestamps as ISO 8601
 * strings, absent members left out.
 *
 * @since 0.1.0
 * @category models
 */
export interface JobRecord {
  readonly batchSegmentJobArn?: string
  readonly jobName?: string
  readonly status?: string
  readonly creationDateTime?: string
  readonly lastUpdatedDateTime?: string
  readonly failureReason?: string
  readonly solutionVersionArn?: string
}

/**
 * What `watch` prints: a job seen for the first time, or a job whose status changed.
 *
 * @since 0.1.0
 * @category models
 */
export interface WatchEvent {
  readonly _tag: "new" | "changed" | "vanished"
  readonly job: BatchSegmentJobSummary
  readonly previousStatus?: string | undefined
}

/**
 * Text for items as they arrive: `open` before the first page, `write` for each page, `close` after the last
 * one (also after an error or an interruption, so that a JSON array is always closed).
 *
 * @since 0.1.0
 * @category models
 */
export interface Writer<A> {
  readonly open: string
  readonly write: (items: ReadonlyArray<A>) => string
  readonly close: string
}

/**
 * A writer of jobs. `color` adds ANSI colors to a table (for a terminal); the layout is the same without it:
 * columns separated by two spaces, as wide as the widest cell seen so far (so they are computed per page and
 * only grow), the heading once, the last column unpadded.
 *
 * @example
 * ```ts
 * import { Format } from "@effect-personalize/cli"
 *
 * const csv = Format.jobWriter("csv", false)
 * const text = csv.open + csv.write([{ jobName: "spring-launch", status: "ACTIVE" }]) + csv.close
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const jobWriter: (format: Format, color: boolean) => Writer<BatchSegmentJobSummary> = writer.jobs

/**
 * A writer of watch events (`table`, `ndjson` or `csv`, each with the event and the previous status).
 *
 * @since 0.1.0
 * @category constructors
 */
export const eventWriter: (format: WatchFormat, color: boolean) => Writer<WatchEvent> = writer.events

/**
 * @since 0.1.0
 * @category utils
 */
export const toRecord: (job: BatchSegmentJobSummary) => JobRecord = internal.toRecord

/**
 * The whole `json` output of these jobs at once.
 *
 * @since 0.1.0
 * @category utils
 */
export const json: (jobs: ReadonlyArray<BatchSegmentJobSummary>) => string = internal.json

/**
 * The part of a solution version ARN after `solution/` (`shoes/3f2a1b4c`), else the whole ARN: what the table
 * shows.
 *
 * @since 0.1.0
 * @category utils
 */
export const shortSolutionVersion: (arn: string | undefined) => string | undefined = internal.shortSolutionVersion

/**
 * A status as `--status` compares it: upper case, runs of spaces, `_` or `-` as one space
 * (`create_failed` → `CREATE FAILED`).
 *
 * @since 0.1.0
 * @category utils
 */
export const normalizeStatus: (status: string) => string = internal.normalizeStatus

/**
 * The predicate of `--status` values: a job whose status is one of them (no values: every job).
 *
 * @since 0.1.0
 * @category utils
 */
export const statusFilter: (statuses: ReadonlyArray<string>) => (job: BatchSegmentJobSummary) => boolean =
  internal.statusFilter
