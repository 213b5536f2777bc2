import type { PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs, PersonalizeError, Retry } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Redacted } from "effect"
import type { Transport } from "./utils/fixtures.js"
import { call, layerFor, sdkHandler, transports } from "./utils/fixtures.js"
import * as TestServer from "./utils/TestServer.js"

type Failure = PersonalizeError.PersonalizeError

const expectTag = <T extends Failure["_tag"]>(error: Failure, tag: T): Extract<Failure, { _tag: T }> => {
  assert.strictEqual(error._tag, tag, error.message)
  assert.isTrue(PersonalizeError.isPersonalizeError(error))
  return error as Extract<Failure, { _tag: T }>
}

describe.each(transports)("error mapping from real wire responses over the $name", (transport: Transport) => {
  /** Sends one request to a server answering with `handler`, and returns the error. */
  const failWith = (handler: TestServer.Handler) =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(handler)
      const error = yield* call({}).pipe(Effect.provide(layerFor(server, {}, transport)), Effect.flip)
      assert.strictEqual(server.requests.length, 1)
      return error
    })

  it.effect("InvalidInputException: origin service, no field, the service's message as detail", () =>
    Effect.gen(function*() {
      const error = yield* failWith(
        TestServer.respond(400, { __type: "InvalidInputException", message: "solutionVersionArn is bad" }, {
          "x-amzn-requestid": "req-input"
        })
      )
      const e = expectTag(error, "InvalidInputException")
      assert.strictEqual(e.origin, "service")
      // the message names no member in AWS's validation wording
      assert.isUndefined(e.field)
      assert.strictEqual(e.detail, "solutionVersionArn is bad")
      assert.strictEqual(e.requestId, "req-input")
    }))

  it.effect("InvalidInputException with AWS's validation message (as the emulator sends it): the field comes through", () =>
    Effect.gen(function*() {
      const message =
        "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"
      const error = yield* failWith(
        TestServer.respond(400, { __type: "com.amazonaws.personalize#InvalidInputException", message })
      )
      const e = expectTag(error, "InvalidInputException")
      assert.strictEqual(e.origin, "service")
      assert.strictEqual(e.field, "maxResults")
      assert.strictEqual(e.detail, message)
    }))

  it.effect("InvalidInputException naming several members: the first one is the field", () =>
    Effect.gen(function*() {
      const error = yield* failWith(
        TestServer.respond(400, {
          __type: "InvalidInputException",
          message: "2 validation errors detected: Value 'x' at 'solutionVersionArn' failed to satisfy constraint: " +
            "Member must satisfy regular expression pattern: arn:([a-z\\d-]+):personalize:.*:.*:.+; " +
            "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"
        })
      )
      assert.strictEqual(expectTag(error, "InvalidInputException").field, "solutionVersionArn")
    }))

  it.effect("__type with the namespace prefix: InvalidNextTokenException", () =>
    Effect.gen(function*() {
      const error = yield* failWith(
        TestServer.respond(400, {
          __type: "com.amazonaws.personalize#InvalidNextTokenException",
          message: "token expired"
        })
      )
      const e = expectTag(error, "InvalidNextTokenException")
      assert.strictEqual(e.origin, "service")
      assert.strictEqual(e.detail, "token expired")
      assert.strictEqual(e.requestId, "req-0001")
    }))

  it.effect("__type with a ':' suffix: ThrottlingException, code kept", () =>
    Effect.gen(function*() {
      const error = yield* failWith(
        TestServer.respond(400, {
          __type: "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/",
          message: "Rate exceeded"
        })
      )
      const e = expectTag(error, "ThrottlingException")
      assert.strictEqual(e.code, "ThrottlingException")
      assert.strictEqual(e.status, 400)
      assert.strictEqual(e.detail, "Rate exceeded")
      assert.isTrue(PersonalizeError.isRetryable(e))
    }))

  for (const code of ["TooManyRequestsException", "LimitExceededException"]) {
    it.effect(`${code} is throttling, code kept`, () =>
      Effect.gen(function*() {
        const error = yield* failWith(TestServer.respond(400, { __type: code, message: "slow down" }))
        const e = expectTag(error, "ThrottlingException")
        assert.strictEqual(e.code, code)
      }))
  }

  it.effect("the x-amzn-ErrorType header names the error when the body does not", () =>
    Effect.gen(function*() {
      const error = yield* failWith(
        TestServer.respond(403, { message: "User is not authorized" }, {
          "x-amzn-ErrorType": "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/"
        })
      )
      const e = expectTag(error, "AccessDeniedException")
      assert.strictEqual(e.origin, "service")
      assert.strictEqual(e.code, "AccessDeniedException")
      assert.strictEqual(e.status, 403)
      assert.strictEqual(e.detail, "User is not authorized")
    }))

  it.effect("HTTP 429 without a body is throttling", () =>
    Effect.gen(function*() {
      const error = yield* failWith(TestServer.respond(429, ""))
      const e = expectTag(error, "ThrottlingException")
      assert.strictEqual(e.status, 429)
      assert.strictEqual(e.code, "UnknownError")
      assert.isUndefined(e.retryAfter)
    }))

  it.effect("Retry-After in seconds on a throttling error: retryAfter", () =>
    Effect.gen(function*() {
      const error = yield* failWith(
        TestServer.respond(400, { __type: "ThrottlingException", message: "Rate exceeded" }, { "Retry-After": "7" })
      )
      const e = expectTag(error, "ThrottlingException")
      assert.deepStrictEqual(e.retryAfter, Duration.seconds(7))
    }))

  it.effect("Retry-After on a 429 without a readable body: retryAfter", () =>
    Effect.gen(function*() {
      const error = yield* failWith(TestServer.respond(429, "", { "Retry-After": "2" }))
      const e = expectTag(error, "ThrottlingException")
      assert.deepStrictEqual(e.retryAfter, Duration.seconds(2))
    }))

  it.effect("Retry-After as an HTTP date on a 503: retryAfter is the time until then", () =>
    Effect.gen(function*() {
      const at = new Date(Date.now() + 120_000)
      at.setUTCMilliseconds(0)
      const error = yield* failWith(
        TestServer.respond(503, { __type: "ServiceUnavailableException", message: "later" }, {
          "Retry-After": at.toUTCString()
        })
      )
      const e = expectTag(error, "PersonalizeServiceException")
      assert.isDefined(e.retryAfter)
      const millis = Duration.toMillis(e.retryAfter!)
      // the date has whole seconds; the test took less than a minute
      assert.isTrue(millis > 60_000 && millis <= 120_000, `${millis}`)
    }))

  it.effect("a Retry-After that is neither seconds nor a date is ignored", () =>
    Effect.gen(function*() {
      const error = yield* failWith(
        TestServer.respond(429, { __type: "TooManyRequestsException" }, { "Retry-After": "soon" })
      )
      assert.isUndefined(expectTag(error, "ThrottlingException").retryAfter)
    }))

  it.effect("HTTP 429 with an unusual code is throttling, code kept", () =>
    Effect.gen(function*() {
      const error = yield* failWith(TestServer.respond(429, { __type: "SlowDown", message: "easy" }))
      const e = expectTag(error, "ThrottlingException")
      assert.strictEqual(e.code, "SlowDown")
      assert.strictEqual(e.status, 429)
    }))

  it.effect("HTTP 500 with a body that is not JSON: PersonalizeServiceException, fault server", () =>
    Effect.gen(function*() {
      const error = yield* failWith(TestServer.respond(500, "<html>Internal Server Error</html>"))
      const e = expectTag(error, "PersonalizeServiceException")
      assert.strictEqual(e.fault, "server")
      assert.strictEqual(e.status, 500)
      assert.strictEqual(e.requestId, "req-0001")
      assert.isTrue(PersonalizeError.isRetryable(e))
    }))

  it.effect("HTTP 500 InternalFailure: PersonalizeServiceException with the code", () =>
    Effect.gen(function*() {
      const error = yield* failWith(TestServer.respond(500, { __type: "InternalFailure", message: "oops" }))
      const e = expectTag(error, "PersonalizeServiceException")
      assert.strictEqual(e.code, "InternalFailure")
      assert.strictEqual(e.fault, "server")
      assert.strictEqual(e.status, 500)
      assert.strictEqual(e.detail, "oops")
    }))

  it.effect("HTTP 503: PersonalizeServiceException, fault server, request id", () =>
    Effect.gen(function*() {
      const error = yield* failWith(
        TestServer.respond(503, { __type: "ServiceUnavailableException", message: "try later" }, {
          "x-amzn-requestid": "req-503"
        })
      )
      const e = expectTag(error, "PersonalizeServiceException")
      assert.strictEqual(e.code, "ServiceUnavailableException")
      assert.strictEqual(e.fault, "server")
      assert.strictEqual(e.status, 503)
      assert.strictEqual(e.requestId, "req-503")
      assert.instanceOf(e.cause, Error)
    }))

  it.effect("an unknown 4xx code: PersonalizeServiceException, fault client, not retryable", () =>
    Effect.gen(function*() {
      const error = yield* failWith(TestServer.respond(400, { __type: "ValidationException", message: "no" }))
      const e = expectTag(error, "PersonalizeServiceException")
      assert.strictEqual(e.code, "ValidationException")
      assert.strictEqual(e.fault, "client")
      assert.isFalse(PersonalizeError.isRetryable(e))
    }))

  it.effect("a 4xx with a body that is not JSON: PersonalizeServiceException, fault client", () =>
    Effect.gen(function*() {
      const error = yield* failWith(TestServer.respond(404, "<html>Not Found</html>"))
      const e = expectTag(error, "PersonalizeServiceException")
      assert.strictEqual(e.code, "UnknownError")
      assert.strictEqual(e.fault, "client")
      assert.strictEqual(e.status, 404)
      assert.include(e.detail, "HTTP 404")
    }))

  for (const status of [401, 403]) {
    it.effect(`HTTP ${status} with a body that is not JSON: AccessDeniedException, origin service`, () =>
      Effect.gen(function*() {
        const error = yield* failWith(TestServer.respond(status, "<html>Forbidden</html>"))
        const e = expectTag(error, "AccessDeniedException")
        assert.strictEqual(e.origin, "service")
        assert.strictEqual(e.code, "UnknownError")
        assert.strictEqual(e.status, status)
        assert.strictEqual(e.requestId, "req-0001")
        assert.include(e.message, "Access denied by Amazon Personalize")
      }))
  }

  for (
    const code of [
      "AccessDeniedException",
      "UnrecognizedClientException",
      "InvalidSignatureException",
      "ExpiredTokenException",
      "IncompleteSignature",
      "MissingAuthenticationToken",
      "MissingAuthenticationTokenException",
      "InvalidClientTokenId",
      "SignatureDoesNotMatch"
    ]
  ) {
    it.effect(`${code} is AccessDeniedException, code kept`, () =>
      Effect.gen(function*() {
        const error = yield* failWith(TestServer.respond(403, { __type: code, message: `about ${code}` }))
        const e = expectTag(error, "AccessDeniedException")
        assert.strictEqual(e.origin, "service")
        assert.strictEqual(e.code, code)
        assert.strictEqual(e.status, 403)
        assert.strictEqual(e.detail, `about ${code}`)
      }))
  }

  it.effect("an authorization code with HTTP 400 is AccessDeniedException too, namespace stripped", () =>
    Effect.gen(function*() {
      const error = yield* failWith(
        TestServer.respond(400, { __type: "com.amazon.coral.service#ExpiredTokenException", message: "expired" })
      )
      const e = expectTag(error, "AccessDeniedException")
      assert.strictEqual(e.origin, "service")
      assert.strictEqual(e.code, "ExpiredTokenException")
      assert.strictEqual(e.status, 400)
    }))

  it.effect("any 403 with a code is AccessDeniedException, code kept", () =>
    Effect.gen(function*() {
      const error = yield* failWith(TestServer.respond(403, { __type: "SomeNewAuthException", message: "who?" }))
      const e = expectTag(error, "AccessDeniedException")
      assert.strictEqual(e.origin, "service")
      assert.strictEqual(e.code, "SomeNewAuthException")
    }))

  it.effect("a 200 whose body is not JSON: ResponseDecodeError at the root", () =>
    Effect.gen(function*() {
      const error = yield* failWith(TestServer.respond(200, "<html>captive portal</html>"))
      const e = expectTag(error, "ResponseDecodeError")
      assert.deepStrictEqual(e.path, [])
      assert.include(e.detail, "HTTP 200")
      assert.include(e.detail, "not valid JSON")
      assert.strictEqual(e.requestId, "req-0001")
    }))

  it.effect("the server resets the connection: TransportError ConnectionReset with the endpoint", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make((_request, _response, raw) => raw.socket.destroy())
      const error = yield* call({}).pipe(Effect.provide(layerFor(server, {}, transport)), Effect.flip)
      const e = expectTag(error, "TransportError")
      assert.strictEqual(e.reason, "ConnectionReset")
      assert.strictEqual(e.endpoint, `${server.endpoint}/`)
      assert.isTrue(PersonalizeError.isRetryable(e))
    }))

  it.effect("nothing listens: TransportError ConnectionRefused with the endpoint", () =>
    Effect.gen(function*() {
      const port = yield* TestServer.closedPort
      const endpoint = `http://127.0.0.1:${port}`
      const error = yield* call({}).pipe(Effect.provide(layerFor({ endpoint }, {}, transport)), Effect.flip)
      const e = expectTag(error, "TransportError")
      assert.strictEqual(e.reason, "ConnectionRefused")
      assert.strictEqual(e.endpoint, `${endpoint}/`)
      assert.include(e.message, `${endpoint}/`)
    }))

  it.effect("no such host: TransportError DNS", () =>
    Effect.gen(function*() {
      // .invalid never resolves (RFC 6761); https, so that the endpoint check lets it through
      const endpoint = "https://personalize.does-not-exist.invalid"
      const error = yield* call({}).pipe(Effect.provide(layerFor({ endpoint }, {}, transport)), Effect.flip)
      const e = expectTag(error, "TransportError")
      assert.strictEqual(e.reason, "DNS")
      assert.strictEqual(e.endpoint, `${endpoint}/`)
    }))

  it.effect("through ListBatchSegmentJobs.list the mapped error arrives unchanged", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(
        TestServer.respond(400, { __type: "com.amazonaws.personalize#InvalidInputException", message: "nope" })
      )
      const error = yield* ListBatchSegmentJobs.list({}, { retry: Retry.none }).pipe(
        Effect.provide(layerFor(server, {}, transport)),
        Effect.flip
      )
      const e = expectTag(error, "InvalidInputException")
      assert.strictEqual(e.origin, "service")
      assert.strictEqual(e.detail, "nope")
    }))
})

