/**
 * Resume tokens: a position inside a listing, after any job, that a later listing continues from exactly.
 *
 * A service `nextToken` only marks page boundaries; a resume token is the service token of a page plus how many
 * jobs of that page were already processed (botocore's `{nextToken, skip}`), bound to the request's
 * `solutionVersionArn` and protected by a checksum, encoded opaquely as `epr1.<payload>.<checksum>`.
 * Pass it as the `startingToken` option of `ListBatchSegmentJobs.pages` / `stream` / `collect`.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as internal from "./internal/resumeToken.js"
import type { InvalidNextTokenException } from "./PersonalizeError.js"

/**
 * A place in a listing: the token of a page, and how many of its jobs are already processed.
 *
 * @example
 * ```ts
 * import { ResumeToken } from "@effect-personalize/core"
 *
 * // after the third job of the page that "page-2-token" fetches, in a listing of every job
 * const position: ResumeToken.Position = { nextToken: "page-2-token", skip: 3, solutionVersionArn: undefined }
 * const token = ResumeToken.encode(position)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Position {
  /** The service token that fetches the page, absent for the first page. */
  readonly nextToken: string | undefined
  /** How many jobs at the start of that page are already processed. */
  readonly skip: number
  /** The filter of the listing the position belongs to. */
  readonly solutionVersionArn: string | undefined
}

/**
 * Whether a token is a resume token (`epr1.…`) rather than a service `nextToken`.
 *
 * @example
 * ```ts
 * import { ResumeToken } from "@effect-personalize/core"
 *
 * const token = ResumeToken.encode({ nextToken: undefined, skip: 2, solutionVersionArn: undefined })
 * assert.ok(ResumeToken.isResumeToken(token))
 * assert.ok(!ResumeToken.isResumeToken("AAEAAWjvQX4Kp9Yc"))
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const isResumeToken: (token: string) => boolean = internal.isResumeToken

/**
 * The resume token of a position, to pass as `startingToken`.
 *
 * @example
 * ```ts
 * import { ResumeToken } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const position = { nextToken: "page-2-token", skip: 3, solutionVersionArn: undefined }
 * assert.deepStrictEqual(Effect.runSync(ResumeToken.decode(ResumeToken.encode(position), undefined)), position)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const encode: (position: Position) => string = internal.encode

/**
 * Reads a resume token made for a listing with this `solutionVersionArn`. A malformed or tampered token, or one
 * made for another filter, fails with `InvalidNextTokenException` (`origin: "client"`).
 *
 * @example
 * ```ts
 * import { ResumeToken } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const a = "arn:aws:personalize:us-east-1:111122223333:solution/a/1"
 * const b = "arn:aws:personalize:us-east-1:111122223333:solution/b/1"
 * // a token of one solution version does not resume a listing of another
 * const token = ResumeToken.encode({ nextToken: undefined, skip: 1, solutionVersionArn: a })
 * const error = Effect.runSync(Effect.flip(ResumeToken.decode(token, b)))
 * assert.strictEqual(error.origin, "client")
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const decode: (
  token: string,
  solutionVersionArn: string | undefined
) => Effect.Effect<Position, InvalidNextTokenException> = internal.decode
