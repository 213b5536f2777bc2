/** @internal */
import type { BatchSegmentJobSummary } from "@effect-personalize/core/BatchSegmentJob"
import * as Output from "@effect-personalize/protocol/Output"
import type { Format, WatchEvent, WatchFormat } from "../Format.js"

/**
 * Turns jobs into text as they arrive (the protocol package's `Output.Writer`, shared with the Effect 4 edition).
 *
 * @internal
 */
export type Writer<A> = Output.Writer<A>

/** @internal */
export const jobs: (kind: Format, color: boolean, width?: number) => Writer<BatchSegmentJobSummary> = Output.jobWriter

/** @internal */
export const events: (kind: WatchFormat, color: boolean, width?: number) => Writer<WatchEvent> = Output.eventWriter
