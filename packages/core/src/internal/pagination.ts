import * as ServiceModel from "@effect-personalize/protocol/ServiceModel"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { BatchSegmentJobSummary } from "../BatchSegmentJob.js"
import type {
  Collected,
  Many,
  ManyOptions,
  Page,
  Request,
  StreamOptions,
  WithResumeToken
} from "../ListBatchSegmentJobs.js"
import type { PersonalizeClient } from "../PersonalizeClient.js"
import type { PersonalizeError } from "../PersonalizeError.js"
import { InvalidInputException, InvalidNextTokenException, PaginationLoopError } from "../PersonalizeError.js"
import type { Position } from "../ResumeToken.js"
import { fetch, spanAttributes, toWire, validate, validateRequest } from "./operation.js"
import { decode as decodeResumeToken, encode as encodeResumeToken, isResumeToken, locate } from "./resumeToken.js"
import * as schemas from "./schemas.js"

/**
 * The position right after the job at `index`: the page's own token and that job, found again by its ARN on resume
 * (see `@effect-personalize/protocol/ResumeToken` for why). After the last job of a whole page, the next page's service token alone.
 *
 * @internal
 */
export const resumeTokenAfter = (page: Page, index: number): string => {
  const last = index >= page.batchSegmentJobs.length - 1
  const { solutionVersionArn } = page.position
  if (last && !page.truncated && Option.isSome(page.nextToken)) {
    return encodeResumeToken({ nextToken: page.nextToken.value, after: undefined, solutionVersionArn })
  }
  const job = page.batchSegmentJobs[index]
  return encodeResumeToken({
    nextToken: page.position.nextToken,
    after: job?.batchSegmentJobArn !== undefined
      ? { _tag: "Job", batchSegmentJobArn: job.batchSegmentJobArn, creationDateTime: job.creationDateTime }
      // The service always sends the ARN; without one, the job can only be counted from the page's start.
      : { _tag: "Count", skip: page.skipped + index + 1 },
    solutionVersionArn
  })
}

/** Where the listing starts: the request's own token, or the `startingToken` option (service or resume token). */
const startPosition = Effect.fnUntraced(function*(
  request: { readonly solutionVersionArn?: string | undefined; readonly nextToken?: string | undefined },
  startingToken: string | undefined
) {
  const solutionVersionArn = request.solutionVersionArn
  const requestToken = request.nextToken === "" ? undefined : request.nextToken
  if (startingToken === undefined || startingToken === "") {
    return { nextToken: requestToken, after: undefined, solutionVersionArn } satisfies Position
  }
  if (requestToken !== undefined && requestToken !== startingToken) {
    return yield* new InvalidInputException({
      origin: "client",
      field: "startingToken",
      detail: "give either the request's nextToken or the startingToken option, not both"
    })
  }
  if (isResumeToken(startingToken)) return yield* decodeResumeToken(startingToken, solutionVersionArn)
  const token = yield* validate(schemas.NextToken, startingToken, "the startingToken", "startingToken")
  return { nextToken: token, after: undefined, solutionVersionArn } satisfies Position
})

interface State {
  readonly position: Position
  readonly remaining: number
}

