import { ListBatchSegmentJobs, PersonalizeError, ResumeToken, Retry } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Duration, Effect, Exit, Fiber, Option, Schema, Stream } from "effect"
import { TestClock } from "effect/testing"
import { fake, job, layout, solutionVersionArn } from "./utils/fake.js"

const throttled = (call: number) =>
  new PersonalizeError.ThrottlingException({ code: "ThrottlingException", status: 400, detail: `call ${call}` })

const names = (jobs: ReadonlyArray<{ readonly jobName?: string | undefined }>) => jobs.map((j) => j.jobName)

const pageSizes = Arbitrary.schema(
  Schema.Array(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 100 }))).check(Schema.isMaxLength(50))
)
const cutSeeds = Arbitrary.schema(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 2 ** 31 - 1 })))
const pageSizeOptions = Arbitrary.schema(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100 })))

describe("pages and stream", () => {
  it.effect.prop(
    "stream yields the concatenation in order, pages each page, one request per page",
    [pageSizes],
    ([sizes]) =>
      Effect.gen(function*() {
        const pages = layout(sizes)
        const all = pages.flat()
        const service = fake(pages)
        const jobs = yield* Stream.runCollect(ListBatchSegmentJobs.stream({})).pipe(Effect.provide(service.layer))
        assert.deepStrictEqual(names(jobs), names(all))
        // the service answers at least one (empty) page
        const expectedPages = Math.max(1, pages.length)
        assert.strictEqual(service.requests.length, expectedPages)

        const viaPages = fake(pages)
        const got = yield* Stream.runCollect(ListBatchSegmentJobs.pages({})).pipe(Effect.provide(viaPages.layer))
        assert.strictEqual(got.length, expectedPages)
        got.forEach((page, i) => {
          assert.deepStrictEqual(names(page.batchSegmentJobs), names(pages[i] ?? []))
          assert.deepStrictEqual(page.nextToken, i + 1 < pages.length ? Option.some(`p${i + 1}`) : Option.none())
        })
        assert.strictEqual(viaPages.requests.length, expectedPages)
      }),
    { arbitrary: { runs: 60, seed: 1 } }
  )

  it.effect.prop(
    "taking N jobs, checkpointing and resuming yields the rest: no duplicate, no gap",
    [pageSizes, cutSeeds, pageSizeOptions],
    ([sizes, cutSeed, pageSize]) =>
      Effect.gen(function*() {
        const pages = layout(sizes)
        const all = names(pages.flat())
        if (all.length === 0) return
        const cut = 1 + (cutSeed % all.length)
        const service = fake(pages)
        const first = yield* ListBatchSegmentJobs.streamWithResumeToken({}, { pageSize }).pipe(
          Stream.take(cut),
          Stream.runCollect,
          Effect.provide(service.layer)
        )
        const taken = first
        const token = taken[taken.length - 1]!.resumeToken
        const rest = yield* Stream.runCollect(ListBatchSegmentJobs.stream({}, { startingToken: token, pageSize })).pipe(
          Effect.provide(service.layer)
        )
        assert.deepStrictEqual([...names(taken.map((t) => t.job)), ...names(rest)], all)

        // the same through collect and maxItems
        const collected = yield* ListBatchSegmentJobs.collect({}, { maxItems: cut }).pipe(Effect.provide(service.layer))
        assert.deepStrictEqual(names(collected.jobs), all.slice(0, cut))
        if (cut === all.length) {
          // nothing left: a token, if any, resumes to nothing
          if (Option.isSome(collected.resumeToken)) {
            const none = yield* ListBatchSegmentJobs.collect({}, { startingToken: collected.resumeToken.value }).pipe(
              Effect.provide(service.layer)
            )
            assert.deepStrictEqual(none.jobs, [])
          }
        } else {
          assert.isTrue(Option.isSome(collected.resumeToken))
          const resumed = yield* ListBatchSegmentJobs.collect({}, {
            startingToken: Option.getOrThrow(collected.resumeToken)
          }).pipe(Effect.provide(service.layer))
          assert.deepStrictEqual([...names(collected.jobs), ...names(resumed.jobs)], all)
          assert.isTrue(Option.isNone(resumed.resumeToken))
        }
      }),
    { arbitrary: { runs: 60, seed: 2 } }
  )

  it.effect("is lazy: take(3) with a page size of 100 sends exactly one request", () =>
    Effect.gen(function*() {
      const service = fake(layout([100, 100, 100]))
      const jobs = yield* ListBatchSegmentJobs.stream({}, { pageSize: 100 }).pipe(
        Stream.take(3),
        Stream.runCollect,
        Effect.provide(service.layer)
      )
      assert.strictEqual(jobs.length, 3)
      assert.deepStrictEqual(service.requests, [{ maxResults: 100 }])
    }))

  it.effect("requests a page only when the consumer pulls", () =>
    Effect.scoped(Effect.gen(function*() {
      const service = fake(layout([2, 2, 2, 2]))
      const pull = yield* Stream.toPull(ListBatchSegmentJobs.pages({}).pipe(Stream.provide(service.layer)))
      assert.strictEqual(service.requests.length, 0)
      yield* pull
      yield* TestClock.adjust("1 second")
      assert.strictEqual(service.requests.length, 1)
      yield* pull
      yield* TestClock.adjust("1 second")
      assert.strictEqual(service.requests.length, 2)
    })))

  for (const prefetch of [1, 2, 3]) {
    it.effect(`with prefetch ${prefetch}, at most ${prefetch} page(s) are fetched ahead of the consumer`, () =>
      Effect.scoped(Effect.gen(function*() {
        const service = fake(layout([1, 1, 1, 1, 1, 1, 1, 1]))
        const pull = yield* Stream.toPull(
          ListBatchSegmentJobs.pages({}, { prefetch }).pipe(Stream.provide(service.layer))
        )
        const first = yield* pull
        assert.deepStrictEqual(names(first[0].batchSegmentJobs), ["job-0"])
        yield* TestClock.adjust("1 second")
        assert.strictEqual(service.requests.length, 1 + prefetch)
        yield* pull
        yield* TestClock.adjust("1 second")
        assert.strictEqual(service.requests.length, 2 + prefetch)
      })))
  }

  it.effect("prefetch does not change what is emitted", () =>
    Effect.gen(function*() {
      const pages = layout([3, 0, 5, 2, 7])
      const service = fake(pages)
      const jobs = yield* Stream.runCollect(ListBatchSegmentJobs.stream({}, { prefetch: 2 })).pipe(
        Effect.provide(service.layer)
      )
      assert.deepStrictEqual(names(jobs), names(pages.flat()))
      assert.strictEqual(service.requests.length, 5)
    }))

  it.effect("maxItems cuts a page and requests nothing beyond", () =>
    Effect.gen(function*() {
      const service = fake(layout([5, 5, 5]))
      const pages = yield* Stream.runCollect(ListBatchSegmentJobs.pages({}, { maxItems: 7 })).pipe(
        Effect.provide(service.layer)
      )
      assert.deepStrictEqual(pages.map((p) => p.batchSegmentJobs.length), [5, 2])
      assert.deepStrictEqual(pages.map((p) => p.truncated), [false, true])
      assert.strictEqual(service.requests.length, 2)
      const none = fake(layout([5]))
      const empty = yield* Stream.runCollect(ListBatchSegmentJobs.stream({}, { maxItems: 0 })).pipe(
        Effect.provide(none.layer)
      )
      assert.strictEqual(empty.length, 0)
      assert.strictEqual(none.requests.length, 0)
    }))

  it.effect("the request's maxResults wins over pageSize; pageSize is sent as maxResults", () =>
    Effect.gen(function*() {
      const both = fake(layout([1, 1]))
      yield* Stream.runDrain(ListBatchSegmentJobs.stream({ maxResults: 10, solutionVersionArn }, { pageSize: 20 }))
        .pipe(Effect.provide(both.layer))
      assert.deepStrictEqual(both.requests, [
        { maxResults: 10, solutionVersionArn },
        { maxResults: 10, solutionVersionArn, nextToken: "p1" }
      ])
      const size = fake(layout([1]))
      yield* Stream.runDrain(ListBatchSegmentJobs.stream({}, { pageSize: 20 })).pipe(Effect.provide(size.layer))
      assert.deepStrictEqual(size.requests, [{ maxResults: 20 }])
    }))

  it.effect("a service token as startingToken starts at that page", () =>
    Effect.gen(function*() {
      const service = fake(layout([1, 1, 1]))
      const jobs = yield* Stream.runCollect(ListBatchSegmentJobs.stream({}, { startingToken: "p2" })).pipe(
        Effect.provide(service.layer)
      )
      assert.deepStrictEqual(names(jobs), ["job-2"])
      assert.deepStrictEqual(service.requests, [{ nextToken: "p2" }])
    }))

  it.effect("a malformed or tampered resume token fails with InvalidNextTokenException before any request", () =>
    Effect.gen(function*() {
      const good = ResumeToken.encode({
        nextToken: "p1",
        after: { _tag: "Count", skip: 2 },
        solutionVersionArn: undefined
      })
      const tampered = good.slice(0, -12) + (good.at(-12) === "A" ? "B" : "A") + good.slice(-11)
      for (const token of ["epr2.", "epr2.abc", "epr2.abc.def", "epr1.abc.def", tampered, good.slice(0, -1)]) {
        const service = fake(layout([3, 3]))
        const error = yield* Effect.flip(Stream.runDrain(ListBatchSegmentJobs.stream({}, { startingToken: token })))
          .pipe(Effect.provide(service.layer))
        assert.strictEqual(error._tag, "InvalidNextTokenException")
        if (error._tag === "InvalidNextTokenException") assert.strictEqual(error.origin, "client")
        assert.strictEqual(service.requests.length, 0)
      }
    }))

  it.effect("a resume token is bound to the listing's solutionVersionArn", () =>
    Effect.gen(function*() {
      const token = ResumeToken.encode({ nextToken: "p1", after: undefined, solutionVersionArn })
      const service = fake(layout([3, 3]))
      const error = yield* Effect.flip(Stream.runDrain(ListBatchSegmentJobs.stream({}, { startingToken: token }))).pipe(
        Effect.provide(service.layer)
      )
      assert.strictEqual(error._tag, "InvalidNextTokenException")
      assert.match(error.message, /another solutionVersionArn/)
      const ok = yield* Stream.runCollect(ListBatchSegmentJobs.stream({ solutionVersionArn }, { startingToken: token }))
        .pipe(Effect.provide(service.layer))
      assert.deepStrictEqual(names(ok), ["job-3", "job-4", "job-5"])
    }))

  it.effect("round-trips a position", () =>
    Effect.gen(function*() {
      const position: ResumeToken.Position = {
        nextToken: "a/b+c==",
        after: {
          _tag: "Job",
          batchSegmentJobArn: "arn:aws:personalize:::batch-segment-job/a",
          creationDateTime: undefined
        },
        solutionVersionArn
      }
      const decoded = yield* ResumeToken.decode(ResumeToken.encode(position), solutionVersionArn)
      assert.deepStrictEqual(decoded, position)
    }))

  it.effect("request nextToken and a different startingToken together are refused", () =>
    Effect.gen(function*() {
      const service = fake(layout([1, 1, 1]))
      const error = yield* Effect.flip(
        Stream.runDrain(ListBatchSegmentJobs.stream({ nextToken: "p1" }, { startingToken: "p2" }))
      ).pipe(Effect.provide(service.layer))
      assert.strictEqual(error._tag, "InvalidInputException")
      assert.strictEqual(error._tag === "InvalidInputException" && error.field, "startingToken")
      assert.strictEqual(service.requests.length, 0)
    }))
})

