import { PersonalizeAws } from "@effect-personalize/aws"
import { PersonalizeClient, PersonalizeError } from "@effect-personalize/core"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Context, Deferred, Duration, Effect, Exit, Fiber, Layer, Scope } from "effect"
import { HttpClient, HttpClientError, HttpClientRequest } from "effect/http"
import { TestClock } from "effect/testing"
import type { Transport } from "./utils/fixtures.js"
import { call, credentials, httpClientFetch, layerFor, region, sessionToken } from "./utils/fixtures.js"
import * as TestServer from "./utils/TestServer.js"

const emptyPage = TestServer.respond(200, { batchSegmentJobs: [] })

/** `layerHttpClient` at a test server over the `HttpClient` of the given layer. */
const overClient = (
  server: Pick<TestServer.TestServer, "endpoint">,
  client: Layer.Layer<HttpClient.HttpClient>
): Layer.Layer<PersonalizeClient.PersonalizeClient> =>
  PersonalizeAws.layerHttpClient({ region, endpoint: server.endpoint, credentials }).pipe(
    Layer.provide(client),
    Layer.orDie
  )

/** The undici client with a middleware applied to it. */
const undiciWith = (f: (client: HttpClient.HttpClient) => HttpClient.HttpClient): Layer.Layer<HttpClient.HttpClient> =>
  Layer.effect(HttpClient.HttpClient, Effect.map(Effect.service(HttpClient.HttpClient), f)).pipe(
    Layer.provide(NodeHttpClient.layerUndici)
  )

/** Builds the layer in the test's scope, so that only the call (not the client) is interrupted. */
const portOf = (layer: Layer.Layer<PersonalizeClient.PersonalizeClient>) =>
  Effect.map(Layer.build(layer), Context.get(PersonalizeClient.PersonalizeClient))

const expectTransport = (error: PersonalizeError.PersonalizeError, reason: PersonalizeError.TransportReason) => {
  assert.strictEqual(error._tag, "TransportError", error.message)
  if (error._tag === "TransportError") assert.strictEqual(error.reason, reason, error.message)
}

describe("PersonalizeAws.layerHttpClient", () => {
  it.effect("the requests go through the HttpClient of the context, with its middleware", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(emptyPage)
      const seen: Array<string> = []
      const client = undiciWith(HttpClient.mapRequest((request) => {
        seen.push(`${request.method} ${request.url}`)
        return HttpClientRequest.setHeader(request, "x-through", "the HttpClient")
      }))
      yield* call({ maxResults: 2 }).pipe(Effect.provide(overClient(server, client)))
      assert.deepStrictEqual(seen, [`POST ${server.endpoint}/`])
      const [request] = server.requests
      assert.strictEqual(request.headers["x-through"], "the HttpClient")
      assert.strictEqual(request.body, "{\"maxResults\":2}")
      // signed by the SDK before the HttpClient got it; the middleware's header is not among the signed ones
      assert.match(request.headers["authorization"] ?? "", /^AWS4-HMAC-SHA256 Credential=/)
      assert.notInclude(/SignedHeaders=([^,]+)/.exec(request.headers["authorization"] ?? "")?.[1] ?? "", "x-through")
    }))

  it.effect("a response that middleware turned into an error (filterStatusOk) is read as the service's error", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(
        TestServer.respond(400, { __type: "ThrottlingException", message: "Rate exceeded" }, { "Retry-After": "3" })
      )
      const error = yield* call({}).pipe(
        Effect.provide(overClient(server, undiciWith(HttpClient.filterStatusOk))),
        Effect.flip
      )
      assert.strictEqual(error._tag, "ThrottlingException")
      if (error._tag === "ThrottlingException") {
        assert.strictEqual(error.code, "ThrottlingException")
        assert.strictEqual(error.status, 400)
        assert.deepStrictEqual(error.retryAfter, Duration.seconds(3))
      }
    }))

  it.effect("middleware that fails otherwise than on the status: a TransportError with its text, not the service's answer", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(emptyPage)
      const decodeFailure = undiciWith(
        HttpClient.transform((effect) =>
          Effect.flatMap(effect, (response) =>
            Effect.fail(
              new HttpClientError.HttpClientError({
                reason: new HttpClientError.DecodeError({
                  request: response.request,
                  response,
                  description: "the gateway's body is not JSON"
                })
              })
            ))
        )
      )
      const decode = yield* call({}).pipe(Effect.provide(overClient(server, decodeFailure)), Effect.flip)
      expectTransport(decode, "Unknown")
      if (decode._tag === "TransportError") assert.include(decode.detail, "the gateway's body is not JSON")

      // a defect of the middleware: a TransportError, never a defect of the caller
      const dying = undiciWith(HttpClient.transform(() => Effect.die(new Error("a bug in the middleware"))))
      const died = yield* call({}).pipe(Effect.provide(overClient(server, dying)), Effect.flip)
      expectTransport(died, "Unknown")
      if (died._tag === "TransportError") assert.strictEqual(died.detail, "a bug in the middleware")
    }))

  it.effect("a timeout of the HttpClient's middleware: TransportError Timeout, and the request is aborted", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.hold)
      const timed = undiciWith(HttpClient.transform((response, request) =>
        Effect.timeoutOrElse(response, {
          duration: "2 seconds",
          orElse: () =>
            Effect.fail(
              new HttpClientError.HttpClientError({
                reason: new HttpClientError.TransportError({ request, cause: new Cause.TimeoutError() })
              })
            )
        })
      ))
      // the layer is built here: the HttpClient's fibers run with this fiber's runtime, so with its TestClock
      const port = yield* portOf(overClient(server, timed))
      const fiber = yield* Effect.forkChild(Effect.flip(port.listBatchSegmentJobs({})))
      const received = yield* server.next
      yield* TestClock.adjust("1999 millis")
      assert.isUndefined(fiber.pollUnsafe())
      yield* TestClock.adjust("1 millis")
      expectTransport(yield* Fiber.join(fiber), "Timeout")
      yield* Deferred.await(received.socketClosed)
    }))

  it.effect("closing the layer's scope interrupts the exchanges in flight, even when the HttpClient lives on", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.hold)
      // the HttpClient (and its connections) belongs to the test's scope, the port to a shorter one
      const httpClient = yield* Layer.build(NodeHttpClient.layerUndici)
      const scope = yield* Scope.make()
      const port = yield* portOf(overClient(server, Layer.succeedContext(httpClient))).pipe(Scope.provide(scope))
      const fiber = yield* Effect.forkChild(Effect.flip(port.listBatchSegmentJobs({})))
      const received = yield* server.next
      yield* Scope.close(scope, Exit.void)
      expectTransport(yield* Fiber.join(fiber), "Aborted")
      yield* Deferred.await(received.socketClosed)
    }))
})

