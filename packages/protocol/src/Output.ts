/**
 * How `personalize-jobs` prints jobs and watch events, without Effect, so that the CLI of both editions prints the
 * same bytes: `table` for people (aligned, widths held across pages, cut to a terminal's width, colors on a
 * terminal), `json`, `ndjson` and `csv` for programs. Writers turn jobs into text page by page, as they arrive.
 *
 * Machine formats use the AWS SDK's member names in its order, timestamps as ISO 8601 UTC strings, and leave out
 * absent members (empty fields in CSV). CSV quotes as RFC 4180 says and ends lines with LF. JSON and NDJSON print
 * the service's text exactly; `table` and `csv` show its control characters as escapes and CSV neutralises formulas
 * (see `Text`).
 *
 * @since 0.1.0
 */
import { csvField, escapeControl } from "./Text.js"

/**
 * A job as both editions' `BatchSegmentJobSummary` holds it (dates decoded): what is printed.
 *
 * @example
 * ```ts
 * import type { Output } from "@effect-personalize/protocol"
 *
 * const job: Output.Job = { jobName: "spring-launch", status: "ACTIVE", creationDateTime: new Date(0) }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Job {
  readonly batchSegmentJobArn?: string | undefined
  readonly jobName?: string | undefined
  readonly status?: string | undefined
  readonly creationDateTime?: Date | undefined
  readonly lastUpdatedDateTime?: Date | undefined
  readonly failureReason?: string | undefined
  readonly solutionVersionArn?: string | undefined
}

/**
 * An output format of `list`: `table` for people, `json`, `ndjson` or `csv` for programs.
 *
 * @example
 * ```ts
 * import type { Output } from "@effect-personalize/protocol"
 *
 * const format: Output.Format = "ndjson"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Format = "table" | "json" | "ndjson" | "csv"

/**
 * The formats of `watch`: an endless feed has no single JSON array.
 *
 * @example
 * ```ts
 * import type { Output } from "@effect-personalize/protocol"
 *
 * const format: Output.WatchFormat = "csv"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type WatchFormat = Exclude<Format, "json">

/**
 * Every format of `list`, as its `--format` accepts them.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.deepStrictEqual(Output.formats, ["table", "json", "ndjson", "csv"])
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const formats: ReadonlyArray<Format> = ["table", "json", "ndjson", "csv"]

/**
 * Every format of `watch`, as its `--format` accepts them.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.deepStrictEqual(Output.watchFormats, ["table", "ndjson", "csv"])
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const watchFormats: ReadonlyArray<WatchFormat> = ["table", "ndjson", "csv"]

/**
 * The statuses the service documents, in their order: what `--status` accepts, and what the table's status column
 * is wide enough for. (Each edition's core has the same list as `BatchSegmentJob.knownStatuses`.)
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.ok(Output.documentedStatuses.includes("CREATE FAILED"))
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const documentedStatuses: ReadonlyArray<string> = ["PENDING", "IN PROGRESS", "ACTIVE", "CREATE FAILED"]

/**
 * A job as the machine formats print it: the SDK's member names in the SDK's order, timestamps as ISO 8601
 * strings, absent members left out.
 *
 * @example
 * ```ts
 * import type { Output } from "@effect-personalize/protocol"
 *
 * const line = (record: Output.JobRecord): string => [record.jobName, record.status].join("\t")
 * ```
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
 * What `watch` prints: a job seen for the first time, a job whose status changed, or a job no longer listed.
 *
 * @example
 * ```ts
 * import type { Output } from "@effect-personalize/protocol"
 *
 * const event: Output.WatchEvent = { _tag: "changed", job: { jobName: "a", status: "ACTIVE" }, previousStatus: "PENDING" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface WatchEvent {
  readonly _tag: "new" | "changed" | "vanished"
  readonly job: Job
  readonly previousStatus?: string | undefined
}

/**
 * The members of a job in the SDK's order: the columns of CSV, the keys of JSON.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.columns[0], "batchSegmentJobArn")
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const columns = [
  "batchSegmentJobArn",
  "jobName",
  "status",
  "creationDateTime",
  "lastUpdatedDateTime",
  "failureReason",
  "solutionVersionArn"
] as const

/** ISO 8601 in UTC, without milliseconds unless the time has some. */
const isoSeconds = (date: Date): string => {
  const iso = date.toISOString()
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso
}