describe("termination", () => {
  it.effect("the same token twice fails with PaginationLoopError instead of looping", () =>
    Effect.gen(function*() {
      const service = fake(layout([1, 1, 1]), { token: () => "same" })
      const error = yield* Effect.flip(Stream.runDrain(ListBatchSegmentJobs.stream({}))).pipe(
        Effect.provide(service.layer)
      )
      assert.strictEqual(error._tag, "PaginationLoopError")
      if (error._tag !== "PaginationLoopError") return
      assert.strictEqual(error.token, "same")
      assert.strictEqual(error.pages, 2)
      assert.strictEqual(service.requests.length, 2)
    }))

  it.effect("a token cycle (A, B, A) is a loop too", () =>
    Effect.gen(function*() {
      const service = fake(layout([1, 1, 1, 1]), { token: (i) => (i % 2 === 1 ? "p1" : "p2") })
      const error = yield* Effect.flip(Stream.runDrain(ListBatchSegmentJobs.stream({}))).pipe(
        Effect.provide(service.layer)
      )
      assert.strictEqual(error._tag, "PaginationLoopError")
    }))

  it.effect("an empty token ends the listing; an empty page with a token does not", () =>
    Effect.gen(function*() {
      const pages = [[job(0)], [], [], [job(1)]]
      const service = fake(pages, { token: (i) => (i < 4 ? `p${i}` : "") })
      const jobs = yield* Stream.runCollect(ListBatchSegmentJobs.stream({})).pipe(Effect.provide(service.layer))
      assert.deepStrictEqual(names(jobs), ["job-0", "job-1"])
      assert.strictEqual(service.requests.length, 4)
    }))
})

