/**
 * `ListBatchSegmentJobs`: one page as an `Effect`, every page or every job as a lazy `Stream`.
 *
 * The request is validated against the service model before any I/O; the response is decoded against it.
 * Each page call goes through the client's stack of port combinators (see `PersonalizeClient`): its timeout, its
 * instrumentation, the shared rate limiter and its retries, never the whole listing, so a job is never emitted
 * twice.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { Stream } from "effect"
 *
 * // the failed jobs of one solution version, 50 per request
 * const failed = ListBatchSegmentJobs.stream(
 *   { solutionVersionArn: "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c" },
 *   { pageSize: 50 }
 * ).pipe(
 *   Stream.filter((job) => job.status === "CREATE FAILED"),
 *   Stream.runCollect
 * )
 * ```
 *
 * @since 1.0.0
 */
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import type { BatchSegmentJobSummary } from "./BatchSegmentJob.js"
import * as operation from "./internal/operation.js"
import * as pagination from "./internal/pagination.js"
import * as schemas from "./internal/schemas.js"
import * as watchInternal from "./internal/watch.js"
import type { PersonalizeClient } from "./PersonalizeClient.js"
import type { InvalidInputException, InvalidNextTokenException, PersonalizeError } from "./PersonalizeError.js"
import type { Position } from "./ResumeToken.js"
import type * as Retry from "./Retry.js"
import type * as Watch from "./Watch.js"

/**
 * The request, in the AWS SDK's own input shape so that code moves over unchanged. Every member is optional;
 * without `solutionVersionArn` the service lists every batch segment job of the account and region.
 *
 * @example
 * ```ts
 * import type { ListBatchSegmentJobs } from "@effect-personalize/core"
 *
 * const request: ListBatchSegmentJobs.Request = {
 *   solutionVersionArn: "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c",
 *   maxResults: 50
 * }
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface Request {
  readonly solutionVersionArn?: string | undefined
  readonly nextToken?: string | undefined
  readonly maxResults?: number | undefined
}

/**
 * The request with every constraint of the service model: `solutionVersionArn` an ARN (at most 256
 * characters, `arn:([a-z\d-]+):personalize:.*:.*:.+`), `nextToken` at most 1500 ASCII characters, `maxResults` a
 * whole number from 1 to 100.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { Schema } from "effect"
 *
 * const isValid = Schema.is(ListBatchSegmentJobs.Request)
 * assert.ok(isValid({ maxResults: 100 }))
 * assert.ok(!isValid({ maxResults: 101 }))
 * ```
 *
 * @since 1.0.0
 * @category schemas
 */
export const Request: Schema.Codec<Request, Request> = schemas.Request

/**
 * The response as the service model describes it (wire shape: epoch seconds or `Date` timestamps).
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { Schema } from "effect"
 *
 * const response = Schema.decodeUnknownSync(ListBatchSegmentJobs.Response)({
 *   batchSegmentJobs: [{ jobName: "spring-launch", status: "ACTIVE", creationDateTime: 1700000000 }],
 *   nextToken: "page-2"
 * })
 * assert.strictEqual(response.batchSegmentJobs?.[0].creationDateTime?.toISOString(), "2023-11-14T22:13:20.000Z")
 * ```
 *
 * @since 1.0.0
 * @category schemas
 */
export const Response = schemas.Response

/**
 * One decoded page.
 *
 * @example
 * ```ts
 * import type { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { Option } from "effect"
 *
 * const describe = (page: ListBatchSegmentJobs.Page): string =>
 *   `${page.batchSegmentJobs.length} job(s)${Option.isSome(page.nextToken) ? ", more to come" : ""}`
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface Page {
  readonly batchSegmentJobs: ReadonlyArray<BatchSegmentJobSummary>
  /** The token of the next page; an absent or empty token is `None`. */
  readonly nextToken: Option.Option<string>
  readonly requestId: Option.Option<string>
  /** Where the page starts in its listing: the token that fetched it, and the job it was to continue after. */
  readonly position: Position
  /** How many jobs at the start of the page, as the service sent it, were left out as already processed. */
  readonly skipped: number
  /** Whether `maxItems` ended the listing inside this page (jobs of it were left out). */
  readonly truncated: boolean
}

