/**
 * The emulators' page tokens (`nextToken`), the same in both editions: `payload.base64url(HMAC-SHA256(secret,
 * payload))`, whose payload holds the keyset position of the last job returned, a digest of the
 * `solutionVersionArn` filter and the issue time, so that a token cannot be moved to another request, edited, or
 * used after its time to live. Uses `node:crypto`.
 *
 * @since 0.1.0
 */
import * as Crypto from "node:crypto"
import type { Position } from "./JobStore.js"
import * as Failure from "./ServiceFailure.js"
import type { Result } from "./ServiceFailure.js"

/**
 * Encodes and decodes the page tokens of one emulator (one secret, one time to live).
 *
 * @example
 * ```ts
 * import { PageToken } from "@effect-personalize/protocol"
 *
 * const codec: PageToken.Codec = PageToken.make(Buffer.from("secret"), 60_000)
 * const token = codec.encode({ created: 1, arn: "arn:aws:personalize:us-east-1:1:batch-segment-job/a" }, undefined, 0)
 * assert.strictEqual(codec.decode(token, undefined, 1000)._tag, "Right")
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Codec {
  /** The token of the page after `position`, for a listing with this filter, issued at `issuedAt` (epoch ms). */
  readonly encode: (position: Position, filter: string | undefined, issuedAt: number) => string
  /** The position a token holds, or the `InvalidNextTokenException` that refuses it at `now` (epoch ms). */
  readonly decode: (token: string, filter: string | undefined, now: number) => Result<Position>
}

const version = 1

const digest = (filter: string | undefined): string =>
  filter === undefined ? "-" : Crypto.createHash("sha256").update(filter).digest("base64url").slice(0, 22)

// The payload: a JSON array (short: tokens have at most 1500 characters), in base64url without padding.
const readPayload = (
  payload: string
):
  | { readonly created: number; readonly arn: string; readonly filter: string; readonly issuedAt: number }
  | undefined =>
{
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"))
  } catch {
    return undefined
  }
  if (!Array.isArray(json) || json.length !== 5) return undefined
  const [v, created, arn, filter, issuedAt] = json as ReadonlyArray<unknown>
  return v === version && typeof created === "number" && Number.isFinite(created) && typeof arn === "string" &&
      typeof filter === "string" && typeof issuedAt === "number" && Number.isFinite(issuedAt)
    ? { created, arn, filter, issuedAt }
    : undefined
}

/**
 * The codec of tokens signed with `secret`, valid for `ttlMillis` after they were issued.
 *
 * @example
 * ```ts
 * import { PageToken } from "@effect-personalize/protocol"
 *
 * const codec = PageToken.make(Buffer.from("secret"), 60_000)
 * const token = codec.encode({ created: 1, arn: "arn:aws:personalize:us-east-1:1:batch-segment-job/a" }, undefined, 0)
 * const late = codec.decode(token, undefined, 120_000)
 * assert.strictEqual(late._tag === "Left" && late.failure.code, "InvalidNextTokenException")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (secret: Uint8Array, ttlMillis: number): Codec => {
  const sign = (payload: string) => Crypto.createHmac("sha256", secret).update(payload).digest("base64url")
  const invalid = Failure.left<Position>(
    Failure.invalidNextToken("The nextToken is not valid: it was not issued by this service or it has been modified.")
  )
  return {
    encode: (position, filter, issuedAt) => {
      const payload = Buffer.from(JSON.stringify([version, position.created, position.arn, digest(filter), issuedAt]))
        .toString("base64url")
      return `${payload}.${sign(payload)}`
    },
    decode: (token, filter, now) => {
      const dot = token.indexOf(".")
      if (dot <= 0) return invalid
      const payload = token.slice(0, dot)
      // Compared as text: base64url decoding would accept other spellings of the same bytes.
      const signature = Buffer.from(token.slice(dot + 1))
      const expected = Buffer.from(sign(payload))
      if (signature.length !== expected.length || !Crypto.timingSafeEqual(signature, expected)) return invalid
      const decoded = readPayload(payload)
      if (decoded === undefined) return invalid
      if (decoded.filter !== digest(filter)) {
        return Failure.left(
          Failure.invalidNextToken(
            "The nextToken is not valid for this request: it was issued for a different solutionVersionArn."
          )
        )
      }
      if (now - decoded.issuedAt > ttlMillis) {
        return Failure.left(
          Failure.invalidNextToken(
            `The nextToken has expired: it was issued more than ${Math.round(ttlMillis / 1000)} seconds ago.`
          )
        )
      }
      return Failure.right({ created: decoded.created, arn: decoded.arn })
    }
  }
}
