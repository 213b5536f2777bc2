import * as Effect from "effect/Effect"
import { InvalidNextTokenException } from "../PersonalizeError.js"
import type { Position } from "../ResumeToken.js"
import * as format from "./resumeTokenFormat.js"

/** @internal */
export const isResumeToken = format.isResumeToken

/** @internal */
export const encode = format.encode

/** @internal */
export const decode = (
  token: string,
  solutionVersionArn: string | undefined
): Effect.Effect<Position, InvalidNextTokenException> => {
  const result = format.decode(token, solutionVersionArn)
  return result._tag === "Right"
    ? Effect.succeed(result.value)
    : Effect.fail(new InvalidNextTokenException({ origin: "client", detail: result.detail, action: result.action }))
}
