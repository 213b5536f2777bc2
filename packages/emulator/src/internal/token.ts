import * as Either from "effect/Either"
import * as Crypto from "node:crypto"
import * as Failure from "./failure.js"

/**
 * Where a listing stands: the last job returned, by its sort key (creation time, then ARN).
 *
 * @internal
 */
export interface Position {
  readonly created: number
  readonly arn: string
}

/** @internal */
export interface TokenCodec {
  readonly encode: (position: Position, filter: string | undefined, issuedAt: number) => string
  readonly decode: (
    token: string,
    filter: string | undefined,
    now: number
  ) => Either.Either<Position, Failure.ServiceFailure>
}

const version = 1

const digest = (filter: string | undefined): string =>
  filter === undefined ? "-" : Crypto.createHash("sha256").update(filter).digest("base64url").slice(0, 22)

/**
 * Page tokens: `base64url(payload).base64url(HMAC-SHA256(secret, payload))`. The payload holds the keyset
 * position, a digest of the `solutionVersionArn` filter and the issue time, so a token cannot be moved to
 * another request, edited, or used after `ttlMillis`.
 *
 * @internal
 */
export const make = (secret: Uint8Array, ttlMillis: number): TokenCodec => {
  const sign = (payload: string) => Crypto.createHmac("sha256", secret).update(payload).digest("base64url")
  const invalid = Failure.invalidNextToken(
    "The nextToken is not valid: it was not issued by this service or it has been modified."
  )
  return {
    encode: (position, filter, issuedAt) => {
      const payload = Buffer.from(JSON.stringify([version, position.created, position.arn, digest(filter), issuedAt]))
        .toString("base64url")
      return `${payload}.${sign(payload)}`
    },
    decode: (token, filter, now) => {
      const dot = token.indexOf(".")
      if (dot <= 0) return Either.left(invalid)
      const payload = token.slice(0, dot)
      // Compared as text: base64url decoding would accept other spellings of the same bytes.
      const signature = Buffer.from(token.slice(dot + 1))
      const expected = Buffer.from(sign(payload))
      if (signature.length !== expected.length || !Crypto.timingSafeEqual(signature, expected)) {
        return Either.left(invalid)
      }
      let fields: unknown
      try {
        fields = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"))
      } catch {
        return Either.left(invalid)
      }
      if (
        !Array.isArray(fields) || fields.length !== 5 || fields[0] !== version || typeof fields[1] !== "number" ||
        typeof fields[2] !== "string" || typeof fields[3] !== "string" || typeof fields[4] !== "number"
      ) {
        return Either.left(invalid)
      }
      const [, created, arn, filterDigest, issuedAt] = fields as [number, number, string, string, number]
      if (filterDigest !== digest(filter)) {
        return Either.left(
          Failure.invalidNextToken(
            "The nextToken is not valid for this request: it was issued for a different solutionVersionArn."
          )
        )
      }
      if (now - issuedAt > ttlMillis) {
        return Either.left(
          Failure.invalidNextToken(
            `The nextToken has expired: it was issued more than ${Math.round(ttlMillis / 1000)} seconds ago.`
          )
        )
      }
      return Either.right({ created, arn })
    }
  }
}