/**
 * A job as the machine formats print it (`JobRecord`).
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * const record = Output.toRecord({ jobName: "spring-launch", creationDateTime: new Date(1700000000500) })
 * assert.deepStrictEqual(record, { jobName: "spring-launch", creationDateTime: "2023-11-14T22:13:20.500Z" })
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const toRecord = (job: Job): JobRecord => {
  const record: Record<string, string> = {}
  for (const column of columns) {
    const value = job[column]
    if (value === undefined) continue
    record[column] = value instanceof Date ? isoSeconds(value) : value
  }
  return record
}

/**
 * One line of `ndjson`.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.ndjsonLine({ jobName: "a" }), `{"jobName":"a"}\n`)
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const ndjsonLine = (job: Job): string => `${JSON.stringify(toRecord(job))}\n`

/**
 * What `json` writes before its first job.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.jsonOpen, "[")
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const jsonOpen = "["

/**
 * One element of the `json` array, with what separates it from the one before.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.jsonElement({ jobName: "a" }, true), `\n  {"jobName":"a"}`)
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const jsonElement = (job: Job, first: boolean): string =>
  `${first ? "\n" : ",\n"}  ${JSON.stringify(toRecord(job))}`

/**
 * What closes the `json` array (`empty`: no element was written).
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.jsonOpen + Output.jsonClose(true), "[]\n")
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const jsonClose = (empty: boolean): string => empty ? "]\n" : "\n]\n"

/**
 * The whole `json` output of these jobs at once, as the streamed pieces make it.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.json([{ jobName: "spring-launch" }]), `[\n  {"jobName":"spring-launch"}\n]\n`)
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const json = (jobs: ReadonlyArray<Job>): string =>
  jsonOpen + jobs.map((job, i) => jsonElement(job, i === 0)).join("") + jsonClose(jobs.length === 0)

/**
 * One CSV row (RFC 4180 quoting, LF line end; each field made safe by `Text.csvField`).
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.csvRow(["a", undefined, "=1"]), "a,,'=1\n")
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const csvRow = (fields: ReadonlyArray<string | undefined>): string => `${fields.map(csvField).join(",")}\n`

/**
 * The header row of `csv`.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.ok(Output.csvHeader.startsWith("batchSegmentJobArn,jobName,status,"))
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const csvHeader: string = csvRow(columns)

/**
 * One job as a `csv` row.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.csvLine({ jobName: "a", status: "ACTIVE" }), ",a,ACTIVE,,,,\n")
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const csvLine = (job: Job): string => {
  const record = toRecord(job)
  return csvRow(columns.map((column) => record[column]))
}

/**
 * The headings of the `list` table.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.tableHeadings[0], "JOB NAME")
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const tableHeadings: ReadonlyArray<string> = [
  "JOB NAME",
  "STATUS",
  "CREATED (UTC)",
  "LAST UPDATED (UTC)",
  "SOLUTION VERSION",
  "FAILURE REASON"
]

/**
 * `2024-05-01 12:00:00`: UTC to the second, for people.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.tableTime(new Date(0)), "1970-01-01 00:00:00")
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const tableTime = (date: Date | undefined): string | undefined =>
  date === undefined ? undefined : date.toISOString().slice(0, 19).replace("T", " ")

/**
 * The part of a solution version ARN after `solution/` (`shoes/3f2a1b4c`), else the whole ARN: what the table
 * shows.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * const arn = "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"
 * assert.strictEqual(Output.shortSolutionVersion(arn), "shoes/3f2a1b4c")
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const shortSolutionVersion = (arn: string | undefined): string | undefined => {
  if (arn === undefined) return undefined
  const at = arn.indexOf(":solution/")
  return at === -1 ? arn : arn.slice(at + ":solution/".length)
}

/**
 * A cell: `-` when there is nothing to show, else the value without outer spaces (which would look like a
 * misaligned column), its control characters escaped (shown, not trimmed).
 */
