import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Semaphore from "effect/Semaphore"
import * as Stream from "effect/Stream"
import type { BatchSegmentJobSummary } from "../BatchSegmentJob.js"
import type { Page, Request, StreamOptions } from "../ListBatchSegmentJobs.js"
import type { PersonalizeClient } from "../PersonalizeClient.js"
import type { PersonalizeError } from "../PersonalizeError.js"
import { InvalidInputException, InvalidNextTokenException, PaginationLoopError } from "../PersonalizeError.js"
import { fetch, spanAttributes, toWire, validate, validateRequest } from "./operation.js"
import * as schemas from "./schemas.js"

// The prefix of the Effect 3 edition's resume tokens (their format is being redesigned; this edition reads them
// once it is settled).
const resumeTokenPrefix = "epr1."

/** Where the listing starts: the request's own token, or the `startingToken` option (a service token). */
const startToken = (
  request: { readonly nextToken?: string | undefined },
  startingToken: string | undefined
): Effect.Effect<string | undefined, InvalidInputException | InvalidNextTokenException> => {
  const requestToken = request.nextToken === "" ? undefined : request.nextToken
  if (startingToken === undefined || startingToken === "") return Effect.succeed(requestToken)
  if (requestToken !== undefined && requestToken !== startingToken) {
    return Effect.fail(
      new InvalidInputException({
        origin: "client",
        field: "startingToken",
        detail: "give either the request's nextToken or the startingToken option, not both"
      })
    )
  }
  if (startingToken.startsWith(resumeTokenPrefix)) {
    return Effect.fail(
      new InvalidNextTokenException({
        origin: "client",
        detail: "this edition does not read resume tokens yet; pass the service's nextToken instead"
      })
    )
  }
  return validate(schemas.NextToken, startingToken, "the startingToken", "startingToken")
}

interface State {
  readonly nextToken: string | undefined
  readonly remaining: number
}

/**
 * Every page of a listing, each turned into the elements `emit` gives: the one page loop of `pages` and `stream`.
 * Lazy: a page is requested when the stream is pulled, or ahead of it within `prefetch` (then `pages` is buffered,
 * and `stream` flattens the buffered pages).
 */
const paginate = <A>(
  request: Request,
  options: StreamOptions | undefined,
  emit: (page: Page) => ReadonlyArray<A>
): Stream.Stream<A, PersonalizeError, PersonalizeClient> =>
  Stream.unwrap(Effect.gen(function*() {
    const valid = yield* validateRequest(request)
    const numeric = yield* validate(
      schemas.StreamOptions,
      { pageSize: options?.pageSize, maxItems: options?.maxItems, prefetch: options?.prefetch },
      "the options"
    )
    const start = yield* startToken(valid, options?.startingToken)
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
    if (start !== undefined) seen.add(start)
    // With prefetch n, a page is fetched only with one of n permits, given back when the consumer takes a page:
    // at most n pages are in flight or buffered ahead of the consumer.
    const permits = prefetch > 0 ? yield* Semaphore.make(prefetch) : undefined

    const step = (
      state: State
    ): Effect.Effect<readonly [ReadonlyArray<Page>, Option.Option<State>], PersonalizeError, PersonalizeClient> =>
      Effect.gen(function*() {
        if (permits !== undefined) yield* Semaphore.take(permits, 1)
        const request = state.nextToken === undefined ? wire : { ...wire, nextToken: state.nextToken }
        const fetched = yield* Effect.useSpan(
          "ListBatchSegmentJobs.page",
          { parent: span, kind: "client", attributes: { ...spanAttributes, "personalize.page": pageCount + 1 } },
          (pageSpan) => Effect.annotateLogs(fetch(request, options, pageSpan), "page", pageCount + 1)
        )
        pageCount++
        const all = fetched.batchSegmentJobs
        const truncated = all.length > state.remaining
        const kept = truncated ? all.slice(0, state.remaining) : all
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
          truncated
        }
        const next: Option.Option<State> = remaining > 0 && Option.isSome(fetched.nextToken)
          ? Option.some({ nextToken: fetched.nextToken.value, remaining })
          : Option.none()
        return [[page], next] as const
      })

    const pages = Stream.paginate<State, Page, PersonalizeError, PersonalizeClient>(
      { nextToken: start, remaining: maxItems },
      step
    )
    if (permits === undefined) {
      // unbuffered: each page's elements are emitted as they are, one array per page
      return Stream.paginate<State, A, PersonalizeError, PersonalizeClient>(
        { nextToken: start, remaining: maxItems },
        (state) => Effect.map(step(state), ([pages, next]) => [emit(pages[0]!), next] as const)
      )
    }
    return pages.pipe(
      Stream.buffer({ capacity: prefetch }),
      Stream.tap(() => Semaphore.release(permits, 1)),
      Stream.flatMap((page) => Stream.fromIterable(emit(page)))
    )
  }))

/** @internal */
export const pages = (
  request: Request,
  options?: StreamOptions
): Stream.Stream<Page, PersonalizeError, PersonalizeClient> => paginate(request, options, (page) => [page])

/** @internal */
export const stream = (
  request: Request,
  options?: StreamOptions
): Stream.Stream<BatchSegmentJobSummary, PersonalizeError, PersonalizeClient> =>
  paginate(request, options, (page) => page.batchSegmentJobs)
