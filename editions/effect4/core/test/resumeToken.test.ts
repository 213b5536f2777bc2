import { ListBatchSegmentJobs, ResumeToken } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Schema, Stream } from "effect"
import { fake, layout, solutionVersionArn } from "./utils/fake.js"
import { listing, numbered } from "./utils/listing.js"

const names = (jobs: ReadonlyArray<{ readonly jobName?: string | undefined }>) => jobs.map((j) => j.jobName)

const other = "arn:aws:personalize:us-east-1:123456789012:solution/hats/5e6f7a8b"

const int = (minimum: number, maximum: number) => Schema.Int.check(Schema.isBetween({ minimum, maximum }))
const nat = int(0, 2 ** 31 - 1)
const nonEmpty = Schema.String.check(Schema.isMinLength(1))

// A token written by hand, with a checksum that matches, to reach the checks behind the checksum.
const fnv1a = (input: string): string => {
  let hash = 0x811c9dc5
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, "0")
}
const sealed = (prefix: string, payload: string) => `${prefix}${payload}.${fnv1a(payload)}`
const forge = (prefix: "epr1." | "epr2.", value: unknown) =>
  sealed(prefix, Buffer.from(JSON.stringify(value)).toString("base64url"))

/** What a listing from this token fails with before any request, or the requests it sent if it did not fail. */
const refusal = (token: string, request: ListBatchSegmentJobs.Request = {}) =>
  Effect.gen(function*() {
    const service = fake(layout([3, 3]))
    const error = yield* Effect.flip(Stream.runDrain(ListBatchSegmentJobs.stream(request, { startingToken: token })))
      .pipe(Effect.provide(service.layer))
    assert.strictEqual(service.requests.length, 0, "nothing is sent")
    assert.strictEqual(error._tag, "InvalidNextTokenException")
    if (error._tag === "InvalidNextTokenException") assert.strictEqual(error.origin, "client")
    return error
  })

