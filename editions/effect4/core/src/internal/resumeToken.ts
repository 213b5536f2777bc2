import * as Format from "@effect-personalize/protocol/ResumeToken"
import * as Effect from "effect/Effect"
import { InvalidNextTokenException } from "../PersonalizeError.js"
import type { Position } from "../ResumeToken.js"

/** @internal */
export const isResumeToken = Format.isResumeToken

/** @internal */
export const encode = Format.encode

/** @internal */
export const locate = Format.locate

/** @internal */
export const decode = (
  token: string,
  solutionVersionArn: string | undefined
): Effect.Effect<Position, InvalidNextTokenException> => {
  const result = Format.decode(token, solutionVersionArn)
  return result._tag === "Right"
    ? Effect.succeed(result.value)
    : Effect.fail(new InvalidNextTokenException({ origin: "client", detail: result.detail, action: result.action }))
}
