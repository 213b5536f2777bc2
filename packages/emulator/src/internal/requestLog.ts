/** @internal */
export { check, defaultSize, type Entry, RequestLog } from "@effect-personalize/protocol/RequestLog"
