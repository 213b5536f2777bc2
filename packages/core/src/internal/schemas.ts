import {
  constraints,
  maxResultsMessage as maxResultsWords,
  wholeNumberMessage
} from "@effect-personalize/protocol/ServiceModel"
import * as Schema from "effect/Schema"
import { Arn, BatchSegmentJobSummary } from "../BatchSegmentJob.js"

const { maxResults, nextTokenMaxLength, pageMaxItems } = constraints

/** @internal */
export const NextToken = Schema.String.pipe(
  Schema.maxLength(nextTokenMaxLength, {
    message: (issue) =>
      `a nextToken has at most ${nextTokenMaxLength} characters, got ${(issue.actual as string).length}`
  }),
  Schema.pattern(/^[\x00-\x7f]*$/, { message: () => "a nextToken contains only ASCII characters" })
).annotations({ identifier: "NextToken" })

const maxResultsMessage = (issue: { readonly actual: unknown }) => maxResultsWords(issue.actual)

/** @internal */
export const MaxResults = Schema.Number.pipe(
  Schema.int({ message: maxResultsMessage }),
  Schema.between(maxResults.min, maxResults.max, { message: maxResultsMessage })
).annotations({ identifier: "MaxResults" })

/** @internal */
export const Request = Schema.Struct({
  solutionVersionArn: Schema.optional(Arn),
  nextToken: Schema.optional(NextToken),
  maxResults: Schema.optional(MaxResults)
}).annotations({ identifier: "ListBatchSegmentJobsRequest" })

/** @internal */
export const Response = Schema.Struct({
  batchSegmentJobs: Schema.optional(
    Schema.Array(BatchSegmentJobSummary).pipe(
      Schema.maxItems(pageMaxItems, { message: () => `a page holds at most ${pageMaxItems} batch segment jobs` })
    )
  ),
  nextToken: Schema.optional(Schema.String.pipe(Schema.maxLength(nextTokenMaxLength)))
}).annotations({ identifier: "ListBatchSegmentJobsResponse" })

const count = (name: string, min: number, max?: number) =>
  Schema.Number.pipe(
    Schema.filter((n) =>
      Number.isSafeInteger(n) && n >= min && (max === undefined || n <= max) || wholeNumberMessage(name, n, min, max)
    )
  )

/** The numeric options of a listing, checked like the request. @internal */
export const StreamOptions = Schema.Struct({
  pageSize: Schema.optional(count("pageSize", maxResults.min, maxResults.max)),
  maxItems: Schema.optional(count("maxItems", 0)),
  prefetch: Schema.optional(count("prefetch", 0, 1000)),
  startingToken: Schema.optional(Schema.String)
})
