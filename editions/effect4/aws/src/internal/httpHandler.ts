/**
 * The SDK client over an Effect `HttpClient`: a smithy `HttpHandler` whose `handle` runs one `HttpClient` call.
 *
 * The SDK still serializes, resolves the endpoint and credentials, and signs (SigV4); only the exchange of bytes
 * goes through the `HttpClient` of the layer's context, with whatever middleware the caller gave it. Each call runs
 * on a fiber of the runtime captured when the layer was built, interrupted when the SDK's abort signal fires
 * (`PersonalizeClient.make` aborts it when the calling fiber is interrupted), with the span of the calling fiber as
 * its parent (handed over by the port call, keyed by that same signal). Its failures are rejected in the shapes the
 * SDK's Node handler rejects with, so `errors.ts` and the SDK's own retry classification read them alike.
 *
 * @internal
 */
import * as PersonalizeClient from "@effect-personalize/core/PersonalizeClient"
import type * as Smithy from "@smithy/types"
import * as Cause from "effect/Cause"
import type * as Config from "effect/Config"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as Headers from "effect/http/Headers"
import * as HttpBody from "effect/http/HttpBody"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import type * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Result from "effect/Result"
import * as Tracer from "effect/Tracer"
import type { Options } from "../PersonalizeAws.js"
import * as client from "./client.js"

/**
 * A smithy `HttpHandler` (`RequestHandler` plus the configuration hooks that the SDK's runtime config calls).
 *
 * @internal
 */
export type Handler = Smithy.RequestHandler<Smithy.HttpRequest, Smithy.HttpResponse, Smithy.HttpHandlerOptions> & {
  updateHttpClientConfig(key: never, value: never): void
  httpHandlerConfigs(): Record<string, never>
}

/**
 * The parent span of each call in flight, keyed by the call's abort signal: the port call runs on the caller's
 * fiber and the handler on a promise of the SDK, and the signal is the one object that both see.
 *
 * @internal
 */
export type Spans = WeakMap<AbortSignal, Tracer.AnySpan>

/** @internal */
export const rememberSpan = (spans: Spans) => (signal: AbortSignal): Effect.Effect<void> =>
  Effect.map(Effect.serviceOption(Tracer.ParentSpan), (span) => {
    if (Option.isSome(span)) spans.set(signal, span.value)
  })

// Headers whose values go into the HttpClient's span attributes unless redacted: the session token is a credential.
const redactedHeaders: ReadonlyArray<string> = ["x-amz-security-token"]

// As smithy's `escapeUri`: the query is part of what SigV4 signs, so it is sent exactly as the SDK encodes it.
const escapeUri = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

const queryString = (query: Smithy.QueryParameterBag | undefined): string => {
  if (query === undefined) return ""
  const parts: Array<string> = []
  for (const [name, value] of Object.entries(query)) {
    const key = escapeUri(name)
    if (Array.isArray(value)) {
      for (const item of value) parts.push(`${key}=${escapeUri(item)}`)
    } else if (typeof value === "string") {
      parts.push(`${key}=${escapeUri(value)}`)
    } else {
      parts.push(key)
    }
  }
  return parts.length === 0 ? "" : `?${parts.join("&")}`
}

/** The URL of a smithy request, as `@smithy/fetch-http-handler` builds it. @internal */
export const urlOf = (request: Smithy.HttpRequest): string => {
  const auth = request.username != null || request.password != null
    ? `${request.username ?? ""}:${request.password ?? ""}@`
    : ""
  const port = request.port ? `:${request.port}` : ""
  const fragment = request.fragment ? `#${request.fragment}` : ""
  return `${request.protocol}//${auth}${request.hostname}${port}${request.path}${queryString(request.query)}${fragment}`
}

const headerOf = (request: Smithy.HttpRequest, name: string): string | undefined => {
  const key = Object.keys(request.headers).find((key) => key.toLowerCase() === name)
  return key === undefined ? undefined : request.headers[key]
}

/**
 * The request for the `HttpClient`: the signed headers and the serialized body exactly as the SDK made them. An
 * effect 4 body sets the request's `content-type` and `content-length` (and removes them when it has none): the
 * body is given the signed ones.
 */
const toClientRequest = (request: Smithy.HttpRequest): HttpClientRequest.HttpClientRequest => {
  const base = HttpClientRequest.make(request.method.toUpperCase() as "POST")(urlOf(request), {
    headers: request.headers
  })
  const body: unknown = request.body
  if (body === undefined || body === null) return base
  const length = headerOf(request, "content-length")
  return HttpClientRequest.setBody(
    base,
    HttpBody.raw(body, {
      contentType: headerOf(request, "content-type"),
      contentLength: length === undefined ? undefined : Number(length)
    })
  )
}

const statusCodeResponse = (u: unknown): HttpClientResponse.HttpClientResponse | undefined =>
  HttpClientError.isHttpClientError(u) && u.reason._tag === "StatusCodeError" ? u.reason.response : undefined

/**
 * One exchange. The body is read here, inside the interruptible fiber, so that an abort covers it too; the
 * responses of this operation are small (at most 100 summaries). A response that the client's middleware turned
 * into an error (`HttpClient.filterStatusOk`) is still a response: the SDK reads the service's error from it.
 */
const exchange = (
  httpClient: HttpClient.HttpClient,
  request: Smithy.HttpRequest
): Effect.Effect<Smithy.HttpResponse, unknown> =>
  httpClient.execute(toClientRequest(request)).pipe(
    Effect.catch((error) => {
      const response = statusCodeResponse(error)
      return response === undefined ? Effect.fail(error) : Effect.succeed(response)
    }),
    Effect.flatMap((response: HttpClientResponse.HttpClientResponse) =>
      Effect.map(response.arrayBuffer, (buffer): Smithy.HttpResponse => ({
        statusCode: response.status,
        headers: { ...response.headers },
        body: new Uint8Array(buffer)
      }))
    ),
    Effect.scoped
  )