describe("a resume token while jobs are created and deleted", () => {
  for (const tokens of ["keyset", "offset"] as const) {
    describe(`service tokens as ${tokens}s`, () => {
      it.effect("jobs created between two runs repeat no job (collect, cut inside the first page)", () =>
        Effect.gen(function*() {
          const service = listing(numbered(12), tokens)
          const first = yield* ListBatchSegmentJobs.collect({}, { maxItems: 5 }).pipe(Effect.provide(service.layer))
          assert.deepStrictEqual(names(first.jobs), ["job-0", "job-1", "job-2", "job-3", "job-4"])
          service.create("new-0", 1_700_000_100)
          service.create("new-1", 1_700_000_101)
          const rest = yield* ListBatchSegmentJobs.collect({}, { startingToken: Option.getOrThrow(first.resumeToken) })
            .pipe(Effect.provide(service.layer))
          assert.deepStrictEqual(names(rest.jobs), ["job-5", "job-6", "job-7", "job-8", "job-9", "job-10", "job-11"])
        }))

      it.effect("a checkpoint inside a later page repeats no job (streamWithResumeToken)", () =>
        Effect.gen(function*() {
          const service = listing(numbered(12), tokens)
          const taken = yield* ListBatchSegmentJobs.streamWithResumeToken({}, { pageSize: 4 }).pipe(
            Stream.take(6),
            Stream.runCollect,
            Effect.provide(service.layer)
          )
          const token = taken.at(-1)!.resumeToken
          for (let i = 0; i < 3; i++) service.create(`new-${i}`, 1_700_000_100 + i)
          const rest = yield* Stream.runCollect(ListBatchSegmentJobs.stream({}, { startingToken: token, pageSize: 4 }))
            .pipe(Effect.provide(service.layer))
          assert.deepStrictEqual(names(rest), [
            "job-6",
            "job-7",
            "job-8",
            "job-9",
            "job-10",
            "job-11"
          ])
        }))

      it.effect("jobs created since push the last job processed onto the next page: it is found there", () =>
        Effect.gen(function*() {
          const service = listing(numbered(6), tokens)
          const first = yield* ListBatchSegmentJobs.collect({}, { maxItems: 2, pageSize: 3 }).pipe(
            Effect.provide(service.layer)
          )
          for (let i = 0; i < 3; i++) service.create(`new-${i}`, 1_700_000_100 + i)
          service.requests.length = 0
          const rest = yield* ListBatchSegmentJobs.collect({}, {
            startingToken: Option.getOrThrow(first.resumeToken),
            pageSize: 3
          }).pipe(Effect.provide(service.layer))
          assert.deepStrictEqual(names(rest.jobs), ["job-2", "job-3", "job-4", "job-5"])
          // the page of new jobs, the page where job-1 now is, the last page
          assert.strictEqual(service.requests.length, 3)
        }))

      it.effect("the last job processed deleted: the listing resumes with the first job created before it", () =>
        Effect.gen(function*() {
          const service = listing(numbered(10), tokens)
          const first = yield* ListBatchSegmentJobs.collect({}, { maxItems: 3, pageSize: 4 }).pipe(
            Effect.provide(service.layer)
          )
          const token = Option.getOrThrow(first.resumeToken)
          service.remove("job-2")
          service.remove("job-3")
          const rest = yield* ListBatchSegmentJobs.collect({}, { startingToken: token, pageSize: 4 }).pipe(
            Effect.provide(service.layer)
          )
          assert.deepStrictEqual(names(rest.jobs), ["job-4", "job-5", "job-6", "job-7", "job-8", "job-9"])
          // every job after it deleted too: nothing
          for (let i = 4; i < 10; i++) service.remove(`job-${i}`)
          const none = yield* ListBatchSegmentJobs.collect({}, { startingToken: token, pageSize: 4 }).pipe(
            Effect.provide(service.layer)
          )
          assert.deepStrictEqual(names(none.jobs), [])
        }))
    })
  }

  it.effect("the last job processed deleted on a later page (keyed service tokens)", () =>
    Effect.gen(function*() {
      const service = listing(numbered(10))
      const first = yield* ListBatchSegmentJobs.collect({}, { maxItems: 6, pageSize: 4 }).pipe(
        Effect.provide(service.layer)
      )
      service.remove("job-5")
      service.create("new-0", 1_700_000_100)
      const rest = yield* ListBatchSegmentJobs.collect({}, {
        startingToken: Option.getOrThrow(first.resumeToken),
        pageSize: 4
      }).pipe(Effect.provide(service.layer))
      assert.deepStrictEqual(names(rest.jobs), ["job-6", "job-7", "job-8", "job-9"])
    }))

  it.effect("jobs created in the same second as a deleted job are skipped, never repeated", () =>
    Effect.gen(function*() {
      const service = listing(numbered(3, 1_699_999_000))
      for (const name of ["tie-a", "tie-b", "tie-c"]) service.create(name, 1_700_000_000)
      const first = yield* ListBatchSegmentJobs.collect({}, { maxItems: 2 }).pipe(Effect.provide(service.layer))
      assert.deepStrictEqual(names(first.jobs), ["tie-a", "tie-b"])
      service.remove("tie-b")
      const rest = yield* ListBatchSegmentJobs.collect({}, { startingToken: Option.getOrThrow(first.resumeToken) })
        .pipe(Effect.provide(service.layer))
      assert.deepStrictEqual(names(rest.jobs), ["job-0", "job-1", "job-2"])
    }))

  // With keys as service tokens (as the emulator's), which jobs created or deleted do not move. A service whose
  // tokens were offsets would repeat or skip jobs at its own page boundaries, where a resume token holds its token.
  it.effect.prop(
    "no job twice, none of those still there lost, whatever is created or deleted between two runs",
    [
      int(1, 40),
      int(1, 10),
      nat,
      Schema.Array(int(-50, 50)).check(Schema.isMaxLength(15)),
      Schema.Array(nat).check(Schema.isMaxLength(10))
    ],
    ([count, pageSize, cutSeed, created, deletedSeeds]) =>
      Effect.gen(function*() {
        const service = listing(numbered(count))
        const original = service.names()
        const cut = 1 + (cutSeed % count)
        const taken = yield* ListBatchSegmentJobs.streamWithResumeToken({}, { pageSize }).pipe(
          Stream.take(cut),
          Stream.runCollect,
          Effect.provide(service.layer)
        )
        const token = taken.at(-1)!.resumeToken
        const deleted = new Set(deletedSeeds.map((seed) => original[seed % count]!))
        for (const name of deleted) service.remove(name)
        // new jobs, some of them dated back among the old ones (as a seed can)
        created.forEach((age, i) => service.create(`new-${i}`, 1_700_000_000 + age))
        const rest = names(
          yield* Stream.runCollect(ListBatchSegmentJobs.stream({}, { startingToken: token, pageSize })).pipe(
            Effect.provide(service.layer)
          )
        )
        const before = names(taken.map((item) => item.job))
        const emitted = [...before, ...rest]
        assert.strictEqual(new Set(emitted).size, emitted.length, `a job twice: ${emitted}`)
        assert.deepStrictEqual(
          rest.filter((name) => name !== undefined && original.includes(name)),
          original.slice(cut).filter((name) => !deleted.has(name))
        )
      }),
    { arbitrary: { runs: 100, seed: 24 } }
  )
})

