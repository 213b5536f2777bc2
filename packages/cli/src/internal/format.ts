/** @internal */
import type { BatchSegmentJobSummary } from "@effect-personalize/core/BatchSegmentJob"
import { knownStatuses } from "@effect-personalize/core/BatchSegmentJob"
import type { Format, JobRecord, WatchEvent, WatchFormat } from "../Format.js"
import { csvField, escapeControl } from "./text.js"

/** @internal */
export const formats: ReadonlyArray<Format> = ["table", "json", "ndjson", "csv"]

/** @internal */
export const watchFormats: ReadonlyArray<WatchFormat> = ["table", "ndjson", "csv"]

/** @internal */
export const columns = [
  "batchSegmentJobArn",
  "jobName",
  "status",
  "creationDateTime",
  "lastUpdatedDateTime",
  "failureReason",
  "solutionVersionArn"
] as const

/** @internal */
export const toRecord = (job: BatchSegmentJobSummary): JobRecord => {
  const record: Record<string, string> = {}
  for (const column of columns) {
    const value = job[column]
    if (value === undefined) continue
    record[column] = value instanceof Date ? isoSeconds(value) : value
  }
  return record
}

/** ISO 8601 in UTC, without milliseconds unless the time has some. */
const isoSeconds = (date: Date): string => {
  const iso = date.toISOString()
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso
}

// -----------------------------------------------------------------------------
// ndjson
// -----------------------------------------------------------------------------

/** @internal */
export const ndjsonLine = (job: BatchSegmentJobSummary): string => `${JSON.stringify(toRecord(job))}\n`

// -----------------------------------------------------------------------------
// json: one array, written as the jobs arrive, always closed
// -----------------------------------------------------------------------------

/** @internal */
export const jsonOpen = "["

/** @internal */
export const jsonElement = (job: BatchSegmentJobSummary, first: boolean): string =>
  `${first ? "\n" : ",\n"}  ${JSON.stringify(toRecord(job))}`

/** @internal */
export const jsonClose = (empty: boolean): string => empty ? "]\n" : "\n]\n"

/** The whole array at once, as the streamed pieces make it. @internal */
export const json = (jobs: ReadonlyArray<BatchSegmentJobSummary>): string =>
  jsonOpen + jobs.map((job, i) => jsonElement(job, i === 0)).join("") + jsonClose(jobs.length === 0)

// -----------------------------------------------------------------------------
// csv (RFC 4180 quoting, LF line ends; control characters escaped, formulas neutralised: see text.ts)
// -----------------------------------------------------------------------------

/** @internal */
export const csvRow = (fields: ReadonlyArray<string | undefined>): string => `${fields.map(csvField).join(",")}\n`

/** @internal */
export const csvHeader: string = csvRow(columns)

/** @internal */
export const csvLine = (job: BatchSegmentJobSummary): string => {
  const record = toRecord(job)
  return csvRow(columns.map((column) => record[column]))
}

// -----------------------------------------------------------------------------
// table
// -----------------------------------------------------------------------------

/** @internal */
export const tableHeadings = [
  "JOB NAME",
  "STATUS",
  "CREATED (UTC)",
  "LAST UPDATED (UTC)",
  "SOLUTION VERSION",
  "FAILURE REASON"
]

/** `2024-05-01 12:00:00`: UTC to the second, for people. @internal */
export const tableTime = (date: Date | undefined): string | undefined =>
  date === undefined ? undefined : date.toISOString().slice(0, 19).replace("T", " ")

/** The part of a solution version ARN after `solution/` (`shoes/3f2a1b4c`), else the whole ARN. @internal */
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

/** The cells of one job in the table, every value from the service with its control characters escaped. @internal */
export const tableCells = (job: BatchSegmentJobSummary): Array<string> => {
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

/** @internal */
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
 * @internal
 */
export interface Table {
  /** The text for the next rows (the heading comes with the first rows). */
  readonly rows: (rows: ReadonlyArray<ReadonlyArray<string>>) => string
}

/** @internal */
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
 * @internal
 */
export const tableWidths: ReadonlyArray<number> = [
  "JOB NAME".length,
  Math.max(...knownStatuses.map((status) => status.length)),
  "2024-01-01 00:00:00".length,
  "2024-01-01 00:00:00".length,
  "SOLUTION VERSION".length
]

// -----------------------------------------------------------------------------
// watch events
// -----------------------------------------------------------------------------

/** @internal */
export const watchTableHeadings = ["EVENT", ...tableHeadings]

/** The widest status transition between the documented statuses, `IN PROGRESS → CREATE FAILED`. */
const widestTransition = Math.max(
  ...knownStatuses.flatMap((from) => knownStatuses.filter((to) => to !== from).map((to) => `${from} → ${to}`.length))
)

/**
 * The least widths of the watch table's columns but the last: every event, every transition between documented
 * statuses, the times, and room for common job and solution version names (longer ones are cut).
 *
 * @internal
 */
export const watchTableWidths: ReadonlyArray<number> = [
  "vanished".length,
  24,
  widestTransition,
  "2024-01-01 00:00:00".length,
  "2024-01-01 00:00:00".length,
  24
]

/** @internal */
export const watchTableCells = (event: WatchEvent): Array<string> => {
  const cells = tableCells(event.job)
  if (event._tag === "changed") cells[1] = `${dash(event.previousStatus)} → ${cells[1]}`
  return [event._tag, ...cells]
}

/** @internal */
export const watchNdjsonLine = (event: WatchEvent): string =>
  `${
    JSON.stringify({
      event: event._tag,
      ...(event.previousStatus === undefined ? {} : { previousStatus: event.previousStatus }),
      ...toRecord(event.job)
    })
  }\n`

/** @internal */
export const watchCsvHeader: string = csvRow(["event", "previousStatus", ...columns])

/** @internal */
export const watchCsvLine = (event: WatchEvent): string => {
  const record = toRecord(event.job)
  return csvRow([event._tag, event.previousStatus, ...columns.map((column) => record[column])])
}

// -----------------------------------------------------------------------------
// status filter
// -----------------------------------------------------------------------------

/** Upper case, inner runs of spaces, `_` or `-` as one space: `create_failed` → `CREATE FAILED`. @internal */
export const normalizeStatus = (status: string): string => status.trim().toUpperCase().replace(/[\s_-]+/g, " ")

/** A predicate over jobs for the `--status` values (none: every job). @internal */
export const statusFilter = (statuses: ReadonlyArray<string>): (job: BatchSegmentJobSummary) => boolean => {
  if (statuses.length === 0) return () => true
  const wanted = new Set(statuses.map(normalizeStatus))
  return (job) => job.status !== undefined && wanted.has(normalizeStatus(job.status))
}
