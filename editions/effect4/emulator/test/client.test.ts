import { BatchSegmentJob, ListBatchSegmentJobs, PersonalizeClient, Retry } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import type { Duration } from "effect"
import { Arbitrary, Effect, Fiber, Result, Schema, Stream } from "effect"
import { TestClock } from "effect/testing"
import * as Crypto from "node:crypto"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { PersonalizeEmulator } from "../src/index.js"
import { fixedJobs } from "./utils.js"

const between = (minimum: number, maximum: number) => Schema.Int.check(Schema.isBetween({ minimum, maximum }))

const call = (request: PersonalizeClient.WireRequest) =>
  Effect.flatMap(PersonalizeClient.PersonalizeClient, (client) => client.listBatchSegmentJobs(request))

const body = (request: PersonalizeClient.WireRequest) => Effect.map(call(request), (response) => response.body as any)

/** Follows tokens through the port until the end, optionally doing something between pages. */
const listAll = <E = never, R = never>(
  request: PersonalizeClient.WireRequest,
  between: (page: number) => Effect.Effect<void, E, R> = () => Effect.void
) =>
  Effect.gen(function*() {
    const arns: Array<string> = []
    let nextToken: string | undefined = undefined
    let page = 0
    do {
      const out: any = yield* body(nextToken === undefined ? request : { ...request, nextToken })
      for (const job of out.batchSegmentJobs) arns.push(job.batchSegmentJobArn)
      nextToken = out.nextToken
      page++
      if (nextToken !== undefined) yield* between(page)
    } while (nextToken !== undefined)
    return arns
  })

