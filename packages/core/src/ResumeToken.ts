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
 * @since 0.1.0
 * @category utils
 */
export const isResumeToken: (token: string) => boolean = internal.isResumeToken

/**
 * @since 0.1.0
 * @category constructors
 */
export const encode: (position: Position) => string = internal.encode

/**
 * Reads a resume token made for a listing with this `solutionVersionArn`. A malformed or tampered token, or one
 * made for another filter, fails with `InvalidNextTokenException` (`origin: "client"`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const decode: (
  token: string,
  solutionVersionArn: string | undefined
) => Effect.Effect<Position, InvalidNextTokenException> = internal.decode
