/**
 * The rules that keep text from the service safe to print in the human formats of `personalize-jobs` (`table`,
 * `csv`): control characters escaped, spreadsheet formulas neutralised, CSV quoting; and the removal of ANSI styles.
 * Pure functions over strings, used by the CLI of both editions, so that both print the same bytes. JSON and NDJSON
 * do not use them: they stay exact.
 *
 * @since 0.1.0
 */

/**
 * What a terminal would act on instead of showing: C0 controls (ESC, BEL, CR, LF, TAB...), DEL, C1 controls (CSI,
 * OSC...), the line and paragraph separators, and the bidirectional formatting characters that reorder what is
 * shown (as in "Trojan Source").
 */
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const named: Record<string, string> = { "\t": "\\t", "\n": "\\n", "\r": "\\r" }

const escapeOne = (char: string): string => {
  const name = named[char]
  if (name !== undefined) return name
  const code = char.charCodeAt(0)
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`
}

/**
 * The text with every character a terminal would act on shown as an escape instead: `\t`, `\n`, `\r`, `\x1b`,
 * `\x07`, `\u2028`... Printable text, backslashes included, is kept as it is, so the result is for people to read,
 * not to be decoded back (JSON and NDJSON are exact).
 *
 * @example
 * ```ts
 * import { Text } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Text.escapeControl("a\u001b[2Jb\n"), "a\\x1b[2Jb\\n")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const escapeControl = (text: string): string => text.replace(unsafe, escapeOne)

/**
 * The first characters with which a spreadsheet reads a cell as a formula (OWASP's CSV injection list, and their
 * full-width forms, which some spreadsheets also accept), after any leading spaces.
 */
const formula = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/

/**
 * A CSV value that a spreadsheet would run as a formula (`=HYPERLINK(...)`, `+1`, `-2+3`, `@SUM(...)`), prefixed
 * with `'` so that it is read as text, as OWASP recommends; any other value as it is.
 *
 * @example
 * ```ts
 * import { Text } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Text.neutralizeFormula("=1+1"), "'=1+1")
 * assert.strictEqual(Text.neutralizeFormula("spring-launch"), "spring-launch")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const neutralizeFormula = (value: string): string => formula.test(value) ? `'${value}` : value

/**
 * One CSV field of a value from the service: control characters escaped (`escapeControl`), a formula neutralised
 * (`neutralizeFormula`), then quoted as RFC 4180 says when it holds a comma or a quote, or starts or ends with a
 * space. An absent value is an empty field.
 *
 * @example
 * ```ts
 * import { Text } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Text.csvField("Bucket \"in\", not found"), "\"Bucket \"\"in\"\", not found\"")
 * assert.strictEqual(Text.csvField(undefined), "")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const csvField = (value: string | undefined): string => {
  if (value === undefined) return ""
  const safe = neutralizeFormula(escapeControl(value))
  return /[",]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll("\"", "\"\"")}"` : safe
}

// CSI sequences (colors, styles, cursor movements)
const csi = /\u001b\[[0-?]*[ -/]*[@-~]/g

/**
 * The text without its ANSI CSI sequences (colors, styles, cursor movements): what a pipe or `NO_COLOR` gets of
 * styled help.
 *
 * @example
 * ```ts
 * import { Text } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Text.stripAnsi("\u001b[1mUSAGE\u001b[0m"), "USAGE")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const stripAnsi = (text: string): string => text.replace(csi, "")