const dash = (value: string | undefined): string => {
  const shown = value === undefined ? "" : escapeControl(value.replace(/^ +| +$/g, ""))
  return shown === "" ? "-" : shown
}

/**
 * The cells of one job in the table, every value from the service with its control characters escaped.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.deepStrictEqual(Output.tableCells({ jobName: "a" }), ["a", "-", "-", "-", "-", "-"])
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const tableCells = (job: Job): Array<string> => {
  const record = toRecord(job)
  return [
    dash(record.jobName),
    dash(record.status),
    dash(tableTime(job.creationDateTime)),
    dash(tableTime(job.lastUpdatedDateTime)),
    dash(shortSolutionVersion(record.solutionVersionArn)),
    dash(record.failureReason)
  ]
}

/**
 * How a table is laid out.
 *
 * @example
 * ```ts
 * import type { Output } from "@effect-personalize/protocol"
 *
 * const style: Output.TableStyle = { color: false, statusColumn: 1, fixedWidths: [] }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface TableStyle {
  readonly color: boolean
  /** The index of the cell that holds a status (colored by its value). */
  readonly statusColumn: number
  /**
   * The least width of each column but the last. The first rows set the widths for good (at least these), and a
   * longer cell that comes later is cut with `…`, so that every row lines up with the heading, however many pages
   * follow.
   */
  readonly fixedWidths: ReadonlyArray<number>
  /**
   * The width of the terminal, when the table goes to one: the last column (the failure reason) is cut with `…` so
   * that no line is longer (none shorter than the heading, however narrow the terminal). Without it, never cut.
   */
  readonly width?: number | undefined
}

const ansi = {
  bold: (s: string) => `\u001b[1m${s}\u001b[22m`,
  green: (s: string) => `\u001b[32m${s}\u001b[39m`,
  red: (s: string) => `\u001b[31m${s}\u001b[39m`,
  yellow: (s: string) => `\u001b[33m${s}\u001b[39m`,
  cyan: (s: string) => `\u001b[36m${s}\u001b[39m`
}

const colorStatus = (cell: string): string => {
  const status = cell.includes("→") ? cell.slice(cell.lastIndexOf("→") + 1).trim() : cell
  switch (status) {
    case "ACTIVE":
      return ansi.green(cell)
    case "CREATE FAILED":
      return ansi.red(cell)
    case "IN PROGRESS":
      return ansi.yellow(cell)
    case "PENDING":
      return ansi.cyan(cell)
    default:
      return cell
  }
}

/** The cell cut to `width` characters, its last one `…` when something was cut. */
const fit = (cell: string, width: number): string =>
  cell.length <= width ? cell : `${cell.slice(0, Math.max(0, width - 1))}…`

/**
 * A table written as its rows arrive, columns separated by two spaces, the heading with the first rows, the widths
 * set by them, the last column never padded (and cut only to fit a terminal). The same layout goes to a terminal
 * (with colors) or to a pipe.
 *
 * @example
 * ```ts
 * import type { Output } from "@effect-personalize/protocol"
 *
 * const print = (table: Output.Table, rows: ReadonlyArray<ReadonlyArray<string>>): string => table.rows(rows)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Table {
  /** The text for the next rows (the heading comes with the first rows). */
  readonly rows: (rows: ReadonlyArray<ReadonlyArray<string>>) => string
}

