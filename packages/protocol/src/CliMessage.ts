/**
 * The words of `personalize-jobs` that both editions' CLI print on stderr: the summary under a table, the resume
 * token, what an interruption, a watch and each of the program's own errors say. Pure functions, so that the two
 * editions say the same thing byte for byte (a test runs both and compares them).
 *
 * @since 0.1.0
 */

const jobs = (n: number): string => `${n} job${n === 1 ? "" : "s"}`

/**
 * The line under a table listing: how many jobs it shows and how many of them failed, or why it shows none (none
 * listed, or none that `filters` kept).
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(CliMessage.summary(3, 1, 3, []), "3 jobs, 1 failed.\n")
 * assert.strictEqual(CliMessage.summary(0, 0, 5, ["--since"]), "No batch segment job matches --since.\n")
 * ```
 *
 * @since 0.1.0
 * @category list
 */
export const summary = (printed: number, failed: number, listed: number, filters: ReadonlyArray<string>): string =>
  printed > 0
    ? `${jobs(printed)}${failed > 0 ? `, ${failed} failed` : ""}.\n`
    : listed === 0
    ? "No batch segment jobs found.\n"
    : `No batch segment job matches ${filters.length === 0 ? "the filters" : filters.join(" and ")}.\n`

/**
 * The line that gives the token to continue a listing with.
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(CliMessage.resumeLine("epr2.x"), "Resume with: --starting-token epr2.x\n")
 * ```
 *
 * @since 0.1.0
 * @category list
 */
export const resumeLine = (token: string): string => `Resume with: --starting-token ${token}\n`

/**
 * What an interrupted listing of one solution version (or of every job) says: the token that resumes after the
 * last printed job.
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(CliMessage.interrupted(1, "t"), "Interrupted after 1 job. Resume with: --starting-token t\n")
 * ```
 *
 * @since 0.1.0
 * @category list
 */
export const interrupted = (printed: number, resume: string | undefined): string =>
  resume === undefined
    ? "Interrupted before any job was listed.\n"
    : `Interrupted after ${jobs(printed)}. ${resumeLine(resume)}`

/**
 * What an interrupted listing of several solution versions says: it has no resume token.
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * assert.ok(CliMessage.interruptedSeveral(2).startsWith("Interrupted after 2 jobs. No resume token"))
 * ```
 *
 * @since 0.1.0
 * @category list
 */
export const interruptedSeveral = (printed: number): string =>
  `Interrupted after ${jobs(printed)}. No resume token with several ` +
  "solution versions: list them one at a time to continue one from a token.\n"

/**
 * Why `--starting-token` is refused with several solution versions.
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * assert.ok(CliMessage.startingTokenWithSeveral(2).includes("and 2 are given"))
 * ```
 *
 * @since 0.1.0
 * @category list
 */
export const startingTokenWithSeveral = (count: number): string =>
  `--starting-token continues the listing of one solution version, and ${count} are given: ` +
  "give it with exactly one --solution-version-arn (the one of the run that printed it)."

/**
 * Why `--max-items` is refused with several solution versions.
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * assert.ok(CliMessage.maxItemsWithSeveral(3).startsWith("--max-items needs exactly one"))
 * ```
 *
 * @since 0.1.0
 * @category list
 */
export const maxItemsWithSeveral = (count: number): string =>
  `--max-items needs exactly one --solution-version-arn (or none), and ${count} are given: the ` +
  "listing of several cannot be continued from one token. List them one at a time to page through them."