describe("PersonalizeAws.layerHttpClient over fetch", () => {
  const transport: Transport = httpClientFetch

  it.effect("a page, signed and sent as the SDK made it", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(
        TestServer.respond(200, { batchSegmentJobs: [{ jobName: "a" }] }, { "x-amzn-requestid": "req-fetch" })
      )
      const response = yield* call({ maxResults: 1 }).pipe(Effect.provide(layerFor(server, {}, transport)))
      assert.deepStrictEqual(response.body, { batchSegmentJobs: [{ jobName: "a" }] })
      assert.strictEqual(response.requestId, "req-fetch")
      assert.strictEqual(server.requests[0].headers["x-amz-security-token"], sessionToken)
      assert.strictEqual(server.requests[0].body, "{\"maxResults\":1}")
    }))

  it.effect("fetch's 'fetch failed' is read down to its cause: ConnectionRefused, ConnectionReset, DNS", () =>
    Effect.gen(function*() {
      const port = yield* TestServer.closedPort
      const refused = yield* call({}).pipe(
        Effect.provide(layerFor({ endpoint: `http://127.0.0.1:${port}` }, {}, transport)),
        Effect.flip
      )
      expectTransport(refused, "ConnectionRefused")

      const server = yield* TestServer.make((_request, _response, raw) => raw.socket.destroy())
      const reset = yield* call({}).pipe(Effect.provide(layerFor(server, {}, transport)), Effect.flip)
      expectTransport(reset, "ConnectionReset")

      const dns = yield* call({}).pipe(
        Effect.provide(layerFor({ endpoint: "https://personalize.does-not-exist.invalid" }, {}, transport)),
        Effect.flip
      )
      expectTransport(dns, "DNS")
    }))

  it.effect("interrupting the call aborts the fetch: the server sees its socket close", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.hold)
      const port = yield* portOf(layerFor(server, {}, transport))
      const fiber = yield* Effect.forkChild(port.listBatchSegmentJobs({}))
      const received = yield* server.next
      yield* Fiber.interrupt(fiber)
      assert.isTrue(Exit.hasInterrupts(yield* Fiber.await(fiber)))
      yield* Deferred.await(received.socketClosed)
    }))
})

/** An HttpClient that fails every request with `RequestError` `Transport` and the given cause. */
const failingClient = (cause: unknown): Layer.Layer<HttpClient.HttpClient> =>
  Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.fail(
        new HttpClientError.HttpClientError({ reason: new HttpClientError.TransportError({ request, cause }) })
      )
    )
  )

const coded = (message: string, code: string, name = "Error") => Object.assign(new Error(message), { code, name })

