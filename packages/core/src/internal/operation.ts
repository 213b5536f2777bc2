import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Tracer from "effect/Tracer"
import type { BatchSegmentJobSummary } from "../BatchSegmentJob.js"
import type { ListOptions, Page, Request } from "../ListBatchSegmentJobs.js"
import type { PersonalizeClient as Client, WireRequest } from "../PersonalizeClient.js"
import { PersonalizeClient } from "../PersonalizeClient.js"
import type { PersonalizeError } from "../PersonalizeError.js"
import { InvalidInputException, isRetryable, ResponseDecodeError, TransportError } from "../PersonalizeError.js"
import * as Retry from "../Retry.js"
import * as schemas from "./schemas.js"

/** @internal */
export const defaultTimeout = Duration.seconds(30)

/** @internal */
export const spanAttributes = {
  "rpc.system": "aws-api",
  "rpc.service": "Personalize",
  "rpc.method": "ListBatchSegmentJobs"
} as const

const firstIssue = (error: ParseResult.ParseError): ParseResult.ArrayFormatterIssue | undefined =>
  ParseResult.ArrayFormatter.formatErrorSync(error)[0]

/**
 * Validation of anything the caller gives, before any I/O: the first broken rule, with the field it concerns —
 * `field` when the whole input is one field, else the path of the issue.
 *
 * @internal
 */
export const validate = <A, I>(schema: Schema.Schema<A, I>, input: unknown, subject: string, field?: string) =>
  Schema.decodeUnknown(schema, { onExcessProperty: "error" })(input).pipe(
    Effect.mapError((error) => {
      const issue = firstIssue(error)
      return new InvalidInputException({
        origin: "client",
        field: field ?? (issue === undefined || issue.path.length === 0 ? undefined : issue.path.map(String).join(".")),
        detail: issue === undefined ? `${subject} is not valid` : issue.message,
        cause: error
      })
    })
  )

/** @internal */
export const validateRequest = (request: Request) => validate(schemas.Request, request, "the request")

/** @internal */
export const toWire = (request: Schema.Schema.Type<typeof schemas.Request>): WireRequest => {
  const wire: { solutionVersionArn?: string; nextToken?: string; maxResults?: number } = {}
  if (request.solutionVersionArn !== undefined) wire.solutionVersionArn = request.solutionVersionArn
  if (request.nextToken !== undefined && request.nextToken !== "") wire.nextToken = request.nextToken
  if (request.maxResults !== undefined) wire.maxResults = request.maxResults
  return wire
}

/** One attempt: the port call under the per-attempt timeout (the port aborts the request when it is cut). */
const attempt = (client: Client.Service, wire: WireRequest, timeout: Duration.Duration) =>
  client.listBatchSegmentJobs(wire).pipe(
    Effect.timeoutFail({
      duration: timeout,
      onTimeout: () =>
        new TransportError({
          reason: "Timeout",
          detail: `no response within ${Duration.format(timeout)} (the per-attempt timeout)`
        })
    })
  )

const decodeResponse = Schema.decodeUnknown(schemas.Response)

/** The decoded answer to one request. */
export interface Fetched {
  readonly batchSegmentJobs: ReadonlyArray<BatchSegmentJobSummary>
  readonly nextToken: Option.Option<string>
  readonly requestId: Option.Option<string>
}

/**
 * One page call: the only place that retries, decodes and traces. The span is the caller's.
 *
 * @internal
 */
export const fetch = (
  wire: WireRequest,
  options: ListOptions | undefined,
  span?: Tracer.Span
): Effect.Effect<Fetched, PersonalizeError, PersonalizeClient> =>
  Effect.gen(function*() {
    const client = yield* PersonalizeClient
    const policy = options?.retry ?? (yield* FiberRef.get(Retry.currentPolicy))
    const timeout = options?.timeout === undefined ? defaultTimeout : Duration.decode(options.timeout)
    let attempts = 0
    const raw = yield* Effect.suspend(() => {
      attempts++
      return attempt(client, wire, timeout)
    }).pipe(
      Effect.retry({ schedule: policy, while: isRetryable }),
      Effect.ensuring(Effect.sync(() => span?.attribute("personalize.attempts", attempts)))
    )
    const requestId = Option.fromNullable(raw.requestId)
    if (span !== undefined && raw.requestId !== undefined) span.attribute("aws.request_id", raw.requestId)
    const body = yield* decodeResponse(raw.body).pipe(
      Effect.mapError((error) => {
        const issue = firstIssue(error)
        return new ResponseDecodeError({
          path: issue?.path ?? [],
          detail: issue?.message ?? "not a ListBatchSegmentJobs response",
          requestId: raw.requestId,
          cause: error
        })
      })
    )
    return {
      batchSegmentJobs: body.batchSegmentJobs ?? [],
      nextToken: body.nextToken === undefined || body.nextToken === "" ? Option.none() : Option.some(body.nextToken),
      requestId
    }
  })

/** @internal */
export const list = (
  request: Request,
  options?: ListOptions
): Effect.Effect<Page, PersonalizeError, PersonalizeClient> =>
  Effect.useSpan(
    "ListBatchSegmentJobs.list",
    { kind: "client", attributes: spanAttributes },
    (span) =>
      Effect.gen(function*() {
        const valid = yield* validateRequest(request)
        const wire = toWire(valid)
        const fetched = yield* fetch(wire, options, span)
        span.attribute("personalize.items", fetched.batchSegmentJobs.length)
        return {
          ...fetched,
          position: { nextToken: wire.nextToken, skip: 0, solutionVersionArn: wire.solutionVersionArn },
          truncated: false
        }
      })
  )
