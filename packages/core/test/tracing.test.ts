import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Stream, Tracer } from "effect"
import { fake, layout } from "./utils/fake.js"

interface Recorded {
  readonly name: string
  readonly parent: string | undefined
  readonly attributes: Map<string, unknown>
  readonly kind: Tracer.SpanKind
  ended: boolean
}

const recordingTracer = () => {
  const spans: Array<Recorded> = []
  let id = 0
  const tracer = Tracer.make({
    span(name, parent, context, links, startTime, kind) {
      const spanId = `span-${++id}`
      const recorded: Recorded = {
        name,
        parent: Option.isSome(parent) && parent.value._tag === "Span"
          ? spans.find((s) => (s as any).spanId === parent.value.spanId)?.name
          : undefined,
        attributes: new Map(),
        kind,
        ended: false
      }
      ;(recorded as any).spanId = spanId
      spans.push(recorded)
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId,
        traceId: "trace",
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes: recorded.attributes,
        links,
        sampled: true,
        kind,
        end: () => {
          recorded.ended = true
        },
        attribute: (key, value) => {
          recorded.attributes.set(key, value)
        },
        event: () => {},
        addLinks: () => {}
      }
      return span
    },
    context: (f) => f()
  })
  return { tracer, spans }
}

describe("tracing", () => {
  it.effect("list makes one client span with the AWS RPC attributes and the request id", () =>
    Effect.gen(function*() {
      const { spans, tracer } = recordingTracer()
      const service = fake(layout([2]))
      yield* ListBatchSegmentJobs.list({}).pipe(Effect.provide(service.layer), Effect.withTracer(tracer))
      const span = spans.find((s) => s.name === "ListBatchSegmentJobs.list")!
      assert.strictEqual(span.kind, "client")
      assert.strictEqual(span.attributes.get("rpc.system"), "aws-api")
      assert.strictEqual(span.attributes.get("rpc.service"), "Personalize")
      assert.strictEqual(span.attributes.get("rpc.method"), "ListBatchSegmentJobs")
      assert.strictEqual(span.attributes.get("aws.request_id"), "req-1")
      assert.strictEqual(span.attributes.get("personalize.items"), 2)
      assert.isTrue(span.ended)
    }))

  it.effect("a stream makes a span per page under one span with the page and item counts", () =>
    Effect.gen(function*() {
      const { spans, tracer } = recordingTracer()
      const service = fake(layout([2, 0, 3]))
      yield* Stream.runDrain(ListBatchSegmentJobs.stream({})).pipe(
        Effect.provide(service.layer),
        Effect.withTracer(tracer)
      )
      const root = spans.filter((s) => s.name === "ListBatchSegmentJobs.pages")
      const pages = spans.filter((s) => s.name === "ListBatchSegmentJobs.page")
      assert.strictEqual(root.length, 1)
      assert.strictEqual(pages.length, 3)
      assert.isTrue(pages.every((p) => p.parent === "ListBatchSegmentJobs.pages" && p.ended))
      assert.deepStrictEqual(pages.map((p) => p.attributes.get("aws.request_id")), ["req-1", "req-2", "req-3"])
      assert.strictEqual(root[0]!.attributes.get("personalize.pages"), 3)
      assert.strictEqual(root[0]!.attributes.get("personalize.items"), 5)
      assert.isTrue(root[0]!.ended)
    }))
})