describe("retries", () => {
  const fixed = Retry.makePolicy({
    base: "100 millis",
    throttlingBase: "500 millis",
    retries: 4,
    retryTime: "1 minute",
    jitter: false
  })

  it.effect("a page throttled twice is retried after the schedule's delays and every job comes once", () =>
    Effect.gen(function*() {
      const pages = layout([2, 2, 2])
      const service = fake(pages, { fail: (index, call) => (index === 1 && call <= 3 ? throttled(call) : undefined) })
      const fiber = yield* Stream.runCollect(ListBatchSegmentJobs.stream({}, { retry: fixed })).pipe(
        Effect.provide(service.layer),
        Effect.forkChild
      )
      yield* TestClock.adjust("499 millis")
      assert.strictEqual(service.requests.length, 2) // page 0, first try of page 1
      yield* TestClock.adjust("1 millis")
      assert.strictEqual(service.requests.length, 3) // first retry after 500 ms
      yield* TestClock.adjust("999 millis")
      assert.strictEqual(service.requests.length, 3)
      yield* TestClock.adjust("1 millis")
      const jobs = yield* Fiber.join(fiber)
      assert.strictEqual(service.requests.length, 5) // second retry after 1000 ms more, then page 2
      assert.deepStrictEqual(names(jobs), names(pages.flat()))
    }))

  it.effect("the default policy retries a transport error, with jitter, within its bounds", () =>
    Effect.gen(function*() {
      const service = fake(layout([1]), {
        fail: (_, call) =>
          call === 1 ? new PersonalizeError.TransportError({ reason: "ConnectionReset", detail: "reset" }) : undefined
      })
      const fiber = yield* ListBatchSegmentJobs.list({}).pipe(Effect.provide(service.layer), Effect.forkChild)
      yield* TestClock.adjust("79 millis") // 100 ms scaled by at least 0.8
      assert.strictEqual(service.requests.length, 1)
      yield* TestClock.adjust("41 millis") // and at most 1.2
      const page = yield* Fiber.join(fiber)
      assert.strictEqual(page.batchSegmentJobs.length, 1)
      assert.strictEqual(service.requests.length, 2)
    }))

  it.effect("a non-retryable error fails at once", () =>
    Effect.gen(function*() {
      const service = fake(layout([1, 1]), {
        fail: (index) =>
          index === 1 ? new PersonalizeError.InvalidNextTokenException({ origin: "service", detail: "bad" }) : undefined
      })
      const error = yield* Effect.flip(Stream.runDrain(ListBatchSegmentJobs.stream({}))).pipe(
        Effect.provide(service.layer)
      )
      assert.strictEqual(error._tag, "InvalidNextTokenException")
      assert.strictEqual(service.requests.length, 2)
    }))

  it.effect("retries stop at the bound with the last error", () =>
    Effect.gen(function*() {
      const service = fake(layout([1]), {
        fail: (_, call) =>
          new PersonalizeError.PersonalizeServiceException({
            code: "ServiceUnavailable",
            status: 503,
            fault: "server",
            detail: `call ${call}`
          })
      })
      const fiber = yield* Effect.flip(ListBatchSegmentJobs.list({}, { retry: fixed })).pipe(
        Effect.provide(service.layer),
        Effect.forkChild
      )
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(service.requests.length, 5)
      assert.strictEqual(error._tag, "PersonalizeServiceException")
      if (error._tag === "PersonalizeServiceException") assert.strictEqual(error.detail, "call 5")
    }))

  it.effect("the policy can be set for a whole program with Retry.layer / Retry.withPolicy", () =>
    Effect.gen(function*() {
      const service = fake(layout([1]), { fail: (_, call) => throttled(call) })
      const error = yield* Effect.flip(ListBatchSegmentJobs.list({})).pipe(
        Retry.withPolicy(Retry.none),
        Effect.provide(service.layer)
      )
      assert.strictEqual(error._tag, "ThrottlingException")
      assert.strictEqual(service.requests.length, 1)
      const again = fake(layout([1]), { fail: (_, call) => throttled(call) })
      yield* Effect.flip(Stream.runDrain(ListBatchSegmentJobs.stream({}))).pipe(
        Effect.provide(again.layer),
        Effect.provide(Retry.layer(Retry.none))
      )
      assert.strictEqual(again.requests.length, 1)
    }))

  it.effect("an attempt that gets no answer times out as a TransportError and is retried", () =>
    Effect.gen(function*() {
      const service = fake(layout([1]), { hang: (_, call) => call === 1 })
      const fiber = yield* ListBatchSegmentJobs.list({}, { timeout: "2 seconds", retry: fixed }).pipe(
        Effect.provide(service.layer),
        Effect.forkChild
      )
      yield* TestClock.adjust("2 seconds")
      assert.deepStrictEqual(service.aborted, [{}])
      yield* TestClock.adjust("100 millis")
      const page = yield* Fiber.join(fiber)
      assert.strictEqual(page.batchSegmentJobs.length, 1)
      assert.strictEqual(service.requests.length, 2)
    }))
})