describe("resume tokens of the first format (epr1.)", () => {
  it.effect("at a page boundary it is read: the listing goes on with that page", () =>
    Effect.gen(function*() {
      const service = fake(layout([2, 2, 2]))
      const token = forge("epr1.", { t: "p1", s: 0, f: "*" })
      const jobs = yield* Stream.runCollect(ListBatchSegmentJobs.stream({}, { startingToken: token })).pipe(
        Effect.provide(service.layer)
      )
      assert.deepStrictEqual(names(jobs), ["job-2", "job-3", "job-4", "job-5"])
      assert.deepStrictEqual(service.requests[0], { nextToken: "p1" })
    }))

  it.effect("inside a page it is refused before any request, saying why and how to go on", () =>
    Effect.gen(function*() {
      const inside = yield* refusal(forge("epr1.", { t: "p1", s: 2, f: "*" }))
      assert.include(inside.message, `"epr1."`)
      assert.include(inside.message, "2 job(s) into a page")
      assert.include(inside.message, "with the service token inside it as the starting token: p1")
      assert.notInclude(inside.message, "exactly as it was printed")
      const first = yield* refusal(forge("epr1.", { t: null, s: 3, f: "*" }))
      assert.include(first.message, "Start the listing again from the beginning (its first 3 job(s) come again).")
      // as one of several requests, the advice stays
      const many = yield* Effect.flip(Stream.runDrain(ListBatchSegmentJobs.streamMany([{}, {}], {
        startingTokens: [undefined, forge("epr1.", { t: "p1", s: 2, f: "*" })]
      }))).pipe(Effect.provide(fake(layout([3])).layer))
      assert.include(many.message, "(requests[1])")
      assert.include(many.message, "as the starting token: p1")
    }))

  it.effect("bound to its solutionVersionArn and checked as before", () =>
    Effect.gen(function*() {
      const bound = yield* refusal(forge("epr1.", { t: "p1", s: 0, f: fnv1a(solutionVersionArn) }))
      assert.match(bound.message, /another solutionVersionArn than none/)
      for (const s of [-1, 1.5, "0", null]) {
        const error = yield* refusal(forge("epr1.", { t: "p1", s, f: "*" }))
        assert.match(error.message, /its position is not a count/)
      }
    }))
})

