import { constraints } from "@effect-personalize/core/ServiceModel"
import * as Either from "effect/Either"
import type * as Api from "../PersonalizeEmulator.js"
import * as Lifecycle from "./lifecycle.js"
import type { JobStore } from "./store.js"
import type { TokenCodec } from "./token.js"
import * as Validation from "./validation.js"
import * as Wire from "./wire.js"

/**
 * `ListBatchSegmentJobs` itself, on a body already parsed from JSON: type check, constraints, token, then a
 * keyset page of the jobs as they are at `now`, encoded for the wire. A page that is not the last carries a
 * token for the position of its last job; the last page carries none, so no empty page trails a listing.
 *
 * @internal
 */
export const list = (
  body: unknown,
  store: JobStore,
  tokens: TokenCodec,
  now: number
): Either.Either<
  { readonly request: Validation.ListRequest; readonly body: typeof Wire.Output.Encoded },
  Api.ServiceFailure
> =>
  Validation.decode(body).pipe(
    Either.flatMap(Validation.validate),
    Either.flatMap((request) => {
      const filter = request.solutionVersionArn
      const after = request.nextToken === undefined || request.nextToken === ""
        ? Either.right(undefined)
        : tokens.decode(request.nextToken, filter, now)
      return Either.map(after, (after) => {
        const { jobs, more } = store.page({
          after,
          solutionVersionArn: filter,
          limit: request.maxResults ?? constraints.maxResults.default
        })
        const batchSegmentJobs = jobs.map((job) => Lifecycle.at(job, now))
        const last = jobs[jobs.length - 1]
        return {
          request,
          body: Wire.encodeOutput(
            more
              ? { batchSegmentJobs, nextToken: tokens.encode({ created: last.created, arn: last.arn }, filter, now) }
              : { batchSegmentJobs }
          )
        }
      })
    })
  )