/**
 * Every error a `ListBatchSegmentJobs` call can fail with.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const explain = (error: ListBatchSegmentJobs.Error): string =>
 *   error._tag === "ThrottlingException" ? "too many requests, try again later" : error.message
 *
 * const program = ListBatchSegmentJobs.list({}).pipe(Effect.tapError((error) => Effect.logError(explain(error))))
 * ```
 *
 * @since 1.0.0
 * @category errors
 */
export type Error = PersonalizeError

/**
 * How long one attempt waits for its response when the call's `timeout` option does not say: 30 seconds.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { Duration } from "effect"
 *
 * assert.strictEqual(Duration.toSeconds(ListBatchSegmentJobs.defaultTimeout), 30)
 * ```
 *
 * @since 1.0.0
 * @category constants
 */
export const defaultTimeout: Duration.Duration = operation.defaultTimeout

/**
 * The options of one call: its retry policy and how long each attempt may wait.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Retry } from "@effect-personalize/core"
 *
 * const options: ListBatchSegmentJobs.ListOptions = { retry: Retry.none, timeout: "5 seconds" }
 * const page = ListBatchSegmentJobs.list({ maxResults: 10 }, options)
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface ListOptions {
  /** The retry policy of this call; by default the one of `Retry.CurrentPolicy`. */
  readonly retry?: Retry.Policy | undefined
  /** How long one attempt may wait for its response (default 30 seconds); then `TransportError` "Timeout". */
  readonly timeout?: Duration.Input | undefined
}

/**
 * The options of a listing: those of one call, and how it is paged, cut, resumed and read ahead.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 *
 * // at most 500 jobs, 100 a page, the next page fetched while this one is processed
 * const options: ListBatchSegmentJobs.StreamOptions = { pageSize: 100, maxItems: 500, prefetch: 1 }
 * const jobs = ListBatchSegmentJobs.stream({}, options)
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface StreamOptions extends ListOptions {
  /** Sent as `maxResults` (1..100) unless the request has its own `maxResults`, which wins, as in the AWS SDK. */
  readonly pageSize?: number | undefined
  /** Stop after this many jobs, cutting a page if needed; no page is requested beyond them. */
  readonly maxItems?: number | undefined
  /** A service `nextToken` or a resume token (see `ResumeToken`) to continue from. */
  readonly startingToken?: string | undefined
  /** How many pages may be fetched ahead of the consumer (in flight or buffered). Default 0: fully lazy. */
  readonly prefetch?: number | undefined
}

/**
 * A job with the token that resumes a listing right after it.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { Stream } from "effect"
 *
 * const names = (item: ListBatchSegmentJobs.WithResumeToken) => `${item.job.jobName} (resume: ${item.resumeToken})`
 * const lines = ListBatchSegmentJobs.streamWithResumeToken({}).pipe(Stream.map(names))
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface WithResumeToken {
  readonly job: BatchSegmentJobSummary
  /** Computed on demand: pass it as `startingToken` to continue exactly after this job. */
  readonly resumeToken: string
}

/**
 * What `collect` gives: the jobs, and a resume token when `maxItems` cut the listing.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, PersonalizeClient } from "@effect-personalize/core"
 * import { Effect, Option } from "effect"
 *
 * const TwoJobs = PersonalizeClient.layerTest(() =>
 *   Effect.succeed({ body: { batchSegmentJobs: [{ jobName: "first" }, { jobName: "second" }] } })
 * )
 *
 * Effect.runPromise(ListBatchSegmentJobs.collect({}, { maxItems: 1 }).pipe(Effect.provide(TwoJobs))).then(
 *   (collected: ListBatchSegmentJobs.Collected) => {
 *     assert.strictEqual(collected.jobs.length, 1)
 *     assert.ok(Option.isSome(collected.resumeToken))
 *   }
 * )
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface Collected {
  readonly jobs: ReadonlyArray<BatchSegmentJobSummary>
  /** Present when `maxItems` cut the listing and more jobs may follow. */
  readonly resumeToken: Option.Option<string>
}