/** An SDK client whose `send` rejects with `error`: for failures that no loopback server can produce. */
const rejectingClient = (error: unknown): SdkClient =>
  ({ config: {}, send: () => Promise.reject(error), destroy: () => {} }) as unknown as SdkClient

const failFromClient = (error: unknown) =>
  call({}).pipe(Effect.provide(PersonalizeAws.layerFromClient(rejectingClient(error))), Effect.flip)

const nodeError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields)

/** A real SDK client over `transport` whose credential provider rejects with `error`: what the port fails with. */
const failLoadingCredentials = (
  server: TestServer.TestServer,
  error: unknown,
  transport: Transport = sdkHandler
) =>
  call({}).pipe(
    Effect.provide(
      layerFor(
        server,
        { credentials: undefined, clientConfig: { credentials: () => Promise.reject(error) } },
        transport
      )
    ),
    Effect.flip
  )

describe("the SDK handler's own request timeout", () => {
  it.effect("requestTimeout of clientConfig.requestHandler: TransportError Timeout", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.hold)
      const error = yield* call({}).pipe(
        Effect.provide(
          layerFor(server, { clientConfig: { requestHandler: { requestTimeout: 20, throwOnRequestTimeout: true } } })
        ),
        Effect.flip
      )
      const e = expectTag(error, "TransportError")
      assert.strictEqual(e.reason, "Timeout")
    }))
})