/**
 * A `Table` with these headings and this style.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * const table = Output.makeTable(["NAME", "STATUS"], { color: false, statusColumn: 1, fixedWidths: [] })
 * assert.strictEqual(table.rows([["a", "ACTIVE"]]), "NAME  STATUS\na     ACTIVE\n")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeTable = (headings: ReadonlyArray<string>, style: TableStyle): Table => {
  let widths: Array<number> | undefined
  // the room left for the last column on a terminal: what the others and their separators leave of its width
  let lastWidth = Infinity
  const line = (cells: ReadonlyArray<string>, heading: boolean): string =>
    cells.map((raw, i) => {
      const last = i === cells.length - 1
      const cell = fit(raw, last ? lastWidth : widths![i]!)
      const padded = last ? cell : cell.padEnd(widths![i]!)
      if (!style.color) return padded
      if (heading) return ansi.bold(padded)
      // color the text, not the padding, so that widths stay right
      return i === style.statusColumn ? colorStatus(cell) + padded.slice(cell.length) : padded
    }).join("  ").trimEnd() + "\n"
  return {
    rows: (rows) => {
      if (rows.length === 0) return ""
      const first = widths === undefined
      if (first) {
        const all = [headings, ...rows]
        widths = headings.map((_, i) => Math.max(style.fixedWidths[i] ?? 0, ...all.map((row) => (row[i] ?? "").length)))
        if (style.width !== undefined) {
          const others = widths.slice(0, -1).reduce((sum, width) => sum + width + 2, 0)
          lastWidth = Math.max(style.width - others, headings.at(-1)!.length)
        }
      }
      return (first ? line(headings, true) : "") + rows.map((row) => line(row, false)).join("")
    }
  }
}

/**
 * The least widths of the list table's columns but the last: the headings, every documented status, the times.
 * The first page sets the rest (job and solution version names); a longer one on a later page is cut.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.tableWidths[1], "CREATE FAILED".length)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const tableWidths: ReadonlyArray<number> = [
  "JOB NAME".length,
  Math.max(...documentedStatuses.map((status) => status.length)),
  "2024-01-01 00:00:00".length,
  "2024-01-01 00:00:00".length,
  "SOLUTION VERSION".length
]

/**
 * The headings of the `watch` table: the event, then those of `list`.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.watchTableHeadings[0], "EVENT")
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const watchTableHeadings: ReadonlyArray<string> = ["EVENT", ...tableHeadings]

/** The widest status transition between the documented statuses, `IN PROGRESS → CREATE FAILED`. */
const widestTransition = Math.max(
  ...documentedStatuses.flatMap((from) =>
    documentedStatuses.filter((to) => to !== from).map((to) => `${from} → ${to}`.length)
  )
)

