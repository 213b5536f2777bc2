/**
 * `ListBatchSegmentJobs` as both editions' emulators answer it, on a body already parsed from JSON: the type check,
 * the model's constraints, the page token, then a keyset page of the jobs as they are at a time, encoded for the
 * wire.
 *
 * @since 0.1.0
 */
import * as JobLifecycle from "./JobLifecycle.js"
import type { JobStore, Position } from "./JobStore.js"
import type * as PageToken from "./PageToken.js"
import * as RequestValidation from "./RequestValidation.js"
import * as Failure from "./ServiceFailure.js"
import type { Result } from "./ServiceFailure.js"
import { constraints } from "./ServiceModel.js"
import type * as Wire from "./Wire.js"

/**
 * A page as the emulators send it: the summaries (timestamps as epoch seconds) and, unless it is the last, the token
 * of the next one.
 *
 * @example
 * ```ts
 * import type { ListOperation } from "@effect-personalize/protocol"
 *
 * const last: ListOperation.Page = { batchSegmentJobs: [] }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Page {
  readonly batchSegmentJobs: ReadonlyArray<Wire.BatchSegmentJobSummary>
  readonly nextToken?: string
}

/**
 * A job summary as the wire carries it: the members that are set, in the model's order, timestamps as epoch seconds.
 *
 * @example
 * ```ts
 * import { ListOperation } from "@effect-personalize/protocol"
 *
 * const summary = ListOperation.encodeJob({ batchSegmentJobArn: "arn:aws:personalize:us-east-1:1:batch-segment-job/a", creationDateTime: new Date(1500) })
 * assert.deepStrictEqual(summary, { batchSegmentJobArn: "arn:aws:personalize:us-east-1:1:batch-segment-job/a", creationDateTime: 1.5 })
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const encodeJob = (job: JobLifecycle.Job): Wire.BatchSegmentJobSummary => {
  const out: { -readonly [K in keyof Wire.BatchSegmentJobSummary]: Wire.BatchSegmentJobSummary[K] } = {
    batchSegmentJobArn: job.batchSegmentJobArn
  }
  if (job.jobName !== undefined) out.jobName = job.jobName
  if (job.status !== undefined) out.status = job.status
  out.creationDateTime = job.creationDateTime.getTime() / 1000
  if (job.lastUpdatedDateTime !== undefined) out.lastUpdatedDateTime = job.lastUpdatedDateTime.getTime() / 1000
  if (job.failureReason !== undefined) out.failureReason = job.failureReason
  if (job.solutionVersionArn !== undefined) out.solutionVersionArn = job.solutionVersionArn
  return out
}

/**
 * Answers one request at `now` (epoch milliseconds): the request as checked and its page, or the error the service
 * answers with. A page that is not the last carries a token for the position of its last job; the last page carries
 * none, so no empty page trails a listing.
 *
 * @example
 * ```ts
 * import { JobStore, ListOperation, PageToken } from "@effect-personalize/protocol"
 *
 * const store = new JobStore.JobStore()
 * store.insert({ arn: "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/a", created: 1000 })
 * const result = ListOperation.list({ maxResults: 10 }, store, PageToken.make(Buffer.from("secret"), 60_000), 2000)
 * assert.strictEqual(result._tag === "Right" && result.value.body.batchSegmentJobs.length, 1)
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const list = (
  body: unknown,
  store: JobStore,
  tokens: PageToken.Codec,
  now: number
): Result<{ readonly request: RequestValidation.ListRequest; readonly body: Page }> => {
  const decoded = RequestValidation.decode(body)
  if (decoded._tag === "Left") return decoded
  const validated = RequestValidation.validate(decoded.value)
  if (validated._tag === "Left") return validated
  const request = validated.value
  const filter = request.solutionVersionArn
  let after: Position | undefined = undefined
  if (request.nextToken !== undefined && request.nextToken !== "") {
    const position = tokens.decode(request.nextToken, filter, now)
    if (position._tag === "Left") return position
    after = position.value
  }
  const { jobs, more } = store.page({
    after,
    solutionVersionArn: filter,
    limit: request.maxResults ?? constraints.maxResults.default
  })
  const batchSegmentJobs = jobs.map((job) => encodeJob(JobLifecycle.at(job, now)))
  const last = jobs[jobs.length - 1]
  return Failure.right({
    request,
    body: more
      ? { batchSegmentJobs, nextToken: tokens.encode({ created: last.created, arn: last.arn }, filter, now) }
      : { batchSegmentJobs }
  })
}