describe("a resume token's checks", () => {
  const job = "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/job-1"
  const position: ResumeToken.Position = {
    nextToken: "p1",
    after: { _tag: "Job", batchSegmentJobArn: job, creationDateTime: new Date(1_700_000_001_000) },
    solutionVersionArn: undefined
  }

  it.effect("a payload changed under its old checksum is refused", () =>
    Effect.gen(function*() {
      const token = ResumeToken.encode(position)
      const checksum = token.slice(token.lastIndexOf(".") + 1)
      const changed = ResumeToken.encode({ ...position, nextToken: "p0" })
      const error = yield* refusal(`${changed.slice(0, changed.lastIndexOf("."))}.${checksum}`)
      assert.match(error.message, /checksum does not match/)
    }))

  it.effect.prop(
    "any one character changed, added or removed is refused",
    [nat, Schema.Literals(["change", "add", "remove"])],
    ([at, edit]) =>
      Effect.gen(function*() {
        const token = ResumeToken.encode(position)
        const i = at % token.length
        const c = token[i] === "A" ? "B" : "A"
        const edited = edit === "change"
          ? token.slice(0, i) + c + token.slice(i + 1)
          : edit === "add"
          ? token.slice(0, i) + c + token.slice(i)
          : token.slice(0, i) + token.slice(i + 1)
        const error = yield* Effect.flip(ResumeToken.decode(edited, undefined))
        assert.strictEqual(error._tag, "InvalidNextTokenException")
      }),
    { arbitrary: { runs: 100, seed: 5 } }
  )

  it.effect("a token made for one solution version resumes no listing of another, or of every job", () =>
    Effect.gen(function*() {
      const forOne = ResumeToken.encode({ ...position, solutionVersionArn })
      const another = yield* refusal(forOne, { solutionVersionArn: other })
      assert.include(another.message, `another solutionVersionArn than ${other}`)
      const every = yield* refusal(forOne)
      assert.include(every.message, "another solutionVersionArn than none")
      const forEvery = yield* refusal(ResumeToken.encode(position), { solutionVersionArn })
      assert.include(forEvery.message, `another solutionVersionArn than ${solutionVersionArn}`)
      const decoded = yield* ResumeToken.decode(forOne, solutionVersionArn)
      assert.deepStrictEqual(decoded, { ...position, solutionVersionArn })
    }))

  it.effect("a payload with a bad position is refused, saying what is wrong", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [unknown, RegExp]> = [
        [{ t: "p1", f: "*", s: -1 }, /its position is not a count/],
        [{ t: "p1", f: "*", s: 1.5 }, /its position is not a count/],
        [{ t: "p1", f: "*", s: "3" }, /its position is not a count/],
        [{ t: "p1", f: "*", s: 0 }, /its position is not a count/],
        [{ t: "p1", f: "*", a: job, s: 2 }, /both a job and a count/],
        [{ t: "p1", f: "*", a: "" }, /its job is not an ARN/],
        [{ t: "p1", f: "*", a: 5 }, /its job is not an ARN/],
        [{ t: "p1", f: "*", a: job, c: "yesterday" }, /its creation time is not a time/],
        [{ t: "p1", f: "*", c: 1_700_000_000_000 }, /its creation time belongs to no job/],
        [{ t: "p1" }, /its filter is missing/],
        [[1, 2], /its payload is not an object/],
        [null, /its payload is not an object/],
        ["p1", /its payload is not an object/]
      ]
      for (const [payload, expected] of cases) {
        const error = yield* refusal(forge("epr2.", payload))
        assert.match(error.message, expected, JSON.stringify(payload))
      }
      const notJson = yield* refusal(sealed("epr2.", Buffer.from("{t:").toString("base64url")))
      assert.match(notJson.message, /not JSON/)
      const notBase64 = yield* refusal(sealed("epr2.", "a+b/"))
      assert.match(notBase64.message, /not base64url/)
    }))

  it.effect("a payload with a bad service token is refused", () =>
    Effect.gen(function*() {
      for (const t of ["", 5, undefined, ["p1"]]) {
        const error = yield* refusal(forge("epr2.", { t, f: "*" }))
        assert.match(error.message, /its service token is not a string/, JSON.stringify(t))
      }
    }))

  it.effect("an empty token is no token; an empty resume token is refused", () =>
    Effect.gen(function*() {
      const service = fake(layout([2, 2]))
      for (const options of [{ startingToken: "" }, {}]) {
        const jobs = yield* Stream.runCollect(ListBatchSegmentJobs.stream({ nextToken: "" }, options)).pipe(
          Effect.provide(service.layer)
        )
        assert.deepStrictEqual(names(jobs), ["job-0", "job-1", "job-2", "job-3"])
      }
      assert.deepStrictEqual(service.requests, [{}, { nextToken: "p1" }, {}, { nextToken: "p1" }])
      const empty = yield* Effect.flip(ResumeToken.decode("", undefined))
      assert.include(empty.message, `it does not start with "epr2."`)
      for (const token of ["epr2.", "epr2..", "epr2..00000000", `epr2.${fnv1a("")}`]) {
        const error = yield* refusal(token)
        assert.strictEqual(error._tag, "InvalidNextTokenException")
      }
    }))

  it.effect.prop(
    "encode and decode round-trip every position",
    [
      Schema.UndefinedOr(nonEmpty),
      Schema.UndefinedOr(Schema.Union([
        Schema.Struct({
          _tag: Schema.Literal("Job"),
          batchSegmentJobArn: nonEmpty,
          // a time as epoch milliseconds, within what a Date holds
          creationDateTime: Schema.UndefinedOr(int(-8.64e15, 8.64e15))
        }),
        Schema.Struct({ _tag: Schema.Literal("Count"), skip: int(1, Number.MAX_SAFE_INTEGER) })
      ])),
      Schema.UndefinedOr(nonEmpty)
    ],
    ([nextToken, at, filter]) =>
      Effect.gen(function*() {
        const after: ResumeToken.After | undefined = at?._tag === "Job"
          ? { ...at, creationDateTime: at.creationDateTime === undefined ? undefined : new Date(at.creationDateTime) }
          : at
        const position: ResumeToken.Position = { nextToken, after, solutionVersionArn: filter }
        const token = ResumeToken.encode(position)
        assert.ok(ResumeToken.isResumeToken(token))
        assert.deepStrictEqual(yield* ResumeToken.decode(token, filter), position)
      }),
    { arbitrary: { runs: 200, seed: 7 } }
  )
})

