import * as ServiceModel from "@effect-personalize/protocol/ServiceModel"
import * as Schema from "effect/Schema"
import { Arn, BatchSegmentJobSummary } from "../BatchSegmentJob.js"

const { nextTokenMaxLength, pageMaxItems } = ServiceModel.constraints

/** @internal */
export const NextToken = Schema.String.check(Schema.makeFilter(ServiceModel.nextTokenIssue))

/** @internal */
export const MaxResults = Schema.Number.check(Schema.makeFilter(ServiceModel.maxResultsIssue))

/** @internal */
export const Request = Schema.Struct({
  solutionVersionArn: Schema.optional(Arn),
  nextToken: Schema.optional(NextToken),
  maxResults: Schema.optional(MaxResults)
}).annotate({ identifier: "ListBatchSegmentJobsRequest" })

/** @internal */
export const Response = Schema.Struct({
  batchSegmentJobs: Schema.optional(
    Schema.Array(BatchSegmentJobSummary).check(
      Schema.isMaxLength(pageMaxItems, { message: `a page holds at most ${pageMaxItems} batch segment jobs` })
    )
  ),
  nextToken: Schema.optional(Schema.String.check(Schema.isMaxLength(nextTokenMaxLength)))
}).annotate({ identifier: "ListBatchSegmentJobsResponse" })

const count = (name: string, min: number, max?: number) =>
  Schema.Number.check(
    Schema.makeFilter((n: number) =>
      Number.isSafeInteger(n) && n >= min && (max === undefined || n <= max)
        ? undefined
        : ServiceModel.wholeNumberMessage(name, n, min, max)
    )
  )

/** The numeric options of a listing, checked like the request. @internal */
export const StreamOptions = Schema.Struct({
  pageSize: Schema.optional(
    count("pageSize", ServiceModel.constraints.maxResults.min, ServiceModel.constraints.maxResults.max)
  ),
  maxItems: Schema.optional(count("maxItems", 0)),
  prefetch: Schema.optional(count("prefetch", 0, 1000))
})