/** @internal */
export const pages = (
  request: Request,
  options?: StreamOptions
): Stream.Stream<Page, PersonalizeError, PersonalizeClient> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    const valid = yield* validateRequest(request)
    const numeric = yield* validate(
      schemas.StreamOptions,
      {
        pageSize: options?.pageSize,
        maxItems: options?.maxItems,
        prefetch: options?.prefetch,
        startingToken: options?.startingToken
      },
      "the options"
    )
    const start = yield* startPosition(valid, numeric.startingToken)
    const maxItems = numeric.maxItems ?? Infinity
    if (maxItems === 0) return Stream.empty
    // As in the AWS SDK, the request's own maxResults wins over the pageSize option.
    const wire = toWire({ ...valid, maxResults: valid.maxResults ?? numeric.pageSize })
    const prefetch = numeric.prefetch ?? 0

    const span = yield* Effect.makeSpanScoped("ListBatchSegmentJobs.pages", {
      kind: "client",
      attributes: { ...spanAttributes, "personalize.prefetch": prefetch }
    })
    let pageCount = 0
    let itemCount = 0
    const seen = new Set<string>()
    if (start.nextToken !== undefined) seen.add(start.nextToken)
    // With prefetch n, a page is fetched only with one of n permits, given back when the consumer takes a page:
    // at most n pages are in flight or buffered ahead of the consumer.
    const permits = prefetch > 0 ? yield* Effect.makeSemaphore(prefetch) : undefined

    const step = (
      state: State
    ): Effect.Effect<readonly [Page, Option.Option<State>], PersonalizeError, PersonalizeClient> =>
      Effect.gen(function*() {
        if (permits !== undefined) yield* permits.take(1)
        const request = state.position.nextToken === undefined
          ? wire
          : { ...wire, nextToken: state.position.nextToken }
        const fetched = yield* Effect.useSpan(
          "ListBatchSegmentJobs.page",
          {
            parent: span,
            kind: "client",
            attributes: { ...spanAttributes, "personalize.page": pageCount + 1 },
            // As the HttpClient's client spans: a stack captured here would only show this module, and capturing
            // it on every page costs more than the rest of the span.
            captureStackTrace: false
          },
          (pageSpan) => fetch(request, options, pageSpan, pageCount + 1)
        )
        pageCount++
        const all = fetched.batchSegmentJobs
        // Jobs already processed before a resume are left out, up to the position's job: on this page, or on a
        // later one when jobs created since pushed it there (then `after` is still to be found).
        const { after, skip: skipped } = locate(state.position.after, all)
        const rest = skipped === 0 ? all : all.slice(skipped)
        const truncated = rest.length > state.remaining
        const kept = truncated ? rest.slice(0, state.remaining) : rest
        const remaining = state.remaining - kept.length
        itemCount += kept.length
        span.attribute("personalize.pages", pageCount)
        span.attribute("personalize.items", itemCount)
        if (Option.isSome(fetched.nextToken)) {
          const token = fetched.nextToken.value
          if (seen.has(token)) return yield* new PaginationLoopError({ token, pages: pageCount })
          seen.add(token)
        }
        const page: Page = {
          batchSegmentJobs: kept,
          nextToken: fetched.nextToken,
          requestId: fetched.requestId,
          position: state.position,
          skipped,
          truncated
        }
        const next: Option.Option<State> = remaining > 0 && Option.isSome(fetched.nextToken)
          ? Option.some({
            position: {
              nextToken: fetched.nextToken.value,
              after,
              solutionVersionArn: state.position.solutionVersionArn
            },
            remaining
          })
          : Option.none()
        return [page, next] as const
      })

    const stream = Stream.paginateEffect({ position: start, remaining: maxItems } satisfies State, step)
    return permits === undefined
      ? stream
      : stream.pipe(Stream.buffer({ capacity: prefetch }), Stream.tap(() => permits.release(1)))
  }))

/** @internal */
export const stream = (
  request: Request,
  options?: StreamOptions
): Stream.Stream<BatchSegmentJobSummary, PersonalizeError, PersonalizeClient> =>
  pages(request, options).pipe(Stream.mapChunks(Chunk.flatMap((page) => Chunk.unsafeFromArray(page.batchSegmentJobs))))

class Resumable implements WithResumeToken {
  constructor(readonly page: Page, readonly index: number) {}
  get job(): BatchSegmentJobSummary {
    return this.page.batchSegmentJobs[this.index]!
  }
  get resumeToken(): string {
    return resumeTokenAfter(this.page, this.index)
  }
}

/** @internal */
export const streamWithResumeToken = (
  request: Request,
  options?: StreamOptions
): Stream.Stream<WithResumeToken, PersonalizeError, PersonalizeClient> =>
  pages(request, options).pipe(
    Stream.mapConcat((page) => page.batchSegmentJobs.map((_, index) => new Resumable(page, index)))
  )

/** @internal */
export const collect = (
  request: Request,
  options?: StreamOptions
): Effect.Effect<Collected, PersonalizeError, PersonalizeClient> =>
  Effect.gen(function*() {
    const jobs: Array<BatchSegmentJobSummary> = []
    let last: Page | undefined
    yield* Stream.runForEach(pages(request, options), (page) =>
      Effect.sync(() => {
        last = page
        for (const job of page.batchSegmentJobs) jobs.push(job)
      }))
    const cut = last !== undefined && options?.maxItems !== undefined && jobs.length >= options.maxItems &&
      (last.truncated || Option.isSome(last.nextToken))
    return {
      jobs,
      resumeToken: cut && last !== undefined
        ? Option.some(resumeTokenAfter(last, last.batchSegmentJobs.length - 1))
        : Option.none()
    }
  })

