/** @internal */
import type { BatchSegmentJobSummary } from "@effect-personalize/core/BatchSegmentJob"
import type { Format, WatchEvent, WatchFormat } from "../Format.js"
import * as format from "./format.js"

/**
 * Turns jobs into text as they arrive. `open` is written before the first page, `close` after the last one
 * (also after an error or an interruption, so that a JSON array is always closed).
 *
 * @internal
 */
export interface Writer<A> {
  readonly open: string
  readonly write: (items: ReadonlyArray<A>) => string
  readonly close: string
}

/** @internal */
export const jobs = (kind: Format, color: boolean, width?: number): Writer<BatchSegmentJobSummary> => {
  switch (kind) {
    case "ndjson":
      return { open: "", write: (items) => items.map(format.ndjsonLine).join(""), close: "" }
    case "csv":
      return { open: format.csvHeader, write: (items) => items.map(format.csvLine).join(""), close: "" }
    case "json": {
      let count = 0
      return {
        open: format.jsonOpen,
        write: (items) => items.map((job) => format.jsonElement(job, count++ === 0)).join(""),
        get close() {
          return format.jsonClose(count === 0)
        }
      }
    }
    case "table": {
      const table = format.makeTable(format.tableHeadings, {
        color,
        statusColumn: 1,
        fixedWidths: format.tableWidths,
        width
      })
      return { open: "", write: (items) => table.rows(items.map(format.tableCells)), close: "" }
    }
  }
}

/** @internal */
export const events = (kind: WatchFormat, color: boolean, width?: number): Writer<WatchEvent> => {
  switch (kind) {
    case "ndjson":
      return { open: "", write: (items) => items.map(format.watchNdjsonLine).join(""), close: "" }
    case "csv":
      return { open: format.watchCsvHeader, write: (items) => items.map(format.watchCsvLine).join(""), close: "" }
    case "table": {
      const table = format.makeTable(format.watchTableHeadings, {
        color,
        statusColumn: 2,
        fixedWidths: format.watchTableWidths,
        width
      })
      return { open: "", write: (items) => table.rows(items.map(format.watchTableCells)), close: "" }
    }
  }
}
