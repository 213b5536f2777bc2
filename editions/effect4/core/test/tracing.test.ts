import { ListBatchSegmentJobs, PersonalizeError } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Option, Stream, Tracer } from "effect"
import { TestClock } from "effect/testing"
import { fake, layout } from "./utils/fake.js"

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
      assert.strictEqual(span.status._tag, "Ended")
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
      assert.isTrue(pages.every((p) => parentName(p) === "ListBatchSegmentJobs.pages" && p.status._tag === "Ended"))
      assert.deepStrictEqual(pages.map((p) => p.attributes.get("aws.request_id")), ["req-1", "req-2", "req-3"])
      assert.strictEqual(root[0]!.attributes.get("personalize.pages"), 3)
      assert.strictEqual(root[0]!.attributes.get("personalize.items"), 5)
      assert.strictEqual(root[0]!.status._tag, "Ended")
    }))

  it.effect("each page span and the list span say how many attempts their call took", () =>
    Effect.gen(function*() {
      const { spans, tracer } = recordingTracer()
      const service = fake(layout([1, 1, 1]), {
        fail: (index, call) =>
          index === 1 && call === 2
            ? new PersonalizeError.ThrottlingException({ code: "ThrottlingException" })
            : undefined
      })
      const fiber = yield* Stream.runDrain(ListBatchSegmentJobs.stream({})).pipe(
        Effect.provide(service.layer),
        Effect.withTracer(tracer),
        Effect.forkChild
      )
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      const pages = spans.filter((s) => s.name === "ListBatchSegmentJobs.page")
      assert.deepStrictEqual(pages.map((p) => p.attributes.get("personalize.attempts")), [1, 2, 1])
      const list = fake(layout([1]))
      yield* ListBatchSegmentJobs.list({}).pipe(Effect.provide(list.layer), Effect.withTracer(tracer))
      assert.strictEqual(
        spans.find((s) => s.name === "ListBatchSegmentJobs.list")!.attributes.get("personalize.attempts"),
        1
      )
    }))
})
