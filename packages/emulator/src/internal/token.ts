import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Crypto from "node:crypto"
import type * as Api from "../PersonalizeEmulator.js"
import * as Failure from "./failure.js"
import type { Position } from "./store.js"

/** @internal */
export interface TokenCodec {
  readonly encode: (position: Position, filter: string | undefined, issuedAt: number) => string
  readonly decode: (
    token: string,
    filter: string | undefined,
    now: number
  ) => Either.Either<Position, Api.ServiceFailure>
}

const version = 1

// What a token carries: the keyset position, a digest of the `solutionVersionArn` filter, the issue time. On the
// wire it is a JSON array (short: tokens have at most 1500 characters), in base64url.
const Payload = Schema.transform(
  Schema.Tuple(Schema.Literal(version), Schema.Finite, Schema.String, Schema.String, Schema.Finite),
  Schema.Struct({ created: Schema.Finite, arn: Schema.String, filter: Schema.String, issuedAt: Schema.Finite }),
  {
    strict: true,
    decode: ([, created, arn, filter, issuedAt]) => ({ created, arn, filter, issuedAt }),
    encode: ({ arn, created, filter, issuedAt }) => [version, created, arn, filter, issuedAt] as const
  }
)

const PayloadText = Schema.compose(Schema.StringFromBase64Url, Schema.parseJson(Payload))
const encodePayload = Schema.encodeSync(PayloadText)
const decodePayload = Schema.decodeUnknownEither(PayloadText)

const digest = (filter: string | undefined): string =>
  filter === undefined ? "-" : Crypto.createHash("sha256").update(filter).digest("base64url").slice(0, 22)

/**
 * Page tokens: `payload.base64url(HMAC-SHA256(secret, payload))`. The payload holds the keyset position, a
 * digest of the `solutionVersionArn` filter and the issue time, so a token cannot be moved to another request,
 * edited, or used after `ttlMillis`.
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
      const payload = encodePayload({ created: position.created, arn: position.arn, filter: digest(filter), issuedAt })
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
      const decoded = decodePayload(payload)
      if (Either.isLeft(decoded)) return Either.left(invalid)
      const { arn, created, issuedAt } = decoded.right
      if (decoded.right.filter !== digest(filter)) {
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
