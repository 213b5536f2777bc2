import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { pipe } from "effect/Function"
import * as Metric from "effect/Metric"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import type * as Tracer from "effect/Tracer"
import type { BatchSegmentJobSummary } from "../BatchSegmentJob.js"
import type { ListOptions, Page, Request } from "../ListBatchSegmentJobs.js"
import * as Metrics from "../Metrics.js"
import * as Client from "../PersonalizeClient.js"
import type { PersonalizeError } from "../PersonalizeError.js"
import { InvalidInputException, ResponseDecodeError } from "../PersonalizeError.js"
import * as Retry from "../Retry.js"
import * as schemas from "./schemas.js"

/** @internal */
export const defaultTimeout = Duration.seconds(30)

/** @internal */
export const spanAttributes = Metrics.rpcAttributes

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** The first issue of a schema failure: where (a path of keys) and what. @internal */
export const firstIssue = (
  issue: SchemaIssue.Issue
): { readonly path: ReadonlyArray<PropertyKey>; readonly message: string } | undefined => {
  const first = formatter(issue).issues[0]
  if (first === undefined) return undefined
  return {
    path: (first.path ?? []).map((segment) => typeof segment === "object" ? segment.key : segment),
    message: first.message
  }
}

/**
 * Validation of anything the caller gives, before any I/O: the first broken rule, with the field it concerns —
 * `field` when the whole input is one field, else the path of the issue.
 *
 * @internal
 */
export const validate = <S extends Schema.Decoder<unknown>>(
  schema: S,
  input: unknown,
  subject: string,
  field?: string
): Effect.Effect<S["Type"], InvalidInputException> => {
  const result = Schema.decodeUnknownResult(schema)(input, { onExcessProperty: "error" })
  if (Result.isSuccess(result)) return Effect.succeed(result.success)
  const issue = firstIssue(result.failure.issue)
  return Effect.fail(
    new InvalidInputException({
      origin: "client",
      field: field ?? (issue === undefined || issue.path.length === 0 ? undefined : issue.path.map(String).join(".")),
      detail: issue === undefined ? `${subject} is not valid` : issue.message,
      cause: result.failure
    })
  )
}

/** @internal */
export const validateRequest = (request: Request) => validate(schemas.Request, request, "the request")

/** @internal */
export const toWire = (request: Schema.Schema.Type<typeof schemas.Request>): Client.WireRequest => {
  const wire: { solutionVersionArn?: string; nextToken?: string; maxResults?: number } = {}
  if (request.solutionVersionArn !== undefined) wire.solutionVersionArn = request.solutionVersionArn
  if (request.nextToken !== undefined && request.nextToken !== "") wire.nextToken = request.nextToken
  if (request.maxResults !== undefined) wire.maxResults = request.maxResults
  return wire
}

/**
 * The page call: the client's stack of port combinators, in this order, each one concern. Stacks are kept per
 * client and timeout; each client has one retry budget for all of its stacks (unless `Retry.layerBudget` gives one
 * to everything under it).
 *
 * @internal
 */
export const stack = (
  client: Client.PersonalizeClient.Service,
  timeout: Duration.Duration,
  budget: Retry.Budget
): Client.PersonalizeClient.Service =>
  pipe(
    client,
    Client.timeout(timeout),
    Client.instrumented,
    Client.rateLimited,
    Client.retry({ budget })
  )

interface Stacks {
  readonly budget: Retry.Budget
  readonly byTimeout: Map<number, Client.PersonalizeClient.Service>
}

const stacks = new WeakMap<Client.PersonalizeClient.Service, Stacks>()

const stackOf = (client: Client.PersonalizeClient.Service, timeout: Duration.Duration) => {
  let entry = stacks.get(client)
  if (entry === undefined) {
    entry = { budget: Retry.makeBudget(), byTimeout: new Map() }
    stacks.set(client, entry)
  }
  const millis = Duration.toMillis(timeout)
  let found = entry.byTimeout.get(millis)
  if (found === undefined) {
    found = stack(client, timeout, entry.budget)
    entry.byTimeout.set(millis, found)
  }
  return found
}

const decodeResponse = Schema.decodeUnknownResult(schemas.Response)

/** The decoded answer to one request. @internal */
export interface Fetched {
  readonly batchSegmentJobs: ReadonlyArray<BatchSegmentJobSummary>
  readonly nextToken: Option.Option<string>
  readonly requestId: Option.Option<string>
}

const pagesReceived = Metric.withAttributes(Metrics.pages, Metrics.rpcAttributes)
const jobsReceived = Metric.withAttributes(Metrics.jobs, Metrics.rpcAttributes)

/**
 * One page: call the stack, decode. The span, when given, gets the request id.
 *
 * @internal
 */
export const fetch = (
  wire: Client.WireRequest,
  options: ListOptions | undefined,
  span?: Tracer.Span
): Effect.Effect<Fetched, PersonalizeError, Client.PersonalizeClient> =>
  Effect.flatMap(Effect.service(Client.PersonalizeClient), (client) => {
    const timeout = options?.timeout === undefined ? defaultTimeout : Duration.fromInputUnsafe(options.timeout)
    const stacked = stackOf(client, timeout).listBatchSegmentJobs(wire)
    // under the page's span, so that what the transport traces (the HttpClient's span) nests under it
    const call = span === undefined ? stacked : Effect.withParentSpan(stacked, span, { captureStackTrace: false })
    return Effect.flatMap(
      options?.retry === undefined ? call : Retry.withPolicy(call, options.retry),
      (raw): Effect.Effect<Fetched, ResponseDecodeError> => {
        const requestId = raw.requestId
        if (span !== undefined && requestId !== undefined) span.attribute("aws.request_id", requestId)
        const decoded = decodeResponse(raw.body)
        if (Result.isFailure(decoded)) {
          const issue = firstIssue(decoded.failure.issue)
          return Effect.fail(
            new ResponseDecodeError({
              path: issue?.path ?? [],
              detail: issue?.message ?? "not a ListBatchSegmentJobs response",
              requestId,
              cause: decoded.failure
            })
          )
        }
        const body = decoded.success
        const batchSegmentJobs = body.batchSegmentJobs ?? []
        return Effect.as(
          Effect.andThen(Metric.update(pagesReceived, 1), Metric.update(jobsReceived, batchSegmentJobs.length)),
          {
            batchSegmentJobs,
            nextToken: body.nextToken === undefined || body.nextToken === ""
              ? Option.none()
              : Option.some(body.nextToken),
            requestId: Option.fromNullishOr(requestId)
          }
        )
      }
    )
  })

/** @internal */
export const list = (
  request: Request,
  options?: ListOptions
): Effect.Effect<Page, PersonalizeError, Client.PersonalizeClient> =>
  Effect.useSpan(
    "ListBatchSegmentJobs.list",
    { kind: "client", attributes: spanAttributes },
    (span) =>
      Effect.flatMap(validateRequest(request), (valid) => {
        const wire = toWire(valid)
        return Effect.map(Effect.annotateLogs(fetch(wire, options, span), "page", 1), (fetched): Page => {
          span.attribute("personalize.items", fetched.batchSegmentJobs.length)
          return {
            ...fetched,
            position: { nextToken: wire.nextToken, after: undefined, solutionVersionArn: wire.solutionVersionArn },
            skipped: 0,
            truncated: false
          }
        })
      })
  )
