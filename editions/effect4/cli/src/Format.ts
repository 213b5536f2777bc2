/**
 * How jobs and watch events are printed: `table` for people, `json`, `ndjson` and `csv` for programs. Writers
 * turn jobs into text page by page, as they arrive. The rules are the protocol package's `Output`, the same in both
 * editions, so that both print the same bytes.
 *
 * Machine formats use the AWS SDK's member names in its order, timestamps as ISO 8601 UTC strings, and leave out
 * absent members (empty fields in CSV). CSV quotes as RFC 4180 says and ends lines with LF.
 *
 * JSON and NDJSON print the service's text exactly. `table` and `csv` show its control characters as escapes
 * (`\x1b`, `\r`, `\n`...), so that no job name or failure reason can act on a terminal, and CSV puts a `'` before a
 * value that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`).
 *
 * @since 1.0.0
 */
import type { BatchSegmentJobSummary } from "@effect-personalize/core/BatchSegmentJob"
import * as internal from "@effect-personalize/protocol/Output"

/**
 * An output format of `list`: `table` for people, `json`, `ndjson` or `csv` for programs.
 *
 * @example
 * ```ts
 * import type { Format } from "@effect-personalize/cli"
 *
 * const format: Format.Format = process.stdout.isTTY ? "table" : "ndjson"
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type Format = "table" | "json" | "ndjson" | "csv"

/**
 * Every format of `list`, as its `--format` accepts them.
 *
 * @example
 * ```ts
 * import { Format } from "@effect-personalize/cli"
 *
 * assert.deepStrictEqual(Format.formats, ["table", "json", "ndjson", "csv"])
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export const formats: ReadonlyArray<Format> = internal.formats

/**
 * The formats of `watch`: an endless feed has no single JSON array.
 *
 * @example
 * ```ts
 * import { Format } from "@effect-personalize/cli"
 *
 * const format: Format.WatchFormat = "ndjson"
 * const writer = Format.eventWriter(format, false)
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type WatchFormat = Exclude<Format, "json">

/**
 * Every format of `watch`, as its `--format` accepts them.
 *
 * @example
 * ```ts
 * import { Format } from "@effect-personalize/cli"
 *
 * assert.deepStrictEqual(Format.watchFormats, ["table", "ndjson", "csv"])
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export const watchFormats: ReadonlyArray<WatchFormat> = internal.watchFormats

/**
 * A job as the machine formats print it: the SDK's member names in the SDK's order, timestamps as ISO 8601
 * strings, absent members left out.
 *
 * @example
 * ```ts
 * import type { Format } from "@effect-personalize/cli"
 *
 * const line = (record: Format.JobRecord): string =>
 *   [record.jobName, record.status, record.creationDateTime].join("\t")
 * ```
 *
 * @since 1.0.0
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
 * @example
 * ```ts
 * import type { Format } from "@effect-personalize/cli"
 *
 * const event: Format.WatchEvent = {
 *   _tag: "changed",
 *   job: { jobName: "spring-launch", status: "ACTIVE" },
 *   previousStatus: "IN PROGRESS"
 * }
 * ```
 *
 * @since 1.0.0
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
 * @example
 * ```ts
 * import type { Format } from "@effect-personalize/cli"
 *
 * // one job name a line
 * const names: Format.Writer<{ readonly jobName?: string }> = {
 *   open: "",
 *   write: (jobs) => jobs.map((job) => `${job.jobName}\n`).join(""),
 *   close: ""
 * }
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface Writer<A> {
  readonly open: string
  readonly write: (items: ReadonlyArray<A>) => string
  readonly close: string
}

/**
 * A writer of jobs. `color` adds ANSI colors to a table (for a terminal); the layout is the same without it:
 * columns separated by two spaces, the heading once, the last column unpadded. The first page sets the widths
 * (at least those of the headings, of every documented status, of the times), and they hold for the whole table: a
 * longer name on a later page is cut with `…`. `width`, the terminal's, cuts the last column (the failure reason)
 * so that no line is longer; the other formats keep every value whole.
 *
 * @example
 * ```ts
 * import { Format } from "@effect-personalize/cli"
 *
 * const csv = Format.jobWriter("csv", false)
 * const text = csv.open + csv.write([{ jobName: "spring-launch", status: "ACTIVE" }]) + csv.close
 * ```
 *
 * @since 1.0.0
 * @category constructors
 */
