/** @internal */
import * as Output from "@effect-personalize/protocol/Output"

// The formats are pure and shared with the Effect 4 edition's CLI: they live in the protocol package (`Output`).

/** @internal */
export const formats = Output.formats

/** @internal */
export const watchFormats = Output.watchFormats

/** @internal */
export const columns = Output.columns

/** @internal */
export const toRecord = Output.toRecord

/** @internal */
export const json = Output.json

/** @internal */
export const shortSolutionVersion = Output.shortSolutionVersion

/** @internal */
export const normalizeStatus = Output.normalizeStatus

/** @internal */
export const statusFilter = Output.statusFilter
