import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import * as Schema from "effect/Schema"
import type { InvalidInputException } from "../PersonalizeError.js"
import type { State } from "../Watch.js"
import { validate } from "./operation.js"

/** @internal */
export const emptyState: State = { jobs: HashMap.empty() }

// The format of a saved state, the same in both editions (a state saved by one is read by the other): one JSON
// object, `version` first, the filter when the feed has one, then each job as `[arn, lastUpdated, status]`.
const StateJson = Schema.fromJsonString(Schema.Struct({
  version: Schema.Literal(1),
  solutionVersionArn: Schema.optional(Schema.NullOr(Schema.String)),
  jobs: Schema.Array(Schema.Tuple([Schema.String, Schema.NullOr(Schema.Number), Schema.NullOr(Schema.String)]))
}))

/** @internal */
export const encodeState = (state: State): string =>
  Schema.encodeSync(StateJson)({
    version: 1,
    ...(state.solutionVersionArn === undefined ? {} : { solutionVersionArn: state.solutionVersionArn }),
    jobs: Array.from(HashMap.entries(state.jobs), ([arn, v]) => [arn, v.lastUpdated ?? null, v.status ?? null] as const)
  })

/** @internal */
export const decodeState = (text: string): Effect.Effect<State, InvalidInputException> =>
  validate(StateJson, text, "the saved state", "state").pipe(
    Effect.map((decoded): State => ({
      solutionVersionArn: decoded.solutionVersionArn,
      jobs: HashMap.fromIterable(
        decoded.jobs.map(([arn, lastUpdated, status]) =>
          [arn, { lastUpdated: lastUpdated ?? undefined, status: status ?? undefined }] as const
        )
      )
    }))
  )