describe("PersonalizeAws.layerHttpClient: the cause of a transport failure gives the reason", () => {
  // What undici and fetch reject with, for failures that no loopback server can produce on demand.
  const looped = Object.assign(new Error("wrapped"), { cause: undefined as unknown })
  looped.cause = looped
  const cases: ReadonlyArray<readonly [string, unknown, PersonalizeError.TransportReason]> = [
    [
      "undici's headers timeout",
      coded("Headers Timeout Error", "UND_ERR_HEADERS_TIMEOUT", "HeadersTimeoutError"),
      "Timeout"
    ],
    ["undici's body timeout", coded("Body Timeout Error", "UND_ERR_BODY_TIMEOUT", "BodyTimeoutError"), "Timeout"],
    ["undici's connect timeout", coded("Connect Timeout Error", "UND_ERR_CONNECT_TIMEOUT"), "Timeout"],
    ["undici's socket error", coded("other side closed", "UND_ERR_SOCKET", "SocketError"), "ConnectionReset"],
    ["ECONNRESET", coded("read ECONNRESET", "ECONNRESET"), "ConnectionReset"],
    ["EAI_AGAIN", coded("getaddrinfo EAI_AGAIN personalize.example", "EAI_AGAIN"), "DNS"],
    [
      "fetch failed, caused by ECONNREFUSED",
      new TypeError("fetch failed", { cause: coded("connect ECONNREFUSED 10.0.0.1:443", "ECONNREFUSED") }),
      "ConnectionRefused"
    ],
    [
      "every address refused (AggregateError without a code)",
      new AggregateError([coded("connect ECONNREFUSED ::1:443", "ECONNREFUSED")], "connect failed"),
      "ConnectionRefused"
    ],
    ["a TimeoutError of middleware", new Cause.TimeoutError("slow"), "Timeout"],
    ["something else", new Error("odd"), "Unknown"],
    ["no cause at all", undefined, "Unknown"],
    [
      "a code three causes down",
      new TypeError("fetch failed", {
        cause: new Error("wrapper", {
          cause: new Error("socket", { cause: coded("connect ECONNREFUSED", "ECONNREFUSED") })
        })
      }),
      "ConnectionRefused"
    ],
    ["a cause that is its own cause", looped, "Unknown"],
    ["a cause without a message", coded("", "ECONNRESET"), "ConnectionReset"],
    ["a string as the cause", "the proxy said no", "Unknown"]
  ]
  // what the error says (its detail), and the error it keeps as its cause: as the SDK's own handler would reject
  const expected: Record<string, readonly [detail: string, causeName: string]> = {
    "undici's headers timeout": ["Headers Timeout Error", "TimeoutError"],
    "undici's body timeout": ["Body Timeout Error", "TimeoutError"],
    "undici's connect timeout": ["Connect Timeout Error", "TimeoutError"],
    "undici's socket error": ["other side closed", "Error"],
    "ECONNRESET": ["read ECONNRESET", "Error"],
    "EAI_AGAIN": ["getaddrinfo EAI_AGAIN personalize.example", "Error"],
    "fetch failed, caused by ECONNREFUSED": ["connect ECONNREFUSED 10.0.0.1:443", "Error"],
    "every address refused (AggregateError without a code)": ["connect ECONNREFUSED ::1:443", "Error"],
    "a TimeoutError of middleware": ["the HttpClient timed out: slow", "TimeoutError"],
    "something else": ["odd", "Error"],
    "no cause at all": ["Transport error (POST https://personalize.eu-west-1.amazonaws.com/)", "Error"],
    "a code three causes down": ["connect ECONNREFUSED", "Error"],
    "a cause that is its own cause": ["wrapped", "Error"],
    "a cause without a message": ["Transport error (POST https://personalize.eu-west-1.amazonaws.com/)", "Error"],
    "a string as the cause": ["the proxy said no", "Error"]
  }
  for (const [name, cause, reason] of cases) {
    it.effect(`${name} → TransportError ${reason}`, () =>
      Effect.gen(function*() {
        const error = yield* call({}).pipe(
          Effect.provide(overClient({ endpoint: "https://personalize.eu-west-1.amazonaws.com" }, failingClient(cause))),
          Effect.flip
        )
        expectTransport(error, reason)
        if (error._tag === "TransportError") {
          assert.strictEqual(error.endpoint, "https://personalize.eu-west-1.amazonaws.com/")
          assert.isTrue(PersonalizeError.isRetryable(error))
          const [detail, causeName] = expected[name]!
          assert.strictEqual(error.detail, detail)
          assert.strictEqual((error.cause as Error).name, causeName)
        }
      }))
  }

  it.effect("the cause kept is the error under the HttpClientError, without the signed request", () =>
    Effect.gen(function*() {
      const under = coded("read ECONNRESET", "ECONNRESET")
      const error = yield* call({}).pipe(
        Effect.provide(overClient({ endpoint: "https://personalize.eu-west-1.amazonaws.com" }, failingClient(under))),
        Effect.flip
      )
      const cause = error.cause as Error & { cause?: unknown; request?: unknown }
      assert.instanceOf(cause, Error)
      assert.strictEqual((cause.cause as { code?: string }).code, "ECONNRESET")
      assert.isUndefined(cause.request)
      assert.notInclude(JSON.stringify(error), sessionToken)
    }))
})
