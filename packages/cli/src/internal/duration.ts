// Not marked internal: the tests import it, and stripping would leave them only an empty declaration file.
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Option from "effect/Option"

/** Each short unit as the name `Duration.decode` knows it by. */
const shortUnits: Record<string, string> = { ms: "millis", s: "seconds", m: "minutes", h: "hours" }

/** What the help and the error messages show. */
export const examples = "\"30 seconds\", \"1 minute\", \"1 hour\", \"500 millis\" (or 30s, 1m, 1h, 500ms)"

/**
 * A duration as the command line accepts it: what `Duration.decode` reads (`30 seconds`, `1 minute`, `2 hours`,
 * `500 millis`, `1.5 seconds`, any of nanos, micros, millis, seconds, minutes, hours, days, weeks, singular or
 * plural), or a number with a short unit (`30s`, `500ms`, `2m`, `1h`), which is the same as its long form. It
 * must be positive. Left: why the text is not one, for a person.
 */
export const parse = (text: string): Either.Either<Duration.Duration, string> => {
  const normalized = text.trim().toLowerCase().replace(/\s+/g, " ")
  if (/^-?\d+(?:\.\d+)?$/.test(normalized)) {
    return Either.left(`'${text}' has no unit: write "${normalized} seconds" (or ${normalized}s)`)
  }
  const short = /^(-?\d+(?:\.\d+)?) ?(ms|s|m|h)$/.exec(normalized)
  const input = short === null ? normalized : `${short[1]} ${shortUnits[short[2]!]}`
  return Option.match(Duration.decodeUnknown(input), {
    onNone: () => Either.left(`expected a duration such as ${examples}, got '${text}'`),
    onSome: (duration) =>
      Duration.greaterThan(duration, Duration.zero) && Duration.isFinite(duration)
        ? Either.right(duration)
        : Either.left(`expected a positive duration, got '${text}'`)
  })
}

/** When `--since` starts: a time, or a duration before the command's start. */
export type Since =
  | { readonly _tag: "At"; readonly date: Date }
  | { readonly _tag: "Ago"; readonly duration: Duration.Duration }

const timestamp = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/i

/**
 * `--since`: an ISO 8601 date or time (`2024-03-01`, `2024-03-01T10:00:00Z`, `2024-03-01 10:00`; UTC unless it
 * gives its offset), or a duration (`parse`) back from now (`2h`, `7 days`). Left: why it is neither.
 */
export const parseSince = (text: string): Either.Either<Since, string> => {
  const m = timestamp.exec(text.trim())
  if (m !== null) {
    const date = new Date(`${m[1]}T${m[2] ?? "00:00"}${m[3] === undefined ? "Z" : m[3].toUpperCase()}`)
    return Number.isNaN(date.getTime())
      ? Either.left(`'${text}' is not a valid date`)
      : Either.right({ _tag: "At", date })
  }
  return Either.match(parse(text), {
    onLeft: () =>
      Either.left(
        "expected a time such as 2024-03-01 or 2024-03-01T10:00:00Z (UTC unless it has an offset), or a duration " +
          `back from now such as "2 hours", "7 days" or 30m, got '${text}'`
      ),
    onRight: (duration) => Either.right({ _tag: "Ago", duration })
  })
}