const stringField = (u: unknown, key: string): string | undefined =>
  Predicate.hasProperty(u, key) && typeof u[key] === "string" ? u[key] : undefined

/** The error with a Node.js or undici `code` under an `HttpClientError` (fetch wraps it in `TypeError: fetch failed`). */
const rootCause = (error: unknown): unknown => {
  let current: unknown = error
  for (let depth = 0; depth < 8; depth++) {
    if (stringField(current, "code") !== undefined && !HttpClientError.isHttpClientError(current)) return current
    // happy eyeballs: every address failed, each with its own error
    if (current instanceof AggregateError && current.errors.length > 0 && stringField(current, "code") === undefined) {
      current = current.errors[0]
      continue
    }
    if (!Predicate.hasProperty(current, "cause") || current.cause === undefined) break
    current = current.cause
  }
  return current
}

const timeoutCodes: ReadonlySet<string> = new Set([
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT"
])

const timeoutError = (cause: Cause.TimeoutError): Error =>
  Object.assign(new Error(`the HttpClient timed out: ${cause.message}`, { cause }), { name: "TimeoutError" })

const abortError = (): Error => Object.assign(new Error("Request aborted"), { name: "AbortError" })

/**
 * What the handler rejects with: an error shaped as the Node handler's (`code`, and `name` `TimeoutError` for a
 * timeout), carrying the error under the `HttpClientError` as its `cause` (the request, with its signed headers, is
 * left out).
 */
const rejection = (cause: Cause.Cause<unknown>): unknown => {
  const failure = Cause.findError(cause)
  if (Result.isFailure(failure)) {
    return Cause.hasInterruptsOnly(cause) ? abortError() : Cause.squash(cause)
  }
  const error = failure.success
  if (Cause.isTimeoutError(error)) return timeoutError(error)
  if (!HttpClientError.isHttpClientError(error)) return error
  const root = rootCause(error.cause)
  // a timeout of the client's middleware, kept in the HttpClient's error type (`RequestError` with its cause)
  if (Cause.isTimeoutError(root)) return timeoutError(root)
  const code = stringField(root, "code")
  const text = stringField(root, "message") ?? (root === undefined ? error.message : String(root))
  const out: Error & { code?: string } = new Error(text === "" ? error.message : text, { cause: root })
  if (code !== undefined) out.code = code
  if (code !== undefined && timeoutCodes.has(code)) out.name = "TimeoutError"
  return out
}

const isAbortSignal = (u: unknown): u is AbortSignal => typeof AbortSignal !== "undefined" && u instanceof AbortSignal

/**
 * The handler. `destroy` (called by `client.destroy()` when the layer's scope closes) interrupts the exchanges
 * still in flight; the `HttpClient` itself belongs to the caller's layer.
 *
 * @internal
 */
export const make = (
  httpClient: HttpClient.HttpClient,
  context: Context.Context<never>,
  spans: Spans
): Handler => {
  const inFlight = new Set<Fiber.Fiber<Smithy.HttpResponse, unknown>>()
  const fork = Effect.runForkWith(context)
  return {
    handle: (request, options) =>
      new Promise((resolve, reject) => {
        const signal = isAbortSignal(options?.abortSignal) ? options.abortSignal : undefined
        if (signal?.aborted) return reject(abortError())
        const parent = signal === undefined ? undefined : spans.get(signal)
        const effect = exchange(httpClient, request).pipe(
          Effect.updateService(Headers.CurrentRedactedNames, (names) => [...names, ...redactedHeaders]),
          (effect) => parent === undefined ? effect : Effect.withParentSpan(effect, parent)
        )
        const fiber = fork(effect)
        inFlight.add(fiber)
        const onAbort = () => fiber.interruptUnsafe()
        signal?.addEventListener("abort", onAbort, { once: true })
        fiber.addObserver((exit) => {
          inFlight.delete(fiber)
          signal?.removeEventListener("abort", onAbort)
          if (Exit.isSuccess(exit)) resolve({ response: exit.value })
          else reject(rejection(exit.cause))
        })
      }),
    updateHttpClientConfig: () => {},
    httpHandlerConfigs: () => ({}),
    destroy: () => {
      for (const fiber of inFlight) fiber.interruptUnsafe()
    }
  }
}

/** @internal */
export const layerHttpClient = (
  options: Options
): Layer.Layer<PersonalizeClient.PersonalizeClient, Config.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(
    PersonalizeClient.PersonalizeClient,
    Effect.gen(function*() {
      const httpClient = yield* HttpClient.HttpClient
      const context = yield* Effect.context<never>()
      const spans: Spans = new WeakMap()
      const requestHandler = make(httpClient, context, spans)
      const sdk = yield* client.acquireClient(options, {
        ...client.sdkConfig(options),
        requestHandler
      })
      return client.make(sdk, {
        endpoint: options.endpoint ?? client.defaultEndpoint(options.region),
        secrets: client.secretsOf(options),
        onCall: rememberSpan(spans)
      })
    })
  )

/** @internal */
export const layerHttpClientConfig = (
  options: Config.Config<Options> = client.config
): Layer.Layer<PersonalizeClient.PersonalizeClient, Config.ConfigError, HttpClient.HttpClient> =>
  Layer.unwrap(Effect.map(options, layerHttpClient))