/**
 * `--fail-on-status`: how many listed jobs are in its statuses, and how to list them.
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(
 *   CliMessage.statusFound([["CREATE FAILED", 1]]),
 *   "1 of the jobs listed is in a status of --fail-on-status (CREATE FAILED: 1). List them with --status \"CREATE FAILED\"."
 * )
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export const statusFound = (found: ReadonlyArray<readonly [status: string, count: number]>): string => {
  const total = found.reduce((sum, [, count]) => sum + count, 0)
  return `${total} of the jobs listed ${total === 1 ? "is" : "are"} in a status of --fail-on-status (${
    found.map(([status, count]) => `${status}: ${count}`).join(", ")
  }). List them with ${found.map(([status]) => `--status "${status}"`).join(" ")}.`
}

/**
 * What `watch --state-file` says when its file cannot be used, by reason.
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * const line = CliMessage.stateFile({ path: "s.json", reason: "Unusable", detail: "it is read-only" })
 * assert.strictEqual(line, "The state file s.json cannot be used: it is read-only. Nothing was sent.")
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export const stateFile = (error: {
  readonly path: string
  readonly reason: "Damaged" | "OtherFilter" | "Unreadable" | "Unwritable" | "Unusable"
  readonly detail: string
}): string => {
  switch (error.reason) {
    case "Damaged":
      return `The state file ${error.path} is not a watch state that can be read: ${error.detail}. It was left as it ` +
        "is: move it away (or give another --state-file) to start again, with every job printed as new."
    case "OtherFilter":
      return `The state file ${error.path} belongs to a watch of ${error.detail}. It was left as it is: give the ` +
        "same --solution-version-arn options as the run that saved it, or another --state-file."
    case "Unreadable":
      return `The state file ${error.path} could not be read: ${error.detail}.`
    case "Unusable":
      return `The state file ${error.path} cannot be used: ${error.detail}. Nothing was sent.`
    case "Unwritable":
      return `The watch state could not be saved to ${error.path}: ${error.detail}. The file still holds the state ` +
        "saved before, so the next run prints the changes since then again."
  }
}

/**
 * What a failed write to stdout or stderr says (a full disk).
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * const line = CliMessage.outputError({ stream: "stdout", code: "ENOSPC", detail: "no space left on device" })
 * assert.ok(line.endsWith("Free some space, or send the output elsewhere."))
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export const outputError = (error: {
  readonly stream: "stdout" | "stderr"
  readonly code?: string | undefined
  readonly detail: string
}): string =>
  `Could not write to ${error.stream}: ${error.detail}${error.code === undefined ? "" : ` (${error.code})`}. ${
    error.code === "ENOSPC"
      ? "Free some space, or send the output elsewhere."
      : `Check where ${error.stream} goes (a file, a pipe, a terminal).`
  }`

/**
 * What `--wizard` says when stdin is not a terminal (its questions could not be answered).
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * assert.ok(CliMessage.wizardOffTerminal.startsWith("--wizard asks its questions on a terminal"))
 * ```
 *
 * @since 0.1.0
 * @category usage
 */
export const wizardOffTerminal = "--wizard asks its questions on a terminal, and stdin is not one. Give the " +
  "options on the command line instead: run 'personalize-jobs --help' for them."

/**
 * Why `watch --once --until-terminal` is refused.
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * assert.ok(CliMessage.onceWithUntilTerminal.startsWith("--once and --until-terminal cannot be combined"))
 * ```
 *
 * @since 0.1.0
 * @category watch
 */
export const onceWithUntilTerminal =
  "--once and --until-terminal cannot be combined: --once polls once and ends anyway."

/**
 * The first line of a watch on a terminal; `interval` as the edition's `Duration.format` writes it (`30s`).
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(CliMessage.watching("1m", false), "Watching batch segment jobs every 1m (Ctrl-C to stop).\n")
 * ```
 *
 * @since 0.1.0
 * @category watch
 */
export const watching = (interval: string, untilTerminal: boolean): string =>
  `Watching batch segment jobs every ${interval}${
    untilTerminal ? " until every job is terminal" : ""
  } (Ctrl-C to stop).\n`

/**
 * A poll that failed and is tried again (`solutionVersionArn`: its feed, when there are several).
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(CliMessage.pollFailed(undefined, "Throttled.", "5s"), "Poll failed: Throttled. Trying again in 5s.\n")
 * ```
 *
 * @since 0.1.0
 * @category watch
 */
export const pollFailed = (solutionVersionArn: string | null | undefined, message: string, interval: string): string =>
  `Poll failed${solutionVersionArn === undefined ? "" : ` for ${solutionVersionArn}`}: ${message} ` +
  `Trying again in ${interval}.\n`

/**
 * The last line of a watch that was interrupted (Ctrl-C).
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(CliMessage.stoppedWatching, "Stopped watching.\n")
 * ```
 *
 * @since 0.1.0
 * @category watch
 */
export const stoppedWatching = "Stopped watching.\n"

/**
 * The last line of `watch --until-terminal`.
 *
 * @example
 * ```ts
 * import { CliMessage } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(CliMessage.everyJobTerminal, "Every watched job is terminal.\n")
 * ```
 *
 * @since 0.1.0
 * @category watch
 */
export const everyJobTerminal = "Every watched job is terminal.\n"
