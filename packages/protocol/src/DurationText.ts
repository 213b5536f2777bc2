/**
 * Durations and times as `personalize-jobs` reads them from its command line (`--interval`, `--timeout`,
 * `--since`), without Effect, so that the CLI of both editions accepts and refuses the same text with the same
 * words. A duration is returned in milliseconds; each edition makes its own `Duration` of it.
 *
 * @since 0.1.0
 */

/**
 * What a reading gives: the value, or why the text is not one, for a person.
 *
 * @example
 * ```ts
 * import { DurationText } from "@effect-personalize/protocol"
 *
 * const result: DurationText.Result<number> = DurationText.parse("30s")
 * const millis = result._tag === "Right" ? result.value : undefined
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Result<A> =
  | { readonly _tag: "Right"; readonly value: A }
  | { readonly _tag: "Left"; readonly detail: string }

const right = <A>(value: A): Result<A> => ({ _tag: "Right", value })
const left = <A = never>(detail: string): Result<A> => ({ _tag: "Left", detail })

/**
 * What the help and the error messages show.
 *
 * @example
 * ```ts
 * import { DurationText } from "@effect-personalize/protocol"
 *
 * const help = `Time between polls, e.g. ${DurationText.examples}.`
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const examples = "\"30 seconds\", \"1 minute\", \"1 hour\", \"500 millis\" (or 30s, 1m, 1h, 500ms)"

/** Each short unit as its long name. */
const shortUnits: Record<string, string> = { ms: "millis", s: "seconds", m: "minutes", h: "hours" }

/** The milliseconds of each unit, singular or plural, as Effect's `Duration.decode` names them. */
const unitMillis: Record<string, number> = {
  nano: 1e-6,
  micro: 1e-3,
  milli: 1,
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000
}

// The grammar of Effect's `Duration.decode` for strings (the same in Effect 3 and 4): a number, spaces, a unit.
const long = /^(-?\d+(?:\.\d+)?)\s+(nanos?|micros?|millis?|seconds?|minutes?|hours?|days?|weeks?)$/

/**
 * A duration as the command line accepts it, in milliseconds: what Effect's `Duration.decode` reads (`30 seconds`,
 * `1 minute`, `2 hours`, `500 millis`, `1.5 seconds`, any of nanos, micros, millis, seconds, minutes, hours, days,
 * weeks, singular or plural), or a number with a short unit (`30s`, `500ms`, `2m`, `1h`), which is the same as its
 * long form. It must be positive.
 *
 * @example
 * ```ts
 * import { DurationText } from "@effect-personalize/protocol"
 *
 * assert.deepStrictEqual(DurationText.parse("1m"), { _tag: "Right", value: 60_000 })
 * assert.strictEqual(DurationText.parse("30")._tag, "Left")
 * ```
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (text: string): Result<number> => {
  const normalized = text.trim().toLowerCase().replace(/\s+/g, " ")
  if (/^-?\d+(?:\.\d+)?$/.test(normalized)) {
    return left(`'${text}' has no unit: write "${normalized} seconds" (or ${normalized}s)`)
  }
  const short = /^(-?\d+(?:\.\d+)?) ?(ms|s|m|h)$/.exec(normalized)
  const input = short === null ? normalized : `${short[1]} ${shortUnits[short[2]!]}`
  const m = long.exec(input)
  if (m === null) return left(`expected a duration such as ${examples}, got '${text}'`)
  const unit = m[2]!.replace(/s$/, "")
  // Effect counts nanos and micros in whole nanoseconds (a fraction is rounded): `0.001 nanos` is no time at all
  const millis = unit === "nano" || unit === "micro"
    ? Math.round(Number(m[1]) * unitMillis[unit]! * 1e6) / 1e6
    : Number(m[1]) * unitMillis[unit]!
  return millis > 0 && Number.isFinite(millis) ? right(millis) : left(`expected a positive duration, got '${text}'`)
}

/**
 * When `--since` starts: a time, or a duration (in milliseconds) before the command's start.
 *
 * @example
 * ```ts
 * import type { DurationText } from "@effect-personalize/protocol"
 *
 * const start = (since: DurationText.Since, now: number): number =>
 *   since._tag === "At" ? since.date.getTime() : now - since.millis
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Since =
  | { readonly _tag: "At"; readonly date: Date }
  | { readonly _tag: "Ago"; readonly millis: number }

const timestamp = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/i

/**
 * `--since`: an ISO 8601 date or time (`2024-03-01`, `2024-03-01T10:00:00Z`, `2024-03-01 10:00`; UTC unless it
 * gives its offset), or a duration (`parse`) back from now (`2h`, `7 days`).
 *
 * @example
 * ```ts
 * import { DurationText } from "@effect-personalize/protocol"
 *
 * assert.deepStrictEqual(DurationText.parseSince("2h"), { _tag: "Right", value: { _tag: "Ago", millis: 7_200_000 } })
 * ```
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseSince = (text: string): Result<Since> => {
  const m = timestamp.exec(text.trim())
  if (m !== null) {
    const date = new Date(`${m[1]}T${m[2] ?? "00:00"}${m[3] === undefined ? "Z" : m[3].toUpperCase()}`)
    return Number.isNaN(date.getTime()) ? left(`'${text}' is not a valid date`) : right({ _tag: "At", date })
  }
  const duration = parse(text)
  return duration._tag === "Left"
    ? left(
      "expected a time such as 2024-03-01 or 2024-03-01T10:00:00Z (UTC unless it has an offset), or a duration " +
        `back from now such as "2 hours", "7 days" or 30m, got '${text}'`
    )
    : right({ _tag: "Ago", millis: duration.value })
}