// The per-attempt timeout is effect's own `Effect.timeoutOrElse`: the same behaviour under the live clock, checked
// here in real (short) time.
describe("the per-attempt timeout under the live clock", () => {
  const fixed = Retry.makePolicy({ base: "10 millis", retries: 2, retryTime: "10 seconds", jitter: false })

  it.live("an attempt that gets no answer is aborted, times out as a TransportError and is retried", () =>
    Effect.gen(function*() {
      const service = fake(layout([1]), { hang: (_, call) => call === 1 })
      const page = yield* ListBatchSegmentJobs.list({}, { timeout: "30 millis", retry: fixed }).pipe(
        Effect.provide(service.layer)
      )
      assert.strictEqual(page.batchSegmentJobs.length, 1)
      assert.deepStrictEqual(service.aborted, [{}])
      assert.strictEqual(service.requests.length, 2)
    }))

  it.live("the last attempt's timeout is the error, with the timeout in its message", () =>
    Effect.gen(function*() {
      const service = fake(layout([1]), { hang: () => true })
      const error = yield* Effect.flip(ListBatchSegmentJobs.list({}, { timeout: "20 millis", retry: Retry.none })).pipe(
        Effect.provide(service.layer)
      )
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag === "TransportError") {
        assert.strictEqual(error.reason, "Timeout")
        assert.include(error.message, "20ms")
      }
      assert.deepStrictEqual(service.aborted, [{}])
    }))

  it.live("an answer before the timeout is the result, and nothing is aborted", () =>
    Effect.gen(function*() {
      const service = fake(layout([2, 1]))
      const jobs = yield* Stream.runCollect(ListBatchSegmentJobs.stream({}, { timeout: "5 seconds" })).pipe(
        Effect.provide(service.layer)
      )
      assert.strictEqual(jobs.length, 3)
      assert.deepStrictEqual(service.aborted, [])
    }))

  it.live("interrupting the caller while it waits aborts the request and ends the call", () =>
    Effect.gen(function*() {
      const service = fake(layout([1]), { hang: () => true })
      const fiber = yield* ListBatchSegmentJobs.list({}, { timeout: "1 minute" }).pipe(
        Effect.provide(service.layer),
        Effect.forkChild
      )
      while (service.requests.length === 0) yield* Effect.sleep("1 millis")
      yield* Fiber.interrupt(fiber)
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(Exit.hasInterrupts(exit))
      assert.deepStrictEqual(service.aborted, [{}])
    }))

  it.live("a timeout beyond what a host timer holds (about 24.8 days) is still a timeout, not an instant one", () =>
    Effect.gen(function*() {
      const service = fake(layout([1]))
      for (const timeout of ["30 days", Duration.infinity] as const) {
        const page = yield* ListBatchSegmentJobs.list({}, { timeout }).pipe(Effect.provide(service.layer))
        assert.strictEqual(page.batchSegmentJobs.length, 1)
      }
      assert.deepStrictEqual(service.aborted, [])
    }))
})