describe("collect and list at the edges", () => {
  it.effect("without maxItems: every job and no resume token", () =>
    Effect.gen(function*() {
      const service = fake(layout([3, 3, 1]))
      const collected = yield* ListBatchSegmentJobs.collect({}).pipe(Effect.provide(service.layer))
      assert.strictEqual(collected.jobs.length, 7)
      assert.isTrue(Option.isNone(collected.resumeToken))
      assert.strictEqual(service.requests.length, 3)
    }))

  it.effect("maxItems equal to the total: every job, and a token only if the service said more may follow", () =>
    Effect.gen(function*() {
      const exact = fake(layout([3, 2]))
      const all = yield* ListBatchSegmentJobs.collect({}, { maxItems: 5 }).pipe(Effect.provide(exact.layer))
      assert.strictEqual(all.jobs.length, 5)
      assert.isTrue(Option.isNone(all.resumeToken))
      assert.strictEqual(exact.requests.length, 2)

      // the last page carries a token (to an empty page): the count is reached, but the service said "more"
      const trailing = fake([...layout([3, 2]), []])
      const cut = yield* ListBatchSegmentJobs.collect({}, { maxItems: 5 }).pipe(Effect.provide(trailing.layer))
      assert.strictEqual(cut.jobs.length, 5)
      assert.strictEqual(trailing.requests.length, 2, "no request beyond maxItems")
      const position = yield* ResumeToken.decode(Option.getOrThrow(cut.resumeToken), undefined)
      assert.deepStrictEqual(position, { nextToken: "p2", after: undefined, solutionVersionArn: undefined })
      const rest = yield* ListBatchSegmentJobs.collect({}, { startingToken: Option.getOrThrow(cut.resumeToken) })
        .pipe(Effect.provide(trailing.layer))
      assert.deepStrictEqual(rest.jobs, [])
      assert.isTrue(Option.isNone(rest.resumeToken))
    }))

  it.effect("maxItems 0: nothing, no token, no request; below 0 refused", () =>
    Effect.gen(function*() {
      const service = fake(layout([3]))
      const none = yield* ListBatchSegmentJobs.collect({}, { maxItems: 0 }).pipe(Effect.provide(service.layer))
      assert.deepStrictEqual(none.jobs, [])
      assert.isTrue(Option.isNone(none.resumeToken))
      const negative = yield* Effect.flip(ListBatchSegmentJobs.collect({}, { maxItems: -1 })).pipe(
        Effect.provide(service.layer)
      )
      assert.strictEqual(negative._tag, "InvalidInputException")
      assert.strictEqual(service.requests.length, 0)
    }))

  it.effect("the truncated flag: set on the page maxItems cut, not on one it ends with", () =>
    Effect.gen(function*() {
      const truncated = (maxItems: number) =>
        Stream.runCollect(ListBatchSegmentJobs.pages({}, { maxItems })).pipe(
          Effect.map((pages) => pages.map((page) => [page.batchSegmentJobs.length, page.truncated])),
          Effect.provide(fake(layout([3, 3])).layer)
        )
      assert.deepStrictEqual(yield* truncated(4), [[3, false], [1, true]])
      assert.deepStrictEqual(yield* truncated(3), [[3, false]])
      assert.deepStrictEqual(yield* truncated(6), [[3, false], [3, false]])
      assert.deepStrictEqual(yield* truncated(2), [[2, true]])
    }))

  it.effect("after a cut inside a page the token names the job; after a page's last job, the next page", () =>
    Effect.gen(function*() {
      const service = fake(layout([3, 3]))
      const inside = yield* ListBatchSegmentJobs.collect({}, { maxItems: 4 }).pipe(Effect.provide(service.layer))
      const at = yield* ResumeToken.decode(Option.getOrThrow(inside.resumeToken), undefined)
      assert.strictEqual(at.nextToken, "p1")
      assert.strictEqual(at.after?._tag === "Job" && at.after.batchSegmentJobArn, inside.jobs[3]!.batchSegmentJobArn)
      const boundary = yield* ListBatchSegmentJobs.collect({}, { maxItems: 3 }).pipe(Effect.provide(service.layer))
      assert.deepStrictEqual(yield* ResumeToken.decode(Option.getOrThrow(boundary.resumeToken), undefined), {
        nextToken: "p1",
        after: undefined,
        solutionVersionArn: undefined
      })
      const rest = yield* ListBatchSegmentJobs.collect({}, { startingToken: Option.getOrThrow(boundary.resumeToken) })
        .pipe(Effect.provide(service.layer))
      assert.deepStrictEqual(names(rest.jobs), ["job-3", "job-4", "job-5"])
    }))

  it.effect("list: the token after each job of one page continues right after it", () =>
    Effect.gen(function*() {
      const service = fake(layout([3, 3]))
      const page = yield* ListBatchSegmentJobs.list({}).pipe(Effect.provide(service.layer))
      const after = (index: number) =>
        Stream.runCollect(ListBatchSegmentJobs.stream({}, {
          startingToken: ListBatchSegmentJobs.resumeTokenAfter(page, index)
        })).pipe(Effect.map((jobs) => names(jobs)), Effect.provide(service.layer))
      assert.deepStrictEqual(yield* after(0), ["job-1", "job-2", "job-3", "job-4", "job-5"])
      assert.deepStrictEqual(yield* after(1), ["job-2", "job-3", "job-4", "job-5"])
      service.requests.length = 0
      assert.deepStrictEqual(yield* after(2), ["job-3", "job-4", "job-5"])
      assert.deepStrictEqual(service.requests, [{ nextToken: "p1" }], "the last job's token fetches the next page")
      // after the last job of the last page: that page once more, and nothing
      const last = yield* ListBatchSegmentJobs.list({ nextToken: "p1" }).pipe(Effect.provide(service.layer))
      service.requests.length = 0
      const none = yield* Stream.runCollect(ListBatchSegmentJobs.stream({}, {
        startingToken: ListBatchSegmentJobs.resumeTokenAfter(last, 2)
      })).pipe(Effect.provide(service.layer))
      assert.strictEqual(none.length, 0)
      assert.deepStrictEqual(service.requests, [{ nextToken: "p1" }])
    }))

  it.effect("a job without an ARN (which the service always sends) is found again by its place in the page", () =>
    Effect.gen(function*() {
      const service = fake([[{ jobName: "a" }, { jobName: "b" }, { jobName: "c" }, { jobName: "d" }], [{
        jobName: "e"
      }]])
      const first = yield* ListBatchSegmentJobs.collect({}, { maxItems: 1 }).pipe(Effect.provide(service.layer))
      const token = Option.getOrThrow(first.resumeToken)
      assert.deepStrictEqual((yield* ResumeToken.decode(token, undefined)).after, { _tag: "Count", skip: 1 })
      const pages = yield* Stream.runCollect(ListBatchSegmentJobs.pages({}, { startingToken: token })).pipe(
        Effect.provide(service.layer)
      )
      const resumed = pages[0]!
      assert.deepStrictEqual(names(resumed.batchSegmentJobs), ["b", "c", "d"])
      assert.strictEqual(resumed.skipped, 1)
      // a count taken on a resumed page counts the jobs it skipped too
      const afterB = ListBatchSegmentJobs.resumeTokenAfter(resumed, 0)
      assert.deepStrictEqual((yield* ResumeToken.decode(afterB, undefined)).after, { _tag: "Count", skip: 2 })
      const rest = yield* ListBatchSegmentJobs.collect({}, { startingToken: afterB }).pipe(
        Effect.provide(service.layer)
      )
      assert.deepStrictEqual(names(rest.jobs), ["c", "d", "e"])
    }))
})
