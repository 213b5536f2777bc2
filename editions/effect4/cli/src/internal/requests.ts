/** @internal */
import * as ListBatchSegmentJobs from "@effect-personalize/core/ListBatchSegmentJobs"
import { InvalidInputException } from "@effect-personalize/core/PersonalizeError"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

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
  Effect.forEach(solutionVersionArns, (solutionVersionArn) => {
    const result = Schema.decodeUnknownResult(ListBatchSegmentJobs.Request)({ solutionVersionArn }, {
      onExcessProperty: "error"
    })
    if (Result.isSuccess(result)) return Effect.succeed(result.success)
    const issue = formatter(result.failure.issue).issues[0]
    const path = (issue?.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment))
    return Effect.fail(
      new InvalidInputException({
        origin: "client",
        field: path.length === 0 ? "solutionVersionArn" : path.join("."),
        detail: issue?.message ?? "the request is not valid",
        cause: result.failure
      })
    )
  })