describe("error mapping of failures without a response", () => {
  const cases: ReadonlyArray<readonly [string, unknown, PersonalizeError.TransportReason]> = [
    ["ENOTFOUND", nodeError("getaddrinfo ENOTFOUND personalize.nowhere", { code: "ENOTFOUND" }), "DNS"],
    ["EAI_AGAIN", nodeError("getaddrinfo EAI_AGAIN personalize.nowhere", { code: "EAI_AGAIN" }), "DNS"],
    [
      "EPIPE (renamed TimeoutError by the handler)",
      nodeError("write EPIPE", { code: "EPIPE", name: "TimeoutError" }),
      "ConnectionReset"
    ],
    ["ETIMEDOUT", nodeError("request timed out", { code: "ETIMEDOUT", name: "TimeoutError" }), "Timeout"],
    ["TimeoutError without a code", nodeError("socket timed out after 100 ms", { name: "TimeoutError" }), "Timeout"],
    ["socket hang up without a code", nodeError("socket hang up", {}), "ConnectionReset"],
    ["AbortError", nodeError("Request aborted", { name: "AbortError" }), "Aborted"],
    ["a string", "something odd", "Unknown"],
    ["undefined", undefined, "Unknown"],
    ["a TypeError before sending", new TypeError("Invalid URL"), "Unknown"],
    ["ECONNREFUSED", nodeError("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED" }), "ConnectionRefused"],
    ["ECONNRESET", nodeError("read ECONNRESET", { code: "ECONNRESET", name: "TimeoutError" }), "ConnectionReset"],
    ["ECONNABORTED", nodeError("connection aborted", { code: "ECONNABORTED" }), "ConnectionReset"],
    [
      "ERR_STREAM_PREMATURE_CLOSE",
      nodeError("Premature close", { code: "ERR_STREAM_PREMATURE_CLOSE" }),
      "ConnectionReset"
    ],
    ["undici's UND_ERR_SOCKET", nodeError("other side closed", { code: "UND_ERR_SOCKET" }), "ConnectionReset"],
    ["undici's UND_ERR_CLOSED", nodeError("The client is destroyed", { code: "UND_ERR_CLOSED" }), "ConnectionReset"],
    ["ESOCKETTIMEDOUT", nodeError("socket timed out", { code: "ESOCKETTIMEDOUT" }), "Timeout"],
    ["undici's connect timeout", nodeError("Connect Timeout Error", { code: "UND_ERR_CONNECT_TIMEOUT" }), "Timeout"],
    ["undici's headers timeout", nodeError("Headers Timeout Error", { code: "UND_ERR_HEADERS_TIMEOUT" }), "Timeout"],
    ["undici's body timeout", nodeError("Body Timeout Error", { code: "UND_ERR_BODY_TIMEOUT" }), "Timeout"],
    ["Socket Hang Up in another case", nodeError("Socket Hang Up", {}), "ConnectionReset"],
    [
      "a DOMException abort (code ABORT_ERR)",
      nodeError("This operation was aborted", { code: "ABORT_ERR" }),
      "Aborted"
    ],
    ["an unknown code", nodeError("something else", { code: "EWHATEVER" }), "Unknown"]
  ]
  for (const [name, thrown, reason] of cases) {
    it.effect(`${name} → TransportError ${reason}`, () =>
      Effect.gen(function*() {
        const e = expectTag(yield* failFromClient(thrown), "TransportError")
        assert.strictEqual(e.reason, reason)
        assert.isFalse(e.detail === "")
      }))
  }

  it.effect("the detail is the first line of the error's message, cut at 300 characters", () =>
    Effect.gen(function*() {
      const long = "x".repeat(400)
      const e = expectTag(
        yield* failFromClient(
          nodeError(`  connect ECONNREFUSED 127.0.0.1:1  \n    at stack line`, { code: "ECONNREFUSED" })
        ),
        "TransportError"
      )
      assert.strictEqual(e.detail, "connect ECONNREFUSED 127.0.0.1:1")
      const cut = expectTag(yield* failFromClient(nodeError(long, { code: "ECONNRESET" })), "TransportError")
      assert.strictEqual(cut.detail, `${"x".repeat(300)}…`)
      const exact = expectTag(
        yield* failFromClient(nodeError("y".repeat(300), { code: "ECONNRESET" })),
        "TransportError"
      )
      assert.strictEqual(exact.detail, "y".repeat(300))
    }))

  it.effect("an error without a message: the detail says that no response came back", () =>
    Effect.gen(function*() {
      const e = expectTag(yield* failFromClient(nodeError("", { code: "ECONNRESET" })), "TransportError")
      assert.strictEqual(e.detail, "the request failed before a response came back")
      assert.strictEqual(e.reason, "ConnectionReset")
    }))

  it.effect("a non-error is kept as its text", () =>
    Effect.gen(function*() {
      const e = expectTag(yield* failFromClient("something odd"), "TransportError")
      assert.strictEqual(e.detail, "something odd")
    }))

  it.effect("an abort: reason Aborted, the detail says the request was aborted", () =>
    Effect.gen(function*() {
      const client = { config: {}, send: () => Promise.reject(nodeError("x", { name: "AbortError" })), destroy() {} }
      const e = expectTag(
        yield* call({}).pipe(
          Effect.provide(PersonalizeAws.layerFromClient(client as unknown as SdkClient)),
          Effect.flip
        ),
        "TransportError"
      )
      assert.strictEqual(e.reason, "Aborted")
      assert.strictEqual(e.detail, "the request was aborted before a response came back")
    }))

  for (
    const [name, message] of [
      ["CredentialsProviderError", "Could not load credentials from any providers"],
      ["ProviderError", "No providers in chain"],
      ["TokenProviderError", "Could not load token from any providers"]
    ] as const
  ) {
    it.effect(`${name} → AccessDeniedException, origin client, code kept, says nothing was sent`, () =>
      Effect.gen(function*() {
        const thrown = nodeError(message, { name, tryNextLink: false })
        const e = expectTag(yield* failFromClient(thrown), "AccessDeniedException")
        assert.strictEqual(e.origin, "client")
        assert.strictEqual(e.code, name)
        assert.strictEqual(e.detail, message)
        assert.isUndefined(e.status)
        assert.isUndefined(e.requestId)
        assert.include(e.message, "Nothing was sent to Amazon Personalize")
        assert.notInclude(e.message, "Access denied by Amazon Personalize")
        assert.isFalse(PersonalizeError.isRetryable(e))
      }))
  }

  it.effect("a provider error carrying a network error's code is still a credentials error, not a TransportError", () =>
    Effect.gen(function*() {
      // what the instance metadata provider throws: its own error with the socket error's members copied onto it
      const thrown = nodeError("Unable to connect to instance metadata service", {
        name: "ProviderError",
        code: "ECONNREFUSED",
        tryNextLink: true
      })
      const e = expectTag(yield* failFromClient(thrown), "AccessDeniedException")
      assert.strictEqual(e.origin, "client")
    }))

  it.effect("CredentialsProviderError from the credential provider of a real client: nothing is sent", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, {}))
      const error = yield* failLoadingCredentials(
        server,
        nodeError("Could not load credentials from any providers", { name: "CredentialsProviderError" })
      )
      const e = expectTag(error, "AccessDeniedException")
      assert.strictEqual(e.origin, "client")
      assert.strictEqual(e.code, "CredentialsProviderError")
      assert.strictEqual(server.requests.length, 0)
    }))

  it.effect("a role STS refuses to assume, in the credential chain of a real client: a credentials error, nothing sent", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, {}))
      // what the SDK's STS client throws when AssumeRole is denied (the credential chain passes it on as is)
      const refused = nodeError(
        "User: arn:aws:iam::111122223333:user/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/reader",
        { name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403, requestId: "sts-request-1" } }
      )
      for (const transport of transports) {
        const error = yield* failLoadingCredentials(server, refused, transport)
        const e = expectTag(error, "AccessDeniedException")
        assert.strictEqual(e.origin, "client", transport.name)
        assert.strictEqual(e.code, "AccessDenied")
        assert.strictEqual(e.requestId, "sts-request-1")
        assert.include(e.message, "sts:AssumeRole")
        assert.include(e.message, "Nothing was sent to Amazon Personalize")
        assert.notInclude(e.message, "Access denied by Amazon Personalize")
      }
      assert.strictEqual(server.requests.length, 0)
    }))

  it.effect("a network failure in the credential chain: a TransportError that names no endpoint and says nothing was sent", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, {}))
      // what the STS client's request fails with when STS cannot be reached
      const unreachable = nodeError("connect ECONNREFUSED 10.0.0.1:443", { code: "ECONNREFUSED" })
      for (const transport of transports) {
        const error = yield* failLoadingCredentials(server, unreachable, transport)
        const e = expectTag(error, "TransportError")
        assert.strictEqual(e.reason, "ConnectionRefused", transport.name)
        assert.isUndefined(e.endpoint)
        assert.include(e.detail, "10.0.0.1:443")
        assert.include(e.detail, "nothing was sent to Amazon Personalize")
        assert.isTrue(PersonalizeError.isRetryable(e))
      }
      assert.strictEqual(server.requests.length, 0)
    }))

  it.effect("the same error from Amazon Personalize itself, after sending: access denied by the service", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(
        TestServer.respond(400, { __type: "AccessDeniedException", message: "not allowed" })
      )
      const e = expectTag(yield* call({}).pipe(Effect.provide(layerFor(server)), Effect.flip), "AccessDeniedException")
      assert.strictEqual(e.origin, "service")
      assert.strictEqual(server.requests.length, 1)
    }))

  it.effect("an unforeseen service-shaped error → PersonalizeServiceException, never a defect", () =>
    Effect.gen(function*() {
      const thrown = Object.assign(new Error("weird"), {
        name: "com.amazon.coral#Weird:suffix",
        $fault: "server",
        $metadata: { httpStatusCode: 502 }
      })
      const e = expectTag(yield* failFromClient(thrown), "PersonalizeServiceException")
      assert.strictEqual(e.code, "Weird")
      assert.strictEqual(e.status, 502)
      assert.strictEqual(e.fault, "server")
    }))

  it.effect("a deserialization failure of a 200 (no $fault) → ResponseDecodeError", () =>
    Effect.gen(function*() {
      const thrown = Object.assign(new TypeError("Cannot read properties of null"), {
        $metadata: { httpStatusCode: 200, requestId: "r-1" }
      })
      const e = expectTag(yield* failFromClient(thrown), "ResponseDecodeError")
      assert.deepStrictEqual(e.path, [])
      assert.strictEqual(e.requestId, "r-1")
    }))

  it.effect("the static credentials of a caller-owned client are redacted too", () =>
    Effect.gen(function*() {
      const secret = "SECRET-OF-A-CALLER-OWNED-CLIENT"
      const client = {
        config: {},
        initConfig: { credentials: { accessKeyId: "AKID", secretAccessKey: secret } },
        send: () => Promise.reject(nodeError(`leaked ${secret}`, { code: "ECONNRESET" })),
        destroy: () => {}
      } as unknown as SdkClient
      const e = yield* call({}).pipe(Effect.provide(PersonalizeAws.layerFromClient(client)), Effect.flip)
      assert.notInclude(JSON.stringify(e), secret)
      assert.include(e.message, "<redacted>")
      assert.isFalse(Redacted.isRedacted(e))
    }))
})

