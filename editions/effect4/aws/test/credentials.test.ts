import { ListBatchSegmentJobs, Retry } from "@effect-personalize/core"
import type { PersonalizeError } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect } from "effect"
import { inspect } from "node:util"
import type { Transport } from "./utils/fixtures.js"
import { accessKeyId, call, layerFor, secretAccessKey, sessionToken, transports } from "./utils/fixtures.js"
import * as TestServer from "./utils/TestServer.js"

/**
 * What a careless or hostile service could send back: the signed request as AWS prints it in a signature
 * mismatch (canonical request with the `x-amz-security-token` header), plus, as a worst case, the secret key.
 */
const echo = (request: TestServer.Received): string =>
  [
    "The request signature we calculated does not match the signature you provided.",
    "The Canonical String for this request should have been",
    `'POST\n/\n\n${Object.entries(request.headers).map(([name, value]) => `${name}:${String(value)}`).join("\n")}'`,
    `secret ${secretAccessKey} token ${sessionToken}`
  ].join("\n")

/**
 * Each case: a name, the server's answer, and whether the echo can come back in the error's text (the SDK keeps only
 * ten characters of a body that is not JSON; there the risk is the SDK error's hidden `$response`, which references
 * the signed request with its `x-amz-security-token` header).
 */
const cases: ReadonlyArray<readonly [string, TestServer.Handler, boolean]> = [
  ["InvalidSignatureException (403) with the canonical request", (request, response, raw) =>
    TestServer.respond(403, {
      __type: "InvalidSignatureException",
      message: echo(request),
      Message: echo(request),
      canonicalRequest: echo(request)
    })(request, response, raw), true],
  [
    "ExpiredTokenException naming the token",
    (request, response, raw) =>
      TestServer.respond(400, { __type: "ExpiredTokenException", message: `token ${sessionToken} expired` })(
        request,
        response,
        raw
      ),
    true
  ],
  [
    "an unknown error code",
    (request, response, raw) =>
      TestServer.respond(400, { __type: "SomethingNew", message: echo(request), headers: request.headers })(
        request,
        response,
        raw
      ),
    true
  ],
  [
    "throttling",
    (request, response, raw) =>
      TestServer.respond(429, { __type: "TooManyRequestsException", message: echo(request) })(request, response, raw),
    true
  ],
  [
    "a 500 body that is not JSON",
    (request, response, raw) => TestServer.respond(500, echo(request))(request, response, raw),
    false
  ],
  [
    "a 200 body that is not JSON",
    (request, response, raw) => TestServer.respond(200, echo(request))(request, response, raw),
    false
  ]
]

const renderings = (error: PersonalizeError.PersonalizeError): ReadonlyArray<string> => [
  error.message,
  String(error),
  JSON.stringify(error),
  inspect(error, { showHidden: true, depth: Infinity, getters: true }),
  inspect(error.cause, { showHidden: true, depth: Infinity, getters: true }),
  Cause.pretty(Cause.fail(error)),
  ...Object.values(error).map((value) => typeof value === "string" ? value : inspect(value, { depth: Infinity }))
]

describe.each(transports)("no credential value in any error over the $name", (transport: Transport) => {
  for (const [name, handler, echoed] of cases) {
    it.effect(name, () =>
      Effect.gen(function*() {
        const server = yield* TestServer.make(handler)
        const error = yield* call({}).pipe(Effect.provide(layerFor(server, {}, transport)), Effect.flip)
        // the token really went on the wire, and the echo really came back
        assert.strictEqual(server.requests[0].headers["x-amz-security-token"], sessionToken)
        const texts = renderings(error)
        if (echoed) assert.isTrue(texts.some((text) => text.includes("<redacted>")), `no echo in ${error.message}`)
        for (const text of texts) {
          assert.notInclude(text, sessionToken)
          assert.notInclude(text, secretAccessKey)
        }
      }))
  }

  it.effect("through ListBatchSegmentJobs.list as well", () =>
    Effect.gen(function*() {
      const [, handler] = cases[0]
      const server = yield* TestServer.make(handler)
      const error = yield* ListBatchSegmentJobs.list({}, { retry: Retry.none }).pipe(
        Effect.provide(layerFor(server, {}, transport)),
        Effect.flip
      )
      assert.strictEqual(error._tag, "AccessDeniedException")
      for (const text of renderings(error)) {
        assert.notInclude(text, sessionToken)
        assert.notInclude(text, secretAccessKey)
      }
    }))

  it.effect("credentials from a provider (a role, SSO, a profile): the session token is redacted in every form an echo takes", () =>
    Effect.gen(function*() {
      // The layer does not know these values (no static credentials): only the token's header name gives it away.
      const forms = (token: string) =>
        [
          `x-amz-security-token:${token}`,
          `X-Amz-Security-Token: ${token}`,
          `{"x-amz-security-token":"${token}"}`,
          `{'X-Amz-Security-Token': '${token}'}`,
          `https://personalize.eu-west-1.amazonaws.com/?X-Amz-Security-Token=${token}&X-Amz-Date=20250101T000000Z`
        ].join("\n")
      const server = yield* TestServer.make((request, response, raw) =>
        TestServer.respond(403, {
          __type: "InvalidSignatureException",
          message: forms(String(request.headers["x-amz-security-token"]))
        })(request, response, raw)
      )
      const error = yield* call({}).pipe(
        Effect.provide(layerFor(server, {
          credentials: undefined,
          clientConfig: { credentials: () => Promise.resolve({ accessKeyId, secretAccessKey, sessionToken }) }
        }, transport)),
        Effect.flip
      )
      assert.strictEqual(server.requests[0].headers["x-amz-security-token"], sessionToken)
      assert.strictEqual(error._tag, "AccessDeniedException")
      if (error._tag !== "AccessDeniedException") return
      // every form kept, with the value replaced
      assert.strictEqual(error.detail, forms("<redacted>"))
      for (const text of renderings(error)) assert.notInclude(text, sessionToken)
    }))

  it.effect("the SDK's own error object keeps its class and fields, without the hidden raw response", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(400, { __type: "ThrottlingException", message: "m" }))
      const error = yield* call({}).pipe(Effect.provide(layerFor(server, {}, transport)), Effect.flip)
      const cause = error.cause as Record<string, unknown>
      assert.instanceOf(cause, Error)
      assert.strictEqual(cause.name, "ThrottlingException")
      assert.strictEqual(cause.$fault, "client")
      assert.deepInclude(cause.$metadata as object, { httpStatusCode: 400, requestId: "req-0001" })
      assert.isUndefined(cause.$response)
    }))
})
