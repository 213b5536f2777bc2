import * as BatchSegmentJob from "@effect-personalize/core/BatchSegmentJob"
import * as Schema from "effect/Schema"

/**
 * A page as the emulator holds it (`Date`s) and, encoded, as the wire carries it: the core's own summary schema,
 * whose timestamps encode to epoch seconds. Encoding checks the model too, so the emulator never sends a job the
 * model forbids.
 *
 * @internal
 */
export const Output = Schema.Struct({
  batchSegmentJobs: Schema.Array(BatchSegmentJob.BatchSegmentJobSummary),
  nextToken: Schema.optionalWith(Schema.String, { exact: true })
})

/** @internal */
export const encodeOutput: (output: typeof Output.Type) => typeof Output.Encoded = Schema.encodeSync(Output)
