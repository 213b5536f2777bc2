/**
 * The exit codes of `personalize-jobs`, the one table of them, shared by the CLI of both editions: each code with
 * its name and its meaning, as `--help`, the README and the docs show them.
 *
 * @since 0.1.0
 */

/**
 * Every exit code with its name and what it means. `ExitCode`, the `EXIT CODES` section of `--help` and the
 * README's table are made from it (a test checks the README).
 *
 * @example
 * ```ts
 * import { ExitCode } from "@effect-personalize/protocol"
 *
 * const meaning = ExitCode.table.find((entry) => entry.code === 3)?.meaning
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const table = [
  { code: 0, name: "Success", meaning: "success" },
  {
    code: 1,
    name: "Failure",
    meaning: "unexpected failure (a bug: run with --verbose), the embedded emulator could not start, or stdout could " +
      "not be written (a full disk)"
  },
  {
    code: 2,
    name: "InvalidInput",
    meaning: "invalid input or usage: an unknown option or value, a malformed ARN, a page size out of range, no " +
      "region or a malformed one, a plain http:// endpoint off this machine, a --state-file that is damaged or belongs to other " +
      "solution versions"
  },
  {
    code: 3,
    name: "InvalidToken",
    meaning:
      "invalid pagination token (--starting-token unreadable, tampered, for another filter, or refused by the service)"
  },
  {
    code: 4,
    name: "AccessDenied",
    meaning: "access denied: missing, unknown or expired credentials, a bad signature, a missing IAM permission"
  },
  { code: 5, name: "Throttled", meaning: "throttled, still after the retries (raise --max-attempts or try later)" },
  { code: 6, name: "ServiceError", meaning: "another error of the service, e.g. HTTP 5xx after the retries" },
  {
    code: 7,
    name: "Transport",
    meaning: "no response: connection refused or reset, DNS, timeout (check --endpoint, the region, the network)"
  },
  { code: 8, name: "BadResponse", meaning: "a response that does not match the service model" },
  {
    code: 9,
    name: "PaginationLoop",
    meaning: "the service sent the same page token twice (stopped instead of looping)"
  },
  {
    code: 10,
    name: "StateFile",
    meaning: "the --state-file could not be read or saved (permissions, a missing directory, a full disk); it keeps " +
      "the state saved before"
  },
  {
    code: 11,
    name: "StatusFound",
    meaning: "list --fail-on-status: a listed job is in one of its statuses (the listing is printed whole)"
  },
  {
    code: 130,
    name: "Interrupted",
    meaning: "interrupted (Ctrl-C); list prints the token that resumes after the last printed job"
  }
] as const

/**
 * One row of `table`.
 *
 * @example
 * ```ts
 * import type { ExitCode } from "@effect-personalize/protocol"
 *
 * const line = (entry: ExitCode.Entry): string => `${entry.code} ${entry.meaning}`
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Entry = typeof table[number]

/**
 * The codes by name, as `table` has them.
 *
 * @example
 * ```ts
 * import type { ExitCode } from "@effect-personalize/protocol"
 *
 * const transport = (codes: ExitCode.ExitCodes): number => codes.Transport
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type ExitCodes = { readonly [E in Entry as E["name"]]: E["code"] }

/**
 * One of the codes of `table`.
 *
 * @example
 * ```ts
 * import type { ExitCode } from "@effect-personalize/protocol"
 *
 * const code: ExitCode.ExitCode = 11
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type ExitCode = Entry["code"]

/**
 * The codes by name.
 *
 * @example
 * ```ts
 * import { ExitCode } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(ExitCode.ExitCode.StatusFound, 11)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const ExitCode: ExitCodes = Object.fromEntries(table.map(({ code, name }) => [name, code])) as ExitCodes