describe("error mapping never throws", () => {
  it.effect("an error whose members throw when read → TransportError Unknown", () =>
    Effect.gen(function*() {
      const hostile = new Proxy({}, {
        get: () => {
          throw new Error("boom")
        },
        has: () => {
          throw new Error("boom")
        }
      })
      const e = expectTag(yield* failFromClient(hostile), "TransportError")
      assert.strictEqual(e.reason, "Unknown")
      assert.strictEqual(e.detail, "the AWS SDK failed with an error that could not be read")
    }))
})

describe("the cause kept on an error: what the SDK threw, copied without anything secret", () => {
  const secret = "SECRET-KEY-OF-THE-CALLER-0001"
  // a caller-owned client: its static credentials are the secrets to keep out
  const clientRejecting = (error: unknown, credentials: Record<string, string> = { secretAccessKey: secret }) =>
    ({
      config: {},
      initConfig: { credentials: { accessKeyId: "AKID", ...credentials } },
      send: () => Promise.reject(error),
      destroy: () => {}
    }) as unknown as SdkClient
  const causeOf = (error: unknown, credentials?: Record<string, string>) =>
    call({}).pipe(
      Effect.provide(PersonalizeAws.layerFromClient(clientRejecting(error, credentials))),
      Effect.flip,
      Effect.map((e) => ({ error: e, cause: e.cause as Record<string, unknown> }))
    )

  class Socket {
    constructor(readonly secret: string) {}
  }

  it.effect("members copied and scrubbed: strings, arrays, plain objects; instances of classes and deep levels left out", () =>
    Effect.gen(function*() {
      const thrown = Object.assign(new Error(`connect ECONNRESET ${secret}`), {
        code: "ECONNRESET",
        errno: -104,
        retryable: true,
        hosts: [`a ${secret}`, "b"],
        plain: { note: `n ${secret}`, level2: { level3: { level4: { level5: { text: "too deep" } } } } },
        bare: Object.assign(Object.create(null), { text: `bare ${secret}` }),
        socket: new Socket(secret)
      })
      const { cause } = yield* causeOf(thrown)
      assert.instanceOf(cause, Error)
      assert.strictEqual(cause.message, "connect ECONNRESET <redacted>")
      assert.include(String(cause.stack), "connect ECONNRESET <redacted>")
      assert.notInclude(String(cause.stack), secret)
      assert.strictEqual(cause.name, "Error")
      assert.strictEqual(cause.code, "ECONNRESET")
      assert.strictEqual(cause.errno, -104)
      assert.strictEqual(cause.retryable, true)
      assert.deepStrictEqual(cause.hosts, ["a <redacted>", "b"])
      // the level under the error's members is the last one kept
      assert.deepStrictEqual(cause.plain, {
        note: "n <redacted>",
        level2: { level3: { level4: { level5: undefined } } }
      })
      assert.strictEqual((cause.bare as { text: string }).text, "bare <redacted>")
      assert.isUndefined(cause.socket)
      // as on the original: message, stack and name are not enumerable, the members are
      assert.sameMembers(Object.keys(cause), ["code", "errno", "retryable", "hosts", "plain", "bare", "socket"])
      assert.notInclude(JSON.stringify(cause), secret)
    }))

  it.effect("an inherited name (TypeError) is kept, and a cause under the cause is copied and scrubbed too", () =>
    Effect.gen(function*() {
      const under = Object.assign(new Error(`socket ${secret}`), { code: "ECONNREFUSED" })
      const thrown = new TypeError(`fetch failed ${secret}`, { cause: under })
      const { cause } = yield* causeOf(thrown)
      assert.instanceOf(cause, TypeError)
      assert.strictEqual(cause.name, "TypeError")
      assert.strictEqual(cause.message, "fetch failed <redacted>")
      const inner = cause.cause as Record<string, unknown>
      assert.instanceOf(inner, Error)
      assert.strictEqual(inner.message, "socket <redacted>")
      assert.strictEqual(inner.code, "ECONNREFUSED")
      assert.isFalse(Object.keys(cause).includes("cause"), "the cause stays a hidden member")
    }))

  it.effect("a cycle is cut at its second visit, not followed", () =>
    Effect.gen(function*() {
      const thrown = Object.assign(new Error("loop"), { code: "ECONNRESET", self: undefined as unknown })
      thrown.self = thrown
      const { cause } = yield* causeOf(thrown)
      assert.strictEqual(cause.code, "ECONNRESET")
      // the error under itself is copied once, and there the cycle ends
      const again = cause.self as Record<string, unknown>
      assert.instanceOf(again, Error)
      assert.strictEqual(again.code, "ECONNRESET")
      assert.isUndefined(again.self)
    }))

  it.effect("secrets are replaced whole, the longest first; an empty credential value replaces nothing", () =>
    Effect.gen(function*() {
      const token = "TOKEN-0002"
      const thrown = Object.assign(new Error(`key ${secret}${token} token ${token}`), { code: "ECONNRESET" })
      // the token is a part of nothing here; the key contains no other secret: both go whole
      const { error } = yield* causeOf(thrown, { secretAccessKey: `${secret}${token}`, sessionToken: token })
      assert.strictEqual(error._tag === "TransportError" ? error.detail : "", "key <redacted> token <redacted>")
      const empty = yield* causeOf(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }), {
        secretAccessKey: "",
        sessionToken: ""
      })
      assert.strictEqual(empty.error._tag === "TransportError" ? empty.error.detail : "", "read ECONNRESET")
    }))
})