export const jobWriter: (format: Format, color: boolean, width?: number) => Writer<BatchSegmentJobSummary> =
  internal.jobWriter

/**
 * A writer of watch events (`table`, `ndjson` or `csv`, each with the event and the previous status); `color` and
 * `width` as for `jobWriter`.
 *
 * @example
 * ```ts
 * import { Format } from "@effect-personalize/cli"
 *
 * const ndjson = Format.eventWriter("ndjson", false)
 * const job = { jobName: "spring-launch", status: "ACTIVE" }
 * const text = ndjson.write([{ _tag: "changed", job, previousStatus: "IN PROGRESS" }])
 * assert.deepStrictEqual(JSON.parse(text), { event: "changed", previousStatus: "IN PROGRESS", ...job })
 * ```
 *
 * @since 1.0.0
 * @category constructors
 */
export const eventWriter: (format: WatchFormat, color: boolean, width?: number) => Writer<WatchEvent> =
  internal.eventWriter

/**
 * A job as the machine formats print it (`JobRecord`).
 *
 * @example
 * ```ts
 * import { Format } from "@effect-personalize/cli"
 *
 * const record = Format.toRecord({ jobName: "spring-launch", creationDateTime: new Date(1700000000500) })
 * assert.deepStrictEqual(record, { jobName: "spring-launch", creationDateTime: "2023-11-14T22:13:20.500Z" })
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const toRecord: (job: BatchSegmentJobSummary) => JobRecord = internal.toRecord

/**
 * The whole `json` output of these jobs at once.
 *
 * @example
 * ```ts
 * import { Format } from "@effect-personalize/cli"
 *
 * assert.strictEqual(Format.json([{ jobName: "spring-launch" }]), `[\n  {"jobName":"spring-launch"}\n]\n`)
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const json: (jobs: ReadonlyArray<BatchSegmentJobSummary>) => string = internal.json

/**
 * The part of a solution version ARN after `solution/` (`shoes/3f2a1b4c`), else the whole ARN: what the table
 * shows.
 *
 * @example
 * ```ts
 * import { Format } from "@effect-personalize/cli"
 *
 * const arn = "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"
 * assert.strictEqual(Format.shortSolutionVersion(arn), "shoes/3f2a1b4c")
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const shortSolutionVersion: (arn: string | undefined) => string | undefined = internal.shortSolutionVersion

/**
 * A status as `--status` compares it: upper case, runs of spaces, `_` or `-` as one space
 * (`create_failed` → `CREATE FAILED`).
 *
 * @example
 * ```ts
 * import { Format } from "@effect-personalize/cli"
 *
 * assert.strictEqual(Format.normalizeStatus("create_failed"), "CREATE FAILED")
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const normalizeStatus: (status: string) => string = internal.normalizeStatus

/**
 * The predicate of `--status` values: a job whose status is one of them (no values: every job).
 *
 * @example
 * ```ts
 * import { Format } from "@effect-personalize/cli"
 *
 * const failedOrPending = Format.statusFilter(["create-failed", "pending"])
 * assert.ok(failedOrPending({ jobName: "spring-launch", status: "CREATE FAILED" }))
 * assert.ok(!failedOrPending({ jobName: "summer-sale", status: "ACTIVE" }))
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const statusFilter: (statuses: ReadonlyArray<string>) => (job: BatchSegmentJobSummary) => boolean =
  internal.statusFilter
