import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import { InvalidNextTokenException } from "../PersonalizeError.js"
import type { Position } from "../ResumeToken.js"

const prefix = "epr1."

/** @internal */
export const fnv1a = (input: string): string => {
  let hash = 0x811c9dc5
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, "0")
}

const filterHash = (solutionVersionArn: string | undefined): string =>
  solutionVersionArn === undefined ? "*" : fnv1a(solutionVersionArn)

/** @internal */
export const isResumeToken = (token: string): boolean => token.startsWith(prefix)

/** @internal */
export const encode = (position: Position): string => {
  const payload = Encoding.encodeBase64Url(JSON.stringify({
    t: position.nextToken ?? null,
    s: position.skip,
    f: filterHash(position.solutionVersionArn)
  }))
  return `${prefix}${payload}.${fnv1a(payload)}`
}

const invalid = (detail: string) => Effect.fail(new InvalidNextTokenException({ origin: "client", detail }))

/** @internal */
export const decode = (
  token: string,
  solutionVersionArn: string | undefined
): Effect.Effect<Position, InvalidNextTokenException> => {
  if (!isResumeToken(token)) return invalid(`it does not start with "${prefix}"`)
  const parts = token.slice(prefix.length).split(".")
  if (parts.length !== 2) return invalid("it is not made of a payload and a checksum")
  const [payload, checksum] = parts as [string, string]
  if (fnv1a(payload) !== checksum) return invalid("its checksum does not match (the token was changed or cut)")
  const json = Encoding.decodeBase64UrlString(payload)
  if (Either.isLeft(json)) return invalid("its payload is not base64url")
  let value: unknown
  try {
    value = JSON.parse(json.right)
  } catch {
    return invalid("its payload is not JSON")
  }
  if (typeof value !== "object" || value === null) return invalid("its payload is not an object")
  const { f, s, t } = value as Record<string, unknown>
  if (!(t === null || (typeof t === "string" && t.length > 0))) return invalid("its service token is not a string")
  if (typeof s !== "number" || !Number.isSafeInteger(s) || s < 0) return invalid("its position is not a count")
  if (typeof f !== "string") return invalid("its filter is missing")
  if (f !== filterHash(solutionVersionArn)) {
    return invalid(
      `it was made for a listing with another solutionVersionArn than ${
        solutionVersionArn === undefined ? "none" : solutionVersionArn
      }`
    )
  }
  return Effect.succeed({ nextToken: t ?? undefined, skip: s, solutionVersionArn })
}