describe("reading what the SDK threw: codes, statuses, request ids", () => {
  const serviceError = (fields: Record<string, unknown>) =>
    Object.assign(new Error(typeof fields.message === "string" ? fields.message : "m"), fields)

  it.effect("the code is the SDK's name, else the body's __type (names Unknown, Error or empty), else unknown", () =>
    Effect.gen(function*() {
      for (const name of ["Unknown", "Error", ""]) {
        const e = yield* failFromClient(
          serviceError({ name, __type: "SomethingNew", $fault: "client", $metadata: { httpStatusCode: 400 } })
        )
        assert.strictEqual(e._tag === "PersonalizeServiceException" ? e.code : e._tag, "SomethingNew", name)
      }
      const none = yield* failFromClient(
        serviceError({ name: "Unknown", __type: "", $fault: "server", $metadata: { httpStatusCode: 500 } })
      )
      assert.strictEqual(
        none._tag === "PersonalizeServiceException" ? none.code : none._tag,
        PersonalizeError.unknownCode
      )
    }))

  it.effect("an empty request id is none; a status that is not a number is none", () =>
    Effect.gen(function*() {
      const e = yield* failFromClient(
        serviceError({
          name: "InternalFailure",
          $fault: "server",
          $metadata: { httpStatusCode: "500", requestId: "" }
        })
      )
      const s = expectTag(e, "PersonalizeServiceException")
      assert.isUndefined(s.requestId)
      assert.isUndefined(s.status)
    }))

  it.effect("a $fault that is neither client nor server is not a service error: the status decides", () =>
    Effect.gen(function*() {
      const e = yield* failFromClient(
        serviceError({ name: "Weird", message: "bad body", $fault: "other", $metadata: { httpStatusCode: 200 } })
      )
      const d = expectTag(e, "ResponseDecodeError")
      assert.strictEqual(d.detail, "the HTTP 200 response body is not a valid awsJson1_1 document (bad body)")
    }))

  it.effect("a body the SDK cannot read: 2xx is a ResponseDecodeError, 300 and above a service error with the status", () =>
    Effect.gen(function*() {
      const unreadable = (status: number) =>
        failFromClient(Object.assign(new SyntaxError("Unexpected token < in JSON\nat line 2"), {
          $metadata: { httpStatusCode: status, requestId: "r-9" }
        }))
      const ok = expectTag(yield* unreadable(299), "ResponseDecodeError")
      assert.strictEqual(
        ok.detail,
        "the HTTP 299 response body is not a valid awsJson1_1 document (Unexpected token < in JSON)"
      )
      for (const status of [300, 502]) {
        const e = expectTag(yield* unreadable(status), "PersonalizeServiceException")
        assert.strictEqual(e.status, status)
        assert.strictEqual(e.requestId, "r-9")
        assert.include(e.message, `the HTTP ${status} response has no readable error body (Unexpected token < in JSON)`)
      }
      const notError = expectTag(
        yield* failFromClient({ $metadata: { httpStatusCode: 200 }, toString: () => "an odd object" }),
        "ResponseDecodeError"
      )
      assert.include(notError.detail, "(an odd object)")
    }))

  it.effect("a credentials error: the first line of its message as detail, none when it has no message", () =>
    Effect.gen(function*() {
      const lines = expectTag(
        yield* failFromClient(
          nodeError("Could not load credentials\n  from any providers", { name: "CredentialsProviderError" })
        ),
        "AccessDeniedException"
      )
      assert.strictEqual(lines.detail, "Could not load credentials")
      const bare = expectTag(
        yield* failFromClient(nodeError("", { name: "ProviderError" })),
        "AccessDeniedException"
      )
      assert.isUndefined(bare.detail)
    }))
})