/**
 * The least widths of the watch table's columns but the last: every event, every transition between documented
 * statuses, the times, and room for common job and solution version names (longer ones are cut).
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.watchTableWidths[0], "vanished".length)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const watchTableWidths: ReadonlyArray<number> = [
  "vanished".length,
  24,
  widestTransition,
  "2024-01-01 00:00:00".length,
  "2024-01-01 00:00:00".length,
  24
]

/**
 * The cells of one watch event in the table: the event, then the job's (a change shows `FROM → TO`).
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * const cells = Output.watchTableCells({ _tag: "changed", job: { status: "ACTIVE" }, previousStatus: "PENDING" })
 * assert.strictEqual(cells[2], "PENDING → ACTIVE")
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const watchTableCells = (event: WatchEvent): Array<string> => {
  const cells = tableCells(event.job)
  if (event._tag === "changed") cells[1] = `${dash(event.previousStatus)} → ${cells[1]}`
  return [event._tag, ...cells]
}

/**
 * One line of the `watch` `ndjson`: the event, the previous status, then the job's members.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.watchNdjsonLine({ _tag: "new", job: { jobName: "a" } }), `{"event":"new","jobName":"a"}\n`)
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const watchNdjsonLine = (event: WatchEvent): string =>
  `${
    JSON.stringify({
      event: event._tag,
      ...(event.previousStatus === undefined ? {} : { previousStatus: event.previousStatus }),
      ...toRecord(event.job)
    })
  }\n`

/**
 * The header row of the `watch` `csv`.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.ok(Output.watchCsvHeader.startsWith("event,previousStatus,batchSegmentJobArn,"))
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const watchCsvHeader: string = csvRow(["event", "previousStatus", ...columns])

/**
 * One watch event as a `csv` row.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.watchCsvLine({ _tag: "new", job: { jobName: "a" } }), "new,,,a,,,,,\n")
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const watchCsvLine = (event: WatchEvent): string => {
  const record = toRecord(event.job)
  return csvRow([event._tag, event.previousStatus, ...columns.map((column) => record[column])])
}

/**
 * A status as `--status` compares it: upper case, runs of spaces, `_` or `-` as one space
 * (`create_failed` → `CREATE FAILED`).
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.normalizeStatus("create_failed"), "CREATE FAILED")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const normalizeStatus = (status: string): string => status.trim().toUpperCase().replace(/[\s_-]+/g, " ")

/**
 * The predicate of `--status` values: a job whose status is one of them (no values: every job).
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * const failed = Output.statusFilter(["create-failed"])
 * assert.ok(failed({ status: "CREATE FAILED" }))
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const statusFilter = (statuses: ReadonlyArray<string>): (job: Job) => boolean => {
  if (statuses.length === 0) return () => true
  const wanted = new Set(statuses.map(normalizeStatus))
  return (job) => job.status !== undefined && wanted.has(normalizeStatus(job.status))
}

/**
 * Text for items as they arrive: `open` before the first page, `write` for each page, `close` after the last
 * one (also after an error or an interruption, so that a JSON array is always closed).
 *
 * @example
 * ```ts
 * import type { Output } from "@effect-personalize/protocol"
 *
 * const names: Output.Writer<{ readonly jobName?: string }> = {
 *   open: "",
 *   write: (jobs) => jobs.map((job) => `${job.jobName}\n`).join(""),
 *   close: ""
 * }
 * ```
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
 * A writer of jobs. `color` adds ANSI colors to a table (for a terminal); the layout is the same without it.
 * `width`, the terminal's, cuts the table's last column (the failure reason) so that no line is longer; the other
 * formats keep every value whole.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * const csv = Output.jobWriter("csv", false)
 * const text = csv.open + csv.write([{ jobName: "spring-launch", status: "ACTIVE" }]) + csv.close
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const jobWriter = (kind: Format, color: boolean, width?: number): Writer<Job> => {
  switch (kind) {
    case "ndjson":
      return { open: "", write: (items) => items.map(ndjsonLine).join(""), close: "" }
    case "csv":
      return { open: csvHeader, write: (items) => items.map(csvLine).join(""), close: "" }
    case "json": {
      let count = 0
      return {
        open: jsonOpen,
        write: (items) => items.map((job) => jsonElement(job, count++ === 0)).join(""),
        get close() {
          return jsonClose(count === 0)
        }
      }
    }
    case "table": {
      const table = makeTable(tableHeadings, { color, statusColumn: 1, fixedWidths: tableWidths, width })
      return { open: "", write: (items) => table.rows(items.map(tableCells)), close: "" }
    }
  }
}

/**
 * A writer of watch events (`table`, `ndjson` or `csv`, each with the event and the previous status); `color` and
 * `width` as for `jobWriter`.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * const ndjson = Output.eventWriter("ndjson", false)
 * const text = ndjson.write([{ _tag: "changed", job: { jobName: "a", status: "ACTIVE" }, previousStatus: "PENDING" }])
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const eventWriter = (kind: WatchFormat, color: boolean, width?: number): Writer<WatchEvent> => {
  switch (kind) {
    case "ndjson":
      return { open: "", write: (items) => items.map(watchNdjsonLine).join(""), close: "" }
    case "csv":
      return { open: watchCsvHeader, write: (items) => items.map(watchCsvLine).join(""), close: "" }
    case "table": {
      const table = makeTable(watchTableHeadings, { color, statusColumn: 2, fixedWidths: watchTableWidths, width })
      return { open: "", write: (items) => table.rows(items.map(watchTableCells)), close: "" }
    }
  }
}

/**
 * The progress line of a listing on a terminal: pages (unless none are counted), rows printed, seconds elapsed.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Output.progressLine("Listing", 2, 150, 1234), "Listing: 2 pages, 150 jobs, 1.2s")
 * ```
 *
 * @since 0.1.0
 * @category formatting
 */
export const progressLine = (label: string, pages: number | undefined, jobs: number, elapsedMillis: number): string =>
  `${label}: ${pages === undefined ? "" : `${pages} page${pages === 1 ? "" : "s"}, `}${jobs} job${
    jobs === 1 ? "" : "s"
  }, ${(elapsedMillis / 1000).toFixed(1)}s`
