/**
 * Resume tokens: a position inside a listing, after any job, that a later listing continues from.
 *
 * A service `nextToken` only marks page boundaries; a resume token is the service token of the page being read
 * plus the last job processed on it (its ARN and creation time), bound to the request's `solutionVersionArn` and
 * protected by a checksum, encoded opaquely as `epr2.<payload>.<checksum>`. Pass it as the `startingToken` option
 * of `ListBatchSegmentJobs.pages` / `stream` / `collect`.
 *
 * What a resumed listing guarantees: no job is emitted twice, and every job that was there when the listing began
 * and is still there comes once. Jobs created since may or may not appear, as with the service's own tokens (the
 * listing is newest first: they come before the position, and only a new listing sees them all). If the last job
 * processed was deleted since, the listing resumes with the first job created before it; jobs created in the same
 * millisecond as that deleted job are then skipped, as they cannot be placed before or after it.
 *
 * Tokens of the first format (`epr1.`, which counted jobs into a page) are read at a page boundary; inside a page
 * they are refused with `InvalidNextTokenException`, since jobs created since would shift the count.
 *
 * The format is `@effect-personalize/protocol`'s `ResumeToken`, shared with the Effect 3 edition: a token made by
 * either edition resumes a listing of the other.
 *
 * @since 1.0.0
 */
import type * as Format from "@effect-personalize/protocol/ResumeToken"
import type * as Effect from "effect/Effect"
import * as internal from "./internal/resumeToken.js"
import type { InvalidNextTokenException } from "./PersonalizeError.js"

/**
 * Where on its page a position stands: right after a job, found again by its ARN (`Job`), or after a count of jobs
 * from the page's start (`Count`: only for a job the service sent without an ARN, which it does not do).
 *
 * @example
 * ```ts
 * import type { ResumeToken } from "@effect-personalize/core"
 *
 * const after: ResumeToken.After = {
 *   _tag: "Job",
 *   batchSegmentJobArn: "arn:aws:personalize:us-east-1:111122223333:batch-segment-job/spring-launch",
 *   creationDateTime: new Date("2026-03-01T10:00:00Z")
 * }
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type After = Format.After

/**
 * A place in a listing: the token of a page, and the last job of it already processed.
 *
 * @example
 * ```ts
 * import { ResumeToken } from "@effect-personalize/core"
 *
 * // after the job "spring-launch" of the page that "page-2-token" fetches, in a listing of every job
 * const position: ResumeToken.Position = {
 *   nextToken: "page-2-token",
 *   after: {
 *     _tag: "Job",
 *     batchSegmentJobArn: "arn:aws:personalize:us-east-1:111122223333:batch-segment-job/spring-launch",
 *     creationDateTime: new Date("2026-03-01T10:00:00Z")
 *   },
 *   solutionVersionArn: undefined
 * }
 * const token = ResumeToken.encode(position)
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type Position = Format.Position

/**
 * Whether a token is a resume token (`epr2.…`, or `epr1.…` of the first format) rather than a service `nextToken`.
 *
 * @example
 * ```ts
 * import { ResumeToken } from "@effect-personalize/core"
 *
 * const token = ResumeToken.encode({ nextToken: "page-2-token", after: undefined, solutionVersionArn: undefined })
 * assert.ok(ResumeToken.isResumeToken(token))
 * assert.ok(!ResumeToken.isResumeToken("AAEAAWjvQX4Kp9Yc"))
 * ```
 *
 * @since 1.0.0
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
 * const position: ResumeToken.Position = {
 *   nextToken: "page-2-token",
 *   after: { _tag: "Job", batchSegmentJobArn: "arn:aws:personalize:us-east-1:111122223333:batch-segment-job/a", creationDateTime: undefined },
 *   solutionVersionArn: undefined
 * }
 * assert.deepStrictEqual(Effect.runSync(ResumeToken.decode(ResumeToken.encode(position), undefined)), position)
 * ```
 *
 * @since 1.0.0
 * @category constructors
 */
export const encode: (position: Position) => string = internal.encode

/**
 * Reads a resume token made for a listing with this `solutionVersionArn`. A malformed or tampered token, one made
 * for another filter, or an `epr1.` token inside a page, fails with `InvalidNextTokenException` (`origin: "client"`).
 *
 * @example
 * ```ts
 * import { ResumeToken } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const a = "arn:aws:personalize:us-east-1:111122223333:solution/a/1"
 * const b = "arn:aws:personalize:us-east-1:111122223333:solution/b/1"
 * // a token of one solution version does not resume a listing of another
 * const token = ResumeToken.encode({ nextToken: "page-2-token", after: undefined, solutionVersionArn: a })
 * const error = Effect.runSync(Effect.flip(ResumeToken.decode(token, b)))
 * assert.strictEqual(error.origin, "client")
 * ```
 *
 * @since 1.0.0
 * @category constructors
 */
export const decode: (
  token: string,
  solutionVersionArn: string | undefined
) => Effect.Effect<Position, InvalidNextTokenException> = internal.decode