describe("interruption", () => {
  it.effect("interrupting the stream aborts the in-flight request and sends no other", () =>
    Effect.gen(function*() {
      const service = fake(layout([1, 1, 1]), { hang: (index) => index === 1 })
      const fiber = yield* Stream.runDrain(ListBatchSegmentJobs.stream({}, { prefetch: 2 })).pipe(
        Effect.provide(service.layer),
        Effect.forkChild
      )
      yield* TestClock.adjust("1 second")
      assert.strictEqual(service.requests.length, 2)
      yield* Fiber.interrupt(fiber)
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(Exit.hasInterrupts(exit))
      assert.deepStrictEqual(service.aborted, [{ nextToken: "p1" }])
      yield* TestClock.adjust("1 minute")
      assert.strictEqual(service.requests.length, 2)
    }))
})

describe("list", () => {
  it.effect("one page: its jobs, the next token, the request id, and its position at the page's start", () =>
    Effect.gen(function*() {
      const service = fake(layout([1, 2, 1]))
      const page = yield* ListBatchSegmentJobs.list({ solutionVersionArn, nextToken: "p1", maxResults: 5 }).pipe(
        Effect.provide(service.layer)
      )
      assert.deepStrictEqual(service.requests, [{ solutionVersionArn, nextToken: "p1", maxResults: 5 }])
      assert.deepStrictEqual(page.batchSegmentJobs.map((j) => j.jobName), ["job-1", "job-2"])
      assert.deepStrictEqual(page.nextToken, Option.some("p2"))
      assert.deepStrictEqual(page.requestId, Option.some("req-1"))
      assert.deepStrictEqual(page.position, { nextToken: "p1", after: undefined, solutionVersionArn })
      assert.strictEqual(page.skipped, 0)
      assert.strictEqual(page.truncated, false)
    }))

  it.effect("an empty nextToken is sent as none, and the last page has no next token", () =>
    Effect.gen(function*() {
      const service = fake(layout([1]))
      const page = yield* ListBatchSegmentJobs.list({ nextToken: "" }).pipe(Effect.provide(service.layer))
      assert.deepStrictEqual(service.requests, [{}])
      assert.deepStrictEqual(page.position, { nextToken: undefined, after: undefined, solutionVersionArn: undefined })
      assert.deepStrictEqual(page.nextToken, Option.none())
    }))
})
