/** @internal */
import * as ListBatchSegmentJobs from "@effect-personalize/core/ListBatchSegmentJobs"
import { InvalidInputException } from "@effect-personalize/core/PersonalizeError"
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

const decodeRequest = Schema.decodeUnknown(ListBatchSegmentJobs.Request, { onExcessProperty: "error" })

/**
 * The request of each solution version, every one checked against the service model before any is sent, with
 * the error the core gives for one (`InvalidInputException`, origin client, the field of the first broken rule):
 * listed side by side, a malformed ARN would otherwise only be found after the others had printed jobs.
 *
 * @internal
 */
export const requests = (
  solutionVersionArns: ReadonlyArray<string>
): Effect.Effect<ReadonlyArray<ListBatchSegmentJobs.Request>, InvalidInputException> =>
  Effect.forEach(solutionVersionArns, (solutionVersionArn) =>
    decodeRequest({ solutionVersionArn }).pipe(
      Effect.mapError((error) => {
        const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
        return new InvalidInputException({
          origin: "client",
          field: issue === undefined || issue.path.length === 0 ? "solutionVersionArn" : issue.path.join("."),
          detail: issue?.message ?? "the request is not valid",
          cause: error
        })
      })
    ))