/**
 * One page.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { Effect, Option } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const page = yield* ListBatchSegmentJobs.list({ maxResults: 10 })
 *   yield* Effect.log(page.batchSegmentJobs.length, Option.getOrUndefined(page.nextToken))
 * })
 * ```
 *
 * @since 1.0.0
 * @category operations
 */
export const list: (request: Request, options?: ListOptions) => Effect.Effect<Page, Error, PersonalizeClient> =
  operation.list

/**
 * Every page, lazily: a page is requested when the consumer pulls (see `prefetch`). Ends at an absent or empty
 * token; an empty page with a token does not end it; the same token twice fails with `PaginationLoopError`.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { Effect, Stream } from "effect"
 *
 * // how many jobs each page held, 25 a page
 * const sizes = ListBatchSegmentJobs.pages({}, { pageSize: 25 }).pipe(
 *   Stream.runForEach((page) => Effect.log(page.batchSegmentJobs.length))
 * )
 * ```
 *
 * @since 1.0.0
 * @category operations
 */
export const pages: (request: Request, options?: StreamOptions) => Stream.Stream<Page, Error, PersonalizeClient> =
  pagination.pages

/**
 * Every job, lazily, in the service's order.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { Stream } from "effect"
 *
 * const names = ListBatchSegmentJobs.stream({}).pipe(Stream.map((job) => job.jobName), Stream.runCollect)
 * ```
 *
 * @since 1.0.0
 * @category operations
 */
export const stream: (
  request: Request,
  options?: StreamOptions
) => Stream.Stream<BatchSegmentJobSummary, Error, PersonalizeClient> = pagination.stream

/**
 * Every job with its resume token, for pipelines that checkpoint: store the token of the last job processed,
 * and pass it as `startingToken` after a restart to continue with the next job, none lost, none repeated, even
 * when jobs were created or deleted in between (see `ResumeToken` for exactly what is guaranteed).
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { Effect, Stream } from "effect"
 *
 * // where a real pipeline would persist the token (a file, a table, a key-value store)
 * let saved: string | undefined
 * const checkpoint = (token: string) => Effect.sync(() => (saved = token))
 *
 * const program = ListBatchSegmentJobs.streamWithResumeToken({}, { startingToken: saved }).pipe(
 *   Stream.runForEach(({ job, resumeToken }) =>
 *     Effect.log(job.jobName).pipe(Effect.andThen(checkpoint(resumeToken)))
 *   )
 * )
 * ```
 *
 * @since 1.0.0
 * @category operations
 */
export const streamWithResumeToken: (
  request: Request,
  options?: StreamOptions
) => Stream.Stream<WithResumeToken, Error, PersonalizeClient> = pagination.streamWithResumeToken

/**
 * The options of `streamMany`: those of `stream` for every request, and how the requests share the work.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 *
 * const options: ListBatchSegmentJobs.ManyOptions = { concurrency: 2, pageSize: 100, onFailure: "fail" }
 * const solutionVersionArn = "arn:aws:personalize:us-east-1:111122223333:solution/a/1"
 * const jobs = ListBatchSegmentJobs.streamMany([{ solutionVersionArn }], options)
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface ManyOptions extends Omit<StreamOptions, "startingToken"> {
  /** How many requests are listed at once (a whole number, at least 1). Default 4. */
  readonly concurrency?: number | undefined
  /**
   * Where each request starts, by its index in `requests`: a resume token (from `Many.Job` or `Many.Failed`) or a
   * service token. A request without one starts at the beginning. At most one per request.
   */
  readonly startingTokens?: ReadonlyArray<string | undefined> | undefined
  /**
   * What a failed request does. `"fail"` (the default): the stream fails with its error at once and the other
   * requests are interrupted. `"continue"`: the failed request ends with a `Failed` element that says what failed
   * and how to resume it, and the other requests carry on; the stream itself does not fail.
   */
  readonly onFailure?: "fail" | "continue" | undefined
}