describe("in-memory face", () => {
  it.effect("answers with the body the wire would carry: epoch seconds, only members that are set", () =>
    Effect.gen(function*() {
      const response = yield* call({ maxResults: 2 })
      const out = response.body as any
      assert.match(response.requestId ?? "", /^[0-9a-f-]{36}$/)
      assert.deepStrictEqual(out.batchSegmentJobs[0], {
        batchSegmentJobArn: "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/job-0004",
        jobName: "job-0004",
        status: "ACTIVE",
        creationDateTime: Date.UTC(2025, 0, 1) / 1000 + 4,
        lastUpdatedDateTime: Date.UTC(2025, 0, 1) / 1000 + 4,
        solutionVersionArn: "arn:aws:personalize:us-east-1:123456789012:solution/sol-1/v1"
      })
      assert.isString(out.nextToken)
      assert.isTrue(
        Result.isSuccess(
          Schema.decodeUnknownResult(Schema.Array(BatchSegmentJob.BatchSegmentJobSummary))(out.batchSegmentJobs)
        )
      )
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ seed: fixedJobs(5) }))))

  it.effect("lists every job once, newest first, ties broken by ARN, for any page size", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.Emulator
      // Five jobs share one creation second: the ARN orders them.
      yield* emulator.seed(["e", "a", "c", "b", "d"].map((name) => ({
        batchSegmentJobArn: `arn:aws:personalize:us-east-1:123456789012:batch-segment-job/tie-${name}`,
        creationDateTime: Date.UTC(2025, 0, 1) / 1000 + 100
      })))
      const expected = (yield* emulator.jobs).map((job) => job.batchSegmentJobArn)
      assert.deepStrictEqual(expected.slice(0, 5).map((arn) => arn.slice(-5)), [
        "tie-a",
        "tie-b",
        "tie-c",
        "tie-d",
        "tie-e"
      ])
      for (const maxResults of [1, 2, 3, 7, 100]) {
        assert.deepStrictEqual(yield* listAll({ maxResults }), expected)
      }
      assert.strictEqual((yield* body({})).batchSegmentJobs.length, 25, "maxResults defaults to 100")
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ seed: fixedJobs(20) }))))

  it.effect.prop(
    "a listing of one solution version is the whole listing filtered, through replacements and batches of any size",
    [
      Arbitrary.schema(
        Schema.Array(
          Schema.Array(Schema.Struct({ job: between(0, 150), version: between(0, 3) })).check(Schema.isMaxLength(120))
        ).check(Schema.isBetweenLength(1, 4))
      ),
      Arbitrary.schema(between(1, 40))
    ],
    ([batches, maxResults]) =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.Emulator
        const arn = (i: number) => `arn:aws:personalize:us-east-1:123456789012:batch-segment-job/job-${i}`
        const version = (v: number) => `arn:aws:personalize:us-east-1:123456789012:solution/s${v}/v1`
        // a batch of 64 jobs or more is sorted at once, a smaller one inserted job by job; an ARN seen again moves
        for (const batch of batches) {
          yield* emulator.seed(batch.map(({ job, version: v }) => ({
            batchSegmentJobArn: arn(job),
            creationDateTime: 1_700_000_000 + (job % 37),
            solutionVersionArn: version(v)
          })))
        }
        const all = yield* emulator.jobs
        assert.strictEqual(all.length, new Set(batches.flat().map(({ job }) => job)).size)
        assert.deepStrictEqual(yield* listAll({ maxResults }), all.map((job) => job.batchSegmentJobArn))
        for (let v = 0; v < 5; v++) {
          assert.deepStrictEqual(
            yield* listAll({ maxResults, solutionVersionArn: version(v) }),
            all.filter((job) => job.solutionVersionArn === version(v)).map((job) => job.batchSegmentJobArn)
          )
        }
      }).pipe(Effect.provide(PersonalizeEmulator.layerClient())),
    { arbitrary: { runs: 30, seed: 1 } }
  )

  it.effect.prop(
    "accepts maxResults exactly from 1 to 100",
    [Arbitrary.schema(between(-1000, 1000))],
    ([maxResults]) =>
      Effect.gen(function*() {
        const result = yield* Effect.result(call({ maxResults }))
        if (maxResults >= 1 && maxResults <= 100) {
          assert.isTrue(Result.isSuccess(result))
        } else {
          assert.isTrue(Result.isFailure(result))
          const e = (result as Result.Failure<any, any>).failure
          assert.strictEqual(e._tag, "InvalidInputException")
          assert.strictEqual(e.origin, "service")
          assert.strictEqual(e.field, "maxResults")
          assert.match(e.detail, new RegExp(`^1 validation error detected: Value '${maxResults}' at 'maxResults'`))
        }
      }).pipe(Effect.provide(PersonalizeEmulator.layerClient()))
  )

  it.effect("maps service errors to the core's errors, with origin service", () =>
    Effect.gen(function*() {
      const invalid = yield* Effect.flip(call({ solutionVersionArn: "arn:aws:s3:::bucket" }))
      assert.strictEqual(invalid._tag, "InvalidInputException")
      if (invalid._tag === "InvalidInputException") {
        assert.strictEqual(invalid.origin, "service")
        assert.strictEqual(invalid.field, "solutionVersionArn")
        assert.match(invalid.requestId ?? "", /^[0-9a-f-]{36}$/)
      }
      const token = yield* Effect.flip(call({ nextToken: "garbage" }))
      assert.strictEqual(token._tag, "InvalidNextTokenException")
      if (token._tag === "InvalidNextTokenException") assert.strictEqual(token.origin, "service")
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient())))

  it.effect("the core's stream over the in-memory face yields every job exactly once", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.Emulator
      const expected = (yield* emulator.jobs).map((job) => job.batchSegmentJobArn)
      const jobs = yield* ListBatchSegmentJobs.stream({}, { pageSize: 9 }).pipe(Stream.runCollect)
      assert.deepStrictEqual(jobs.map((job) => job.batchSegmentJobArn), expected)
      assert.strictEqual((yield* emulator.stats).requests, Math.ceil(expected.length / 9))
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ generate: { solutionVersions: 3, jobsPerVersion: 25 } }))))

  describe("page tokens", () => {
    it.effect("bound to the solutionVersionArn; they expire after 24 hours on the clock", () =>
      Effect.gen(function*() {
        const sol0 = "arn:aws:personalize:us-east-1:123456789012:solution/sol-0/v1"
        const first = yield* body({ maxResults: 2, solutionVersionArn: sol0 })
        const moved = yield* Effect.flip(call({ nextToken: first.nextToken }))
        assert.strictEqual(moved._tag, "InvalidNextTokenException")
        yield* TestClock.adjust("23 hours")
        const second = yield* body({ maxResults: 2, solutionVersionArn: sol0, nextToken: first.nextToken })
        assert.strictEqual(second.batchSegmentJobs.length, 2)
        yield* TestClock.adjust("1 hour")
        yield* TestClock.adjust("1 millis")
        const expired = yield* Effect.flip(call({ solutionVersionArn: sol0, nextToken: first.nextToken }))
        assert.strictEqual(expired._tag, "InvalidNextTokenException")
        assert.match(expired.message, /expired/)
        // A token issued later is still good.
        yield* body({ solutionVersionArn: sol0, nextToken: second.nextToken })
      }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ seed: fixedJobs(30) }))))

    it.effect.prop(
      "any change to a token is refused",
      [
        Arbitrary.schema(between(0, 10_000)),
        Arbitrary.schema(Schema.Literals([..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."]))
      ],
      ([at, char]) =>
        Effect.gen(function*() {
          const first = yield* body({ maxResults: 2 })
          const token: string = first.nextToken
          const i = at % token.length
          if (token[i] === char) return
          const changed = token.slice(0, i) + char + token.slice(i + 1)
          const e = yield* Effect.flip(call({ maxResults: 2, nextToken: changed }))
          assert.strictEqual(e._tag, "InvalidNextTokenException")
        }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ seed: fixedJobs(5) })))
    )

    it.effect("a token signed with the right key is still refused when its payload is not one, or names another filter", () =>
      Effect.gen(function*() {
        // The emulator's token format, forged with its secret: only the checks after the signature can refuse it.
        const forge = (payload: unknown) => {
          const text = Buffer.from(JSON.stringify(payload)).toString("base64url")
          return `${text}.${Crypto.createHmac("sha256", "known").update(text).digest("base64url")}`
        }
        const digest = (arn: string) => Crypto.createHash("sha256").update(arn).digest("base64url").slice(0, 22)
        const sol0 = "arn:aws:personalize:us-east-1:123456789012:solution/sol-0/v1"
        const sol1 = "arn:aws:personalize:us-east-1:123456789012:solution/sol-1/v1"
        const position = [
          Date.UTC(2025, 0, 1) + 27_000,
          "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/job-0027"
        ]

        const good = yield* body({ solutionVersionArn: sol0, nextToken: forge([1, ...position, digest(sol0), 0]) })
        assert.deepStrictEqual(good.batchSegmentJobs.map((job: any) => job.jobName), [
          "job-0024",
          "job-0021",
          "job-0018",
          "job-0015",
          "job-0012",
          "job-0009",
          "job-0006",
          "job-0003",
          "job-0000"
        ])

        const other = yield* Effect.flip(
          call({ solutionVersionArn: sol1, nextToken: forge([1, ...position, digest(sol0), 0]) })
        )
        assert.strictEqual(other._tag, "InvalidNextTokenException")
        assert.match(other.message, /different solutionVersionArn/)
        const unfiltered = yield* Effect.flip(call({ nextToken: forge([1, ...position, digest(sol0), 0]) }))
        assert.strictEqual(unfiltered._tag, "InvalidNextTokenException")
        for (
          const payload of [
            [2, ...position, digest(sol0), 0],
            [1, String(position[0]), position[1], digest(sol0), 0],
            [1, ...position, digest(sol0)],
            { created: position[0], arn: position[1], filter: digest(sol0), issuedAt: 0 },
            "not an array"
          ]
        ) {
          const e = yield* Effect.flip(call({ solutionVersionArn: sol0, nextToken: forge(payload) }))
          assert.strictEqual(e._tag, "InvalidNextTokenException", JSON.stringify(payload))
          assert.match(e.message, /not issued by this service or it has been modified/)
        }
      }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ seed: fixedJobs(30), tokenSecret: "known" }))))

    it.effect("advance ages tokens too, and tokenTtl sets their life", () =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.Emulator
        const first = yield* body({ maxResults: 2 })
        yield* emulator.advance("61 seconds")
        const e = yield* Effect.flip(call({ nextToken: first.nextToken }))
        assert.strictEqual(e._tag, "InvalidNextTokenException")
      }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ seed: fixedJobs(5), tokenTtl: "1 minute" }))))

    it.effect("a fixed tokenSecret makes tokens portable between emulators", () =>
      Effect.gen(function*() {
        const options = { seed: fixedJobs(5), tokenSecret: "shared" }
        const first = yield* body({ maxResults: 2 }).pipe(Effect.provide(PersonalizeEmulator.layerClient(options)))
        const second = yield* body({ maxResults: 2, nextToken: first.nextToken }).pipe(
          Effect.provide(PersonalizeEmulator.layerClient(options))
        )
        assert.deepStrictEqual(second.batchSegmentJobs.map((job: any) => job.jobName), ["job-0002", "job-0001"])
      }))

    it.effect("pagination is stable while jobs are added: no duplicate, no gap", () =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.Emulator
        yield* TestClock.setTime(Date.UTC(2025, 5, 1))
        const before = (yield* emulator.jobs).map((job) => job.batchSegmentJobArn)
        let added = 0
        const arns = yield* listAll({ maxResults: 4 }, () =>
          Effect.gen(function*() {
            // New jobs (newer than all), and an old one that sorts before the position already passed.
            for (let i = 0; i < 3; i++) yield* emulator.createJob({ jobName: `new-${added++}` })
            yield* emulator.seed([{
              batchSegmentJobArn: `arn:aws:personalize:us-east-1:123456789012:batch-segment-job/late-${added}`,
              creationDateTime: Date.UTC(2026, 0, 1) / 1000
            }])
            yield* TestClock.adjust("1 second")
          }))
        assert.deepStrictEqual(arns, before)
        assert.isAbove((yield* emulator.jobs).length, before.length)
      }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ seed: fixedJobs(21) }))))
  })

  describe("lifecycle", () => {
    it.effect("created jobs go PENDING → IN PROGRESS → ACTIVE | CREATE FAILED on the clock", () =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.Emulator
        yield* TestClock.setTime(Date.UTC(2025, 0, 1))
        const start = Date.UTC(2025, 0, 1) / 1000
        for (let i = 0; i < 20; i++) yield* emulator.createJob({ jobName: `job-${i}` })
        const statuses = Effect.map(body({}), (out) => out.batchSegmentJobs as ReadonlyArray<any>)

        const pending = yield* statuses
        assert.isTrue(pending.every((job) => job.status === "PENDING" && job.lastUpdatedDateTime === start))

        yield* TestClock.adjust("59 seconds")
        assert.isTrue((yield* statuses).every((job) => job.status === "PENDING"))
        yield* TestClock.adjust("1 second")
        const running = yield* statuses
        assert.isTrue(running.every((job) => job.status === "IN PROGRESS" && job.lastUpdatedDateTime === start + 60))

        yield* TestClock.adjust("5 minutes")
        const done = yield* statuses
        const failed = done.filter((job) => job.status === "CREATE FAILED")
        const active = done.filter((job) => job.status === "ACTIVE")
        assert.strictEqual(failed.length + active.length, 20)
        assert.isTrue(failed.length > 0 && active.length > 0, `failed: ${failed.length}`)
        assert.isTrue(failed.every((job) => typeof job.failureReason === "string" && job.failureReason.length > 0))
        assert.isTrue(active.every((job) => job.failureReason === undefined))
        assert.isTrue(done.every((job) => job.lastUpdatedDateTime === start + 360 && job.creationDateTime === start))

        // Deterministic: the same seed fails the same jobs.
        const again = yield* Effect.gen(function*() {
          const other = yield* PersonalizeEmulator.Emulator
          for (let i = 0; i < 20; i++) yield* other.createJob({ jobName: `job-${i}` })
          yield* TestClock.adjust("6 minutes")
          return (yield* other.jobs).filter((job) => job.status === "CREATE FAILED").map((job) => job.jobName)
        }).pipe(Effect.provide(PersonalizeEmulator.layer({ lifecycle: { failureRate: 0.5, seed: 3 } })))
        assert.deepStrictEqual(again, failed.map((job) => job.jobName))
      }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ lifecycle: { failureRate: 0.5, seed: 3 } }))))

    it.effect("seeded non-terminal jobs advance with an explicit lifecycle; terminal ones stay", () =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.Emulator
        yield* emulator.seed([
          {
            batchSegmentJobArn: "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/runs",
            status: "IN PROGRESS",
            creationDateTime: 0,
            lifecycle: { runFor: "10 seconds", outcome: "CREATE FAILED", failureReason: "out of memory" }
          },
          {
            batchSegmentJobArn: "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/still",
            status: "IN PROGRESS",
            creationDateTime: 0
          }
        ])
        yield* TestClock.adjust("10 seconds")
        const jobs = yield* emulator.jobs
        const runs = jobs.find((job) => job.jobName === "runs")!
        assert.strictEqual(runs.status, "CREATE FAILED")
        assert.strictEqual(runs.failureReason, "out of memory")
        assert.strictEqual(runs.lastUpdatedDateTime?.getTime(), 10_000)
        assert.strictEqual(jobs.find((job) => job.jobName === "still")!.status, "IN PROGRESS")
      }).pipe(Effect.provide(PersonalizeEmulator.layerClient())))

    it.effect("the core's watch-style polling sees the request times of the emulator's clock", () =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.Emulator
        yield* body({})
        yield* TestClock.adjust("30 seconds")
        yield* body({})
        const log = yield* emulator.requestLog
        assert.deepStrictEqual(log.map((entry) => entry.at.getTime()), [0, 30_000])
        assert.deepStrictEqual(log.map((entry) => entry.face), ["client", "client"])
        assert.deepStrictEqual(log.map((entry) => entry.status), [200, 200])
      }).pipe(Effect.provide(PersonalizeEmulator.layerClient())))
  })

  describe("faults and the signal", () => {
    const withFault = (kind: PersonalizeEmulator.FaultKind, latency?: Duration.Input) =>
      PersonalizeEmulator.layerClient({ seed: fixedJobs(5), faults: { script: [{ on: 1, kind, latency }] } })

    it.effect("throttle, 429, 500, 503 map to the core's errors", () =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.Emulator
        yield* emulator.setFaults({
          script: ({ index }) =>
            (["throttle", "tooManyRequests", "internalError", "serviceUnavailable"] as const)[index - 1]
        })
        const throttled = yield* Effect.flip(call({}))
        assert.strictEqual(throttled._tag, "ThrottlingException")
        if (throttled._tag === "ThrottlingException") assert.strictEqual(throttled.code, "ThrottlingException")
        const tooMany = yield* Effect.flip(call({}))
        if (tooMany._tag !== "ThrottlingException") return assert.fail(tooMany._tag)
        assert.strictEqual(tooMany.code, "TooManyRequestsException")
        assert.strictEqual(tooMany.status, 429)
        const internal = yield* Effect.flip(call({}))
        if (internal._tag !== "PersonalizeServiceException") return assert.fail(internal._tag)
        assert.strictEqual(internal.status, 500)
        assert.strictEqual(internal.fault, "server")
        const unavailable = yield* Effect.flip(call({}))
        if (unavailable._tag !== "PersonalizeServiceException") return assert.fail(unavailable._tag)
        assert.strictEqual(unavailable.code, "ServiceUnavailable")
        assert.strictEqual(unavailable.status, 503)
        yield* call({})
        assert.deepInclude(yield* emulator.stats, { requests: 5, faultsInjected: 4, aborted: 0 })
      }).pipe(Effect.provide(PersonalizeEmulator.layerClient())))

    it.effect("the core retries a throttled page and gets it", () =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.Emulator
        const fiber = yield* Effect.forkChild(ListBatchSegmentJobs.list({}))
        yield* TestClock.adjust("10 seconds")
        const page = yield* Fiber.join(fiber)
        assert.strictEqual(page.batchSegmentJobs.length, 5)
        assert.deepInclude(yield* emulator.stats, { requests: 2, faultsInjected: 1, aborted: 0 })
      }).pipe(Effect.provide(withFault("throttle"))))

    it.effect("connectionReset → TransportError ConnectionReset", () =>
      Effect.gen(function*() {
        const e = yield* Effect.flip(call({}))
        if (e._tag !== "TransportError") return assert.fail(e._tag)
        assert.strictEqual(e.reason, "ConnectionReset")
      }).pipe(Effect.provide(withFault("connectionReset"))))

    it.effect("malformedBody → ResponseDecodeError; wrongTypes → a body the core rejects", () =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.Emulator
        const malformed = yield* Effect.flip(call({}))
        assert.strictEqual(malformed._tag, "ResponseDecodeError")
        yield* emulator.setFaults({ script: [{ on: 2, kind: "wrongTypes" }] })
        const decoded = yield* Effect.flip(ListBatchSegmentJobs.list({}).pipe(Retry.withPolicy(Retry.none)))
        assert.strictEqual(decoded._tag, "ResponseDecodeError")
      }).pipe(Effect.provide(withFault("malformedBody"))))

    it.effect("repeatToken → the core stops with PaginationLoopError", () =>
      Effect.gen(function*() {
        const e = yield* Effect.flip(ListBatchSegmentJobs.pages({}, { pageSize: 1 }).pipe(Stream.runDrain))
        assert.strictEqual(e._tag, "PaginationLoopError")
      }).pipe(
        Effect.provide(
          PersonalizeEmulator.layerClient({ seed: fixedJobs(5), faults: { script: [{ on: 2, kind: "repeatToken" }] } })
        )
      ))

    it.effect("latency waits on the clock", () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.forkChild(call({}))
        yield* TestClock.adjust("2999 millis")
        assert.isTrue(fiber.pollUnsafe() === undefined)
        yield* TestClock.adjust("1 millis")
        const response = yield* Fiber.join(fiber)
        assert.strictEqual((response.body as any).batchSegmentJobs.length, 5)
      }).pipe(Effect.provide(withFault("latency", "3 seconds"))))

    it.effect("hang answers only the caller giving up: interrupted, the call is counted as aborted", () =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.Emulator
        const fiber = yield* Effect.forkChild(call({}))
        yield* TestClock.adjust("1 hour")
        assert.isTrue(fiber.pollUnsafe() === undefined)
        yield* Fiber.interrupt(fiber)
        assert.deepInclude(yield* emulator.stats, { requests: 1, faultsInjected: 1, aborted: 1 })
        const [entry] = yield* emulator.requestLog
        assert.isTrue(entry.aborted)
        assert.isUndefined(entry.status)
      }).pipe(Effect.provide(withFault("hang"))))

    it.effect("hang ends at the core's per-attempt timeout: TransportError Timeout, counted as aborted", () =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.Emulator
        const fiber = yield* Effect.forkChild(
          ListBatchSegmentJobs.list({}, { timeout: "5 seconds", retry: Retry.none })
        )
        yield* TestClock.adjust("4999 millis")
        assert.isTrue(fiber.pollUnsafe() === undefined)
        yield* TestClock.adjust("1 millis")
        const e = yield* Effect.flip(Fiber.join(fiber))
        if (e._tag !== "TransportError") return assert.fail(e._tag)
        assert.strictEqual(e.reason, "Timeout")
        assert.deepInclude(yield* emulator.stats, { requests: 1, faultsInjected: 1, aborted: 1 })
        assert.isTrue((yield* emulator.requestLog)[0].aborted)
      }).pipe(Effect.provide(withFault("hang"))))

    it.effect("a call interrupted before it runs is never sent; interrupting the caller counts as an abort", () =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.Emulator
        const early = yield* Effect.forkChild(call({}))
        yield* Fiber.interrupt(early)
        assert.strictEqual((yield* emulator.stats).requests, 0, "an interrupted request is never sent")
        yield* emulator.setFaults({ script: [{ on: 1, kind: "hang" }] })
        const fiber = yield* Effect.forkChild(call({}))
        yield* Effect.yieldNow
        yield* Fiber.interrupt(fiber)
        assert.deepInclude(yield* emulator.stats, { requests: 1, faultsInjected: 1, aborted: 1 })
      }).pipe(Effect.provide(PersonalizeEmulator.layerClient())))

    it.effect("an answer that came is not an abort: latency interrupted midway is, a finished call is not", () =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.Emulator
        yield* call({})
        const slow = yield* Effect.forkChild(call({}))
        yield* TestClock.adjust("1 second")
        yield* Fiber.interrupt(slow)
        const log = yield* emulator.requestLog
        assert.deepStrictEqual(log.map((entry) => [entry.status, entry.aborted]), [[200, false], [undefined, true]])
        assert.deepInclude(yield* emulator.stats, { requests: 2, faultsInjected: 1, aborted: 1 })
      }).pipe(
        Effect.provide(PersonalizeEmulator.layerClient({ faults: { script: [{ on: 2, kind: "latency" }] } }))
      ))
  })

  describe("seeding", () => {
    it.effect("generate is deterministic, realistic, and covers every status", () =>
      Effect.gen(function*() {
        const make = Effect.flatMap(PersonalizeEmulator.make(), (emulator) =>
          emulator.generate({ solutionVersions: 5, jobsPerVersion: 40, seed: 11, endingAt: "2025-06-01T00:00:00Z" }))
        const a = yield* make
        const b = yield* make
        assert.deepStrictEqual(a, b)
        assert.strictEqual(a.length, 200)
        assert.deepStrictEqual(
          new Set(a.map((job) =>
            job.status
          )),
          new Set(["PENDING", "IN PROGRESS", "ACTIVE", "CREATE FAILED"])
        )
        const decode = Schema.decodeUnknownResult(BatchSegmentJob.BatchSegmentJobSummary)
        for (const job of a) {
          assert.isTrue(Result.isSuccess(decode(job)), job.batchSegmentJobArn)
          assert.match(job.batchSegmentJobArn, /^arn:aws:personalize:us-east-1:123456789012:batch-segment-job\/[\w-]+$/)
          assert.match(
            job.solutionVersionArn!,
            /^arn:aws:personalize:us-east-1:123456789012:solution\/[\w-]+\/[0-9a-f]{8}$/
          )
          assert.strictEqual(job.failureReason !== undefined, job.status === "CREATE FAILED")
          assert.isAtMost(job.creationDateTime.getTime(), Date.UTC(2025, 5, 1))
          assert.isAtLeast(job.lastUpdatedDateTime!.getTime(), job.creationDateTime.getTime())
        }
        assert.strictEqual(new Set(a.map((job) => job.solutionVersionArn)).size, 5)
        const c = yield* Effect.flatMap(PersonalizeEmulator.make(), (emulator) =>
          emulator.generate({ solutionVersions: 5, jobsPerVersion: 40, seed: 12, endingAt: "2025-06-01T00:00:00Z" }))
        assert.notDeepEqual(a, c)
      }))

    it.effect("seeds from a JSON file with epoch seconds and ISO strings", () =>
      Effect.gen(function*() {
        const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "emulator-"))
        const file = Path.join(dir, "jobs.json")
        Fs.writeFileSync(
          file,
          JSON.stringify([
            {
              batchSegmentJobArn: "arn:aws:personalize:eu-west-1:111122223333:batch-segment-job/from-file-1",
              status: "ACTIVE",
              creationDateTime: 1735689600.5,
              solutionVersionArn: "arn:aws:personalize:eu-west-1:111122223333:solution/s/1"
            },
            {
              batchSegmentJobArn: "arn:aws:personalize:eu-west-1:111122223333:batch-segment-job/from-file-2",
              jobName: "second",
              creationDateTime: "2025-02-01T00:00:00Z",
              lastUpdatedDateTime: "2025-02-01T01:00:00Z"
            }
          ])
        )
        const emulator = yield* PersonalizeEmulator.make({ seedFile: file })
        const jobs = yield* emulator.jobs
        assert.deepStrictEqual(jobs.map((job) => job.jobName), ["second", "from-file-1"])
        assert.strictEqual(jobs[1].creationDateTime.getTime(), 1735689600500)
        assert.strictEqual(jobs[0].lastUpdatedDateTime?.toISOString(), "2025-02-01T01:00:00.000Z")
        Fs.writeFileSync(file, JSON.stringify([{ batchSegmentJobArn: "nope" }]))
        const e = yield* Effect.flip(emulator.seedFile(file))
        assert.strictEqual(e._tag, "SeedError")
        assert.match(e.message, /batchSegmentJobArn "nope" is not a Personalize ARN/)
        const missing = yield* Effect.flip(emulator.seedFile(Path.join(dir, "missing.json")))
        assert.match(missing.message, /cannot read the file/)
        Fs.rmSync(dir, { recursive: true })
      }))

    it.effect("rejects jobs that break the model", () =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.make()
        const arn = "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/x"
        for (
          const bad of [
            { batchSegmentJobArn: arn, jobName: "-starts-with-a-dash" },
            { batchSegmentJobArn: arn, jobName: "x".repeat(64) },
            { batchSegmentJobArn: arn, solutionVersionArn: "solution" },
            { batchSegmentJobArn: arn, creationDateTime: "yesterday" }
          ]
        ) {
          const e = yield* Effect.flip(emulator.seed([bad]))
          assert.strictEqual(e._tag, "SeedError")
        }
        // Nothing of a rejected batch is kept.
        assert.deepStrictEqual(yield* emulator.jobs, [])
      }))

    it.effect("a bad seed file names the place of every fault, and nothing of it is kept", () =>
      Effect.gen(function*() {
        const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "emulator-"))
        const file = Path.join(dir, "jobs.json")
        const arn = (name: string) => `arn:aws:personalize:us-east-1:123456789012:batch-segment-job/${name}`
        Fs.writeFileSync(
          file,
          JSON.stringify([
            { batchSegmentJobArn: arn("fine"), creationDateTime: 1735689600 },
            { batchSegmentJobArn: arn("when"), creationDateTime: "yesterday" },
            { batchSegmentJobArn: arn("life"), lifecycle: { runFor: "soon", outcome: "DONE" } },
            { jobName: "no-arn" },
            { batchSegmentJobArn: arn("-dash") },
            "a job"
          ])
        )
        const e = yield* Effect.flip(PersonalizeEmulator.make({ seedFile: file }))
        assert.strictEqual(e._tag, "SeedError")
        assert.strictEqual(e.path, file)
        assert.deepStrictEqual(e.at, [1, "creationDateTime"])
        assert.include(e.message, `Cannot seed the emulator from ${file}: `)
        for (
          const fault of [
            "[1].creationDateTime \"yesterday\" is neither epoch seconds nor an ISO 8601 date",
            "[2].lifecycle.runFor \"soon\" is not a duration",
            "[2].lifecycle.outcome \"DONE\" is neither \"ACTIVE\" nor \"CREATE FAILED\"",
            "[3].batchSegmentJobArn is missing",
            `[4].batchSegmentJobArn "${arn("-dash")}" does not end in a job name`,
            "[5] \"a job\" is not a job"
          ]
        ) {
          assert.include(e.message, fault)
        }
        assert.notInclude(e.message, "[0]")

        Fs.writeFileSync(file, JSON.stringify({ batchSegmentJobs: [] }))
        const notArray = yield* Effect.flip(PersonalizeEmulator.make({ seedFile: file }))
        assert.deepStrictEqual(notArray.at, [])
        assert.match(notArray.message, /: an object is not a seed \(a JSON array of job summaries\)$/)
        Fs.writeFileSync(file, "[{")
        assert.match((yield* Effect.flip(PersonalizeEmulator.make({ seedFile: file }))).message, /not valid JSON/)
        Fs.rmSync(dir, { recursive: true })
      }))

    it.effect("seeds and created jobs from code are checked the same way, with the place of the fault", () =>
      Effect.gen(function*() {
        const emulator = yield* PersonalizeEmulator.make()
        const arn = "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/x"
        const status = yield* Effect.flip(
          emulator.seed([{ batchSegmentJobArn: arn }, { batchSegmentJobArn: arn, status: 5 as any }])
        )
        assert.deepStrictEqual(status.at, [1, "status"])
        assert.isUndefined(status.path)
        assert.strictEqual(
          status.message,
          "Cannot seed the emulator: [1].status 5 is not a status (a string of at most 256 characters)"
        )
        // An undefined member is an absent one, as in the SDK's input.
        yield* emulator.seed([{ batchSegmentJobArn: arn, jobName: undefined, status: undefined }])
        assert.deepStrictEqual((yield* emulator.jobs).map((job) => [job.jobName, job.status]), [["x", undefined]])

        const name = yield* Effect.flip(emulator.createJob({ jobName: "-nightly" }))
        assert.deepStrictEqual(name.at, ["jobName"])
        assert.match(name.message, /jobName "-nightly" is not a job name/)
        const version = yield* Effect.flip(emulator.createJob({ solutionVersionArn: "solution" }))
        assert.deepStrictEqual(version.at, ["solutionVersionArn"])
        assert.strictEqual((yield* emulator.jobs).length, 1)
      }))
  })
})

