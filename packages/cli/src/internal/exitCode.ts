// The exit codes, the one table of them, live in the protocol package (shared with the Effect 4 edition's CLI). Not
// marked internal: the public `ExitCode` module's declarations refer to these types.
export { ExitCode, table } from "@effect-personalize/protocol/ExitCode"
export type { Entry, ExitCodes } from "@effect-personalize/protocol/ExitCode"