/**
 * @since 1.0.0
 */
export declare namespace Many {
  /**
   * A job of one of the requests of `streamMany`.
   *
   * @example
   * ```ts
   * import type { ListBatchSegmentJobs } from "@effect-personalize/core"
   *
   * const line = (item: ListBatchSegmentJobs.Many.Job): string => `${item.index}\t${item.job.jobName}\t${item.job.status}`
   * ```
   *
   * @since 1.0.0
   * @category models
   */
  export interface Job {
    readonly _tag: "Job"
    /** The index of the request in `requests`. */
    readonly index: number
    readonly request: Request
    readonly job: BatchSegmentJobSummary
    /** Computed on demand: as `startingTokens[index]`, it continues this request right after this job. */
    readonly resumeToken: string
  }
  /**
   * A request of `streamMany` that failed (only with `onFailure: "continue"`). Its jobs before the failure were
   * all emitted.
   *
   * @example
   * ```ts
   * import type { ListBatchSegmentJobs } from "@effect-personalize/core"
   * import { Option } from "effect"
   *
   * // the starting tokens of a later run: the failed requests continue where they stopped
   * const retryFrom = (failed: ReadonlyArray<ListBatchSegmentJobs.Many.Failed>) =>
   *   failed.map((f) => Option.getOrUndefined(f.resumeToken))
   * ```
   *
   * @since 1.0.0
   * @category models
   */
  export interface Failed {
    readonly _tag: "Failed"
    readonly index: number
    readonly request: Request
    readonly error: Error
    /** Continues this request after the last job it emitted (its starting token if none); none at the start. */
    readonly resumeToken: Option.Option<string>
  }
  /**
   * The errors of `streamMany` with `onFailure: "continue"`: those of the check of the requests and starting tokens
   * (and of the options) before any request is sent. Every other failure is a `Failed` element.
   *
   * @example
   * ```ts
   * import { ListBatchSegmentJobs } from "@effect-personalize/core"
   * import { Effect, Stream } from "effect"
   *
   * const failures = ListBatchSegmentJobs.streamMany([{ maxResults: 0 }], { onFailure: "continue" }).pipe(
   *   Stream.runDrain,
   *   Effect.catchTags({
   *     InvalidInputException: (e) => Effect.logError(`fix the request: ${e.message}`),
   *     InvalidNextTokenException: (e) => Effect.logError(`start again without the token: ${e.message}`)
   *   })
   * )
   * ```
   *
   * @since 1.0.0
   * @category errors
   */
  export type InputError = InvalidInputException | InvalidNextTokenException
}