describe("response time", () => {
  it.effect("every answer comes after responseTime on the clock, and is not counted as a fault", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.Emulator
      const fiber = yield* Effect.forkChild(body({}))
      yield* TestClock.adjust("199 millis")
      assert.isTrue(fiber.pollUnsafe() === undefined)
      yield* TestClock.adjust("1 millis")
      const out = yield* Fiber.join(fiber)
      assert.strictEqual(out.batchSegmentJobs.length, 3)
      assert.strictEqual((yield* emulator.stats).faultsInjected, 0)
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient({
      responseTime: "200 millis",
      generate: { solutionVersions: 1, jobsPerVersion: 3, seed: 1 }
    }))))

  it.effect("prefetch overlaps the service's time with the consumer's", () =>
    Effect.gen(function*() {
      // 5 pages of 100 ms each, a consumer that spends 100 ms per page: 1000 ms in turn, 600 ms with prefetch
      const timed = (prefetch: number) =>
        Effect.gen(function*() {
          const fiber = yield* ListBatchSegmentJobs.pages({}, { pageSize: 2, prefetch }).pipe(
            Stream.mapEffect(() => Effect.sleep("100 millis")),
            Stream.runDrain,
            Effect.forkChild
          )
          let elapsed = 0
          while (fiber.pollUnsafe() === undefined) {
            yield* TestClock.adjust("10 millis")
            elapsed += 10
          }
          return elapsed
        })
      assert.strictEqual(yield* timed(0), 1000)
      assert.strictEqual(yield* timed(1), 600)
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient({
      responseTime: "100 millis",
      generate: { solutionVersions: 1, jobsPerVersion: 10, seed: 1 }
    }))))
})
