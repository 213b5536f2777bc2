import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Stream, Tracer } from "effect"
import { HttpClient } from "effect/http"
import { call, httpClientUndici, layerFor, sessionToken } from "./utils/fixtures.js"
import * as TestServer from "./utils/TestServer.js"

/** A tracer that keeps every span it makes (effect's own spans), to look at after the run. */
const recordingTracer = () => {
  const spans: Array<Tracer.NativeSpan> = []
  const tracer = Tracer.make({
    span(options) {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    }
  })
  return { tracer, spans }
}

const parentName = (span: Tracer.NativeSpan): string | undefined =>
  Option.isSome(span.parent) && span.parent.value._tag === "Span" ? span.parent.value.name : undefined

const emptyPage = TestServer.respond(200, { batchSegmentJobs: [] })

describe("PersonalizeAws.layerHttpClient: spans", () => {
  it.effect("the HttpClient's span is a child of the span of the fiber that calls the port, call by call", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(emptyPage)
      const { spans, tracer } = recordingTracer()
      // effect 4 names the HttpClient's span after the method, as OpenTelemetry does
      // two calls at once under two spans (as two pages of two streams would be): each exchange finds its own parent
      yield* Effect.all([
        call({ maxResults: 1 }).pipe(Effect.withSpan("first page")),
        call({ maxResults: 2 }).pipe(Effect.withSpan("second page"))
      ], { concurrency: 2 }).pipe(
        Effect.provide(layerFor(server, {}, httpClientUndici)),
        Effect.withTracer(tracer),
        // effect 4 records no header by default: every header here, to see what is recorded of the credentials
        Effect.provideService(HttpClient.TracerHeaderFilter, () => true)
      )
      const http = spans.filter((span) => span.name === "POST")
      assert.deepStrictEqual(http.map(parentName).sort(), ["first page", "second page"])
      for (const span of http) {
        assert.strictEqual(span.attributes.get("http.response.status_code"), 200)
        // the session token is a credential: redacted like authorization
        assert.strictEqual(String(span.attributes.get("http.request.header.x-amz-security-token")), "<redacted>")
        assert.strictEqual(String(span.attributes.get("http.request.header.authorization")), "<redacted>")
        for (const value of span.attributes.values()) assert.notInclude(String(value), sessionToken)
      }
    }))

  it.effect("through the core, the HttpClient's span is a child of the page span", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(emptyPage)
      const { spans, tracer } = recordingTracer()
      yield* ListBatchSegmentJobs.list({}).pipe(
        Effect.provide(layerFor(server, {}, httpClientUndici)),
        Effect.withTracer(tracer)
      )
      yield* Stream.runDrain(ListBatchSegmentJobs.pages({})).pipe(
        Effect.provide(layerFor(server, {}, httpClientUndici)),
        Effect.withTracer(tracer)
      )
      const http = spans.filter((span) => span.name === "POST")
      assert.deepStrictEqual(http.map(parentName), ["ListBatchSegmentJobs.list", "ListBatchSegmentJobs.page"])
    }))
})