/**
 * Lists several requests (for example one per solution version) at once, at most `concurrency` at a time: each
 * job comes out with its request and its index, each request's jobs in their own order (the requests' jobs are
 * interleaved as they arrive), and each request can be resumed on its own (`startingTokens`). Provide one
 * `RateLimit.layer` to keep all of them under the account's request rate.
 *
 * The requests are read once, and every request and starting token is checked before any request is sent: a
 * malformed one fails the stream at once, whatever `onFailure` says, with the error `list` would give and its
 * index in the detail (`(requests[2])`).
 *
 * Failures follow `onFailure`, and so does the type: by default the first one fails the stream (elements `Many.Job`,
 * error `Error`); with `"continue"`, a failed request becomes a `Failed` element with its error and resume token,
 * and the others go on (elements `Many.Job | Many.Failed`, error `Many.InputError`: only the check before any request
 * can fail the stream). With an `onFailure` that is not a literal, the elements and the error are both unions.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, RateLimit } from "@effect-personalize/core"
 * import { Effect, Stream } from "effect"
 *
 * const arns = ["arn:aws:personalize:us-east-1:111122223333:solution/a/1", "arn:aws:personalize:us-east-1:111122223333:solution/b/1"]
 * const program = ListBatchSegmentJobs.streamMany(arns.map((solutionVersionArn) => ({ solutionVersionArn })), {
 *   concurrency: 8,
 *   onFailure: "continue"
 * }).pipe(
 *   Stream.runForEach((item) =>
 *     item._tag === "Job"
 *       ? Effect.log(item.request.solutionVersionArn, item.job.jobName)
 *       : Effect.logError(`request ${item.index} failed; resume with ${item.resumeToken}`, item.error.message)
 *   ),
 *   Effect.provide(RateLimit.layer({ requestsPerSecond: 10 }))
 * )
 * ```
 *
 * @since 1.0.0
 * @category operations
 */
export const streamMany: {
  (
    requests: Iterable<Request>,
    options: ManyOptions & { readonly onFailure: "continue" }
  ): Stream.Stream<Many.Job | Many.Failed, Many.InputError, PersonalizeClient>
  (
    requests: Iterable<Request>,
    options?: ManyOptions & { readonly onFailure?: "fail" | undefined }
  ): Stream.Stream<Many.Job, Error, PersonalizeClient>
  (requests: Iterable<Request>, options?: ManyOptions): Stream.Stream<Many.Job | Many.Failed, Error, PersonalizeClient>
} = pagination.streamMany

/**
 * The jobs in one array; with `maxItems`, also the resume token when the listing was cut.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * // the first 200 jobs, and where to continue
 * const program = Effect.gen(function*() {
 *   const { jobs, resumeToken } = yield* ListBatchSegmentJobs.collect({}, { maxItems: 200 })
 *   yield* Effect.log(jobs.length, resumeToken)
 * })
 * ```
 *
 * @since 1.0.0
 * @category operations
 */
export const collect: (
  request: Request,
  options?: StreamOptions
) => Effect.Effect<Collected, Error, PersonalizeClient> = pagination.collect

/**
 * The resume token that continues a listing right after the job at `index` of `page`.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * // the token that continues after the third job of the first page
 * const afterThird = ListBatchSegmentJobs.list({ maxResults: 10 }).pipe(
 *   Effect.map((page) => ListBatchSegmentJobs.resumeTokenAfter(page, 2))
 * )
 * ```
 *
 * @since 1.0.0
 * @category utils
 */
export const resumeTokenAfter: (page: Page, index: number) => string = pagination.resumeTokenAfter

/**
 * A change feed: lists the jobs on a schedule (by default every 30 seconds, the first time at once) and emits
 * one event per change — `JobAppeared`, `JobChanged` (with the previous and current status, and the failure
 * reason), `JobVanished`. Each poll is a full listing whose pages are retried as usual; see `Watch` for the
 * options (`untilTerminal`, `initial`, saved `state`, `pollErrors`).
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs, Watch } from "@effect-personalize/core"
 * import { Effect, Schedule, Stream } from "effect"
 *
 * // report each failure once, until every job of the solution version is done
 * const failures = ListBatchSegmentJobs.watch(
 *   { solutionVersionArn: "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c" },
 *   { schedule: Schedule.spaced("1 minute"), untilTerminal: true, initial: "skip" }
 * ).pipe(
 *   Stream.filter(Watch.isFailure),
 *   Stream.runForEach((event) => Effect.logError(event.job.jobName, event.job.failureReason))
 * )
 * ```
 *
 * @since 1.0.0
 * @category operations
 */
export const watch: (
  request: Request,
  options?: Watch.Options
) => Stream.Stream<Watch.JobEvent, Error, PersonalizeClient> = watchInternal.watch