class ManyJob implements Many.Job {
  readonly _tag = "Job"
  constructor(readonly index: number, readonly request: Request, readonly item: Resumable) {}
  get job(): BatchSegmentJobSummary {
    return this.item.job
  }
  get resumeToken(): string {
    return this.item.resumeToken
  }
}

/**
 * The error channel follows `onFailure`, as `ListBatchSegmentJobs.streamMany` documents: with `"continue"`, only the
 * check made before any request is sent can fail the stream (a request's own failure becomes a `Failed` element).
 *
 * @internal
 */
export function streamMany(
  requests: Iterable<Request>,
  options: ManyOptions & { readonly onFailure: "continue" }
): Stream.Stream<Many.Job | Many.Failed, Many.InputError, PersonalizeClient>
/** @internal */
export function streamMany(
  requests: Iterable<Request>,
  options?: ManyOptions & { readonly onFailure?: "fail" | undefined }
): Stream.Stream<Many.Job, PersonalizeError, PersonalizeClient>
/** @internal */
export function streamMany(
  requests: Iterable<Request>,
  options?: ManyOptions
): Stream.Stream<Many.Job | Many.Failed, PersonalizeError, PersonalizeClient>
export function streamMany(
  requests: Iterable<Request>,
  options?: ManyOptions
): Stream.Stream<Many.Job | Many.Failed, PersonalizeError, PersonalizeClient> {
  return Stream.unwrap(Effect.gen(function*() {
    const { concurrency = 4, onFailure = "fail", startingTokens, ...streamOptions } = options ?? {}
    if (!(Number.isSafeInteger(concurrency) && concurrency >= 1)) {
      return yield* new InvalidInputException({
        origin: "client",
        field: "concurrency",
        detail: ServiceModel.wholeNumberMessage("concurrency", concurrency, 1)
      })
    }
    if (onFailure !== "fail" && onFailure !== "continue") {
      return yield* new InvalidInputException({
        origin: "client",
        field: "onFailure",
        detail: `onFailure must be "fail" or "continue", got ${JSON.stringify(onFailure)}`
      })
    }
    const all = Array.from(requests)
    if (startingTokens !== undefined && startingTokens.length > all.length) {
      return yield* new InvalidInputException({
        origin: "client",
        field: "startingTokens",
        detail:
          `${startingTokens.length} starting tokens for ${all.length} requests: there can be one per request at most`
      })
    }
    // Every request and starting token is checked before any request is sent: listed side by side, a malformed one
    // would otherwise be found only after the others had emitted jobs. The error says which one.
    yield* Effect.forEach(all, (request, index) =>
      validateRequest(request).pipe(
        Effect.flatMap((valid) => startPosition(valid, startingTokens?.[index])),
        Effect.mapError((error) => {
          const detail = `${error.detail} (requests[${index}])`
          return error._tag === "InvalidInputException"
            ? new InvalidInputException({ origin: error.origin, field: error.field, detail, cause: error.cause })
            : new InvalidNextTokenException({ origin: error.origin, detail, action: error.action, cause: error.cause })
        })
      ), { discard: true })
    const one = (
      request: Request,
      index: number
    ): Stream.Stream<Many.Job | Many.Failed, PersonalizeError, PersonalizeClient> => {
      const startingToken = startingTokens?.[index]
      let last: Resumable | undefined
      const jobs = pages(request, { ...streamOptions, startingToken }).pipe(
        Stream.mapConcat((page) =>
          page.batchSegmentJobs.map((_, i) => {
            last = new Resumable(page, i)
            return new ManyJob(index, request, last)
          })
        )
      )
      return onFailure === "fail" ? jobs : jobs.pipe(
        Stream.catchAll((error) =>
          Stream.succeed<Many.Failed>({
            _tag: "Failed",
            index,
            request,
            error,
            resumeToken: last !== undefined
              ? Option.some(last.resumeToken)
              : startingToken === undefined || startingToken === ""
              ? Option.none()
              : Option.some(startingToken)
          })
        )
      )
    }
    return Stream.fromIterable(all).pipe(
      Stream.zipWithIndex,
      Stream.flatMap(([request, index]) => one(request, index), { concurrency })
    )
  }))
}
