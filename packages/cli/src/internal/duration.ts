// Not marked internal: the tests import it, and stripping would leave them only an empty declaration file.
import * as DurationText from "@effect-personalize/protocol/DurationText"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"

/** What the help and the error messages show. */
export const examples = DurationText.examples

/**
 * A duration as the command line accepts it (see the protocol's `DurationText.parse`: what `Duration.decode`
 * reads, or a number with a short unit, positive). Left: why the text is not one, for a person.
 */
export const parse = (text: string): Either.Either<Duration.Duration, string> => {
  const result = DurationText.parse(text)
  return result._tag === "Left" ? Either.left(result.detail) : Either.right(Duration.millis(result.value))
}

/** When `--since` starts: a time, or a duration before the command's start. */
export type Since =
  | { readonly _tag: "At"; readonly date: Date }
  | { readonly _tag: "Ago"; readonly duration: Duration.Duration }

/**
 * `--since`: an ISO 8601 date or time, or a duration back from now (see the protocol's `DurationText.parseSince`).
 * Left: why it is neither.
 */
export const parseSince = (text: string): Either.Either<Since, string> => {
  const result = DurationText.parseSince(text)
  if (result._tag === "Left") return Either.left(result.detail)
  const since = result.value
  return Either.right(
    since._tag === "At" ? since : { _tag: "Ago", duration: Duration.millis(since.millis) }
  )
}
