import { ListBatchSegmentJobs, PersonalizeClient, PersonalizeError, Retry, Watch } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Effect, Exit, Fiber, Schedule, Stream } from "effect"
import { TestClock } from "effect/testing"
import type { WireJob } from "./utils/fake.js"
import { job } from "./utils/fake.js"

/** A service whose jobs the test changes between polls; pages of two jobs; remembers when it was asked. */
const world = (initial: Array<WireJob>) => {
  let jobs = initial
  const polls: Array<number> = []
  let failNext = 0
  const layer = PersonalizeClient.layerTest((request) =>
    Effect.gen(function*() {
      if (request.nextToken === undefined) polls.push(yield* Clock.currentTimeMillis)
      if (failNext > 0) {
        failNext--
        return yield* new PersonalizeError.PersonalizeServiceException({ code: "InternalFailure", fault: "server" })
      }
      const start = request.nextToken === undefined ? 0 : Number(request.nextToken)
      const page = jobs.slice(start, start + 2)
      return { body: { batchSegmentJobs: page, nextToken: start + 2 < jobs.length ? String(start + 2) : undefined } }
    })
  )
  return {
    layer,
    polls,
    set: (next: Array<WireJob>) => {
      jobs = next
    },
    failPolls: (n: number) => {
      failNext = n
    }
  }
}

const at = (n: number, status: string, updated: number, failureReason?: string): WireJob =>
  ({ ...job(n), status, lastUpdatedDateTime: updated, ...(failureReason ? { failureReason } : {}) }) as WireJob

const describeEvent = (event: Watch.JobEvent): string => {
  switch (event._tag) {
    case "JobAppeared":
      return `+${event.job.jobName} ${event.job.status}`
    case "JobChanged":
      return `~${event.job.jobName} ${event.previousStatus}->${event.status}${
        event.failureReason ? ` (${event.failureReason})` : ""
      }`
    case "JobVanished":
      return `-${event.arn.split("/").pop()}`
  }
}

const minute = Schedule.spaced("1 minute")

describe("ListBatchSegmentJobs.watch", () => {
  it.effect("emits each transition exactly once, in order, across polls", () =>
    Effect.gen(function*() {
      const w = world([at(1, "PENDING", 10), at(2, "IN PROGRESS", 10), at(3, "ACTIVE", 10)])
      const events: Array<string> = []
      const fiber = yield* ListBatchSegmentJobs.watch({}, { schedule: minute }).pipe(
        Stream.runForEach((e) => Effect.sync(() => events.push(describeEvent(e)))),
        Effect.provide(w.layer),
        Effect.forkChild
      )
      yield* TestClock.adjust(0)
      assert.deepStrictEqual(events, ["+job-1 PENDING", "+job-2 IN PROGRESS", "+job-3 ACTIVE"])
      w.set([at(1, "IN PROGRESS", 20), at(2, "CREATE FAILED", 25, "out of memory"), at(3, "ACTIVE", 10)])
      yield* TestClock.adjust("1 minute")
      // nothing changed since: no event
      yield* TestClock.adjust("1 minute")
      w.set([at(4, "PENDING", 30), at(1, "ACTIVE", 40), at(2, "CREATE FAILED", 25, "out of memory")])
      yield* TestClock.adjust("1 minute")
      yield* Fiber.interrupt(fiber)
      assert.deepStrictEqual(events, [
        "+job-1 PENDING",
        "+job-2 IN PROGRESS",
        "+job-3 ACTIVE",
        "~job-1 PENDING->IN PROGRESS",
        "~job-2 IN PROGRESS->CREATE FAILED (out of memory)",
        "+job-4 PENDING",
        "~job-1 IN PROGRESS->ACTIVE",
        "-job-3"
      ])
      assert.strictEqual(w.polls.length, 4)
    }))

  it.effect("polls are spaced by the schedule and stop when the stream is interrupted", () =>
    Effect.gen(function*() {
      const w = world([at(1, "PENDING", 10)])
      const fiber = yield* ListBatchSegmentJobs.watch({}, { schedule: Schedule.spaced("30 seconds") }).pipe(
        Stream.runDrain,
        Effect.provide(w.layer),
        Effect.forkChild
      )
      yield* TestClock.adjust("95 seconds")
      assert.deepStrictEqual(w.polls, [0, 30_000, 60_000, 90_000])
      yield* Fiber.interrupt(fiber)
      yield* TestClock.adjust("10 minutes")
      assert.strictEqual(w.polls.length, 4)
    }))

  it.effect("the default schedule polls every 30 seconds", () =>
    Effect.gen(function*() {
      const w = world([at(1, "PENDING", 10)])
      const fiber = yield* ListBatchSegmentJobs.watch({}).pipe(
        Stream.runDrain,
        Effect.provide(w.layer),
        Effect.forkChild
      )
      yield* TestClock.adjust("61 seconds")
      yield* Fiber.interrupt(fiber)
      assert.deepStrictEqual(w.polls, [0, 30_000, 60_000])
    }))

  it.effect("untilTerminal ends the feed once every job is ACTIVE or CREATE FAILED", () =>
    Effect.gen(function*() {
      const w = world([at(1, "PENDING", 10), at(2, "IN PROGRESS", 10)])
      const fiber = yield* ListBatchSegmentJobs.watch({}, { schedule: minute, untilTerminal: true }).pipe(
        Stream.runCollect,
        Effect.provide(w.layer),
        Effect.forkChild
      )
      yield* TestClock.adjust(0)
      w.set([at(1, "ACTIVE", 20), at(2, "IN PROGRESS", 10)])
      yield* TestClock.adjust("1 minute")
      w.set([at(1, "ACTIVE", 20), at(2, "CREATE FAILED", 30, "bad input")])
      yield* TestClock.adjust("1 minute")
      const events = yield* Fiber.join(fiber)
      assert.deepStrictEqual(events.map(describeEvent), [
        "+job-1 PENDING",
        "+job-2 IN PROGRESS",
        "~job-1 PENDING->ACTIVE",
        "~job-2 IN PROGRESS->CREATE FAILED (bad input)"
      ])
      yield* TestClock.adjust("10 minutes")
      assert.strictEqual(w.polls.length, 3)
    }))

  it.effect("initial: skip remembers the first listing without emitting it", () =>
    Effect.gen(function*() {
      const w = world([at(1, "PENDING", 10), at(2, "ACTIVE", 10)])
      const events: Array<string> = []
      const fiber = yield* ListBatchSegmentJobs.watch({}, { schedule: minute, initial: "skip" }).pipe(
        Stream.runForEach((e) => Effect.sync(() => events.push(describeEvent(e)))),
        Effect.provide(w.layer),
        Effect.forkChild
      )
      yield* TestClock.adjust(0)
      assert.deepStrictEqual(events, [])
      w.set([at(1, "ACTIVE", 20), at(2, "ACTIVE", 10)])
      yield* TestClock.adjust("1 minute")
      yield* Fiber.interrupt(fiber)
      assert.deepStrictEqual(events, ["~job-1 PENDING->ACTIVE"])
    }))

  it.effect("a restarted feed with the saved state does not replay events", () =>
    Effect.gen(function*() {
      const w = world([at(1, "PENDING", 10), at(2, "IN PROGRESS", 10)])
      let saved = ""
      const first = yield* ListBatchSegmentJobs.watch({}, { schedule: minute }).pipe(
        Stream.runForEach((e) => Effect.sync(() => (saved = Watch.encodeState(e.state)))),
        Effect.provide(w.layer),
        Effect.forkChild
      )
      yield* TestClock.adjust(0)
      w.set([at(1, "ACTIVE", 20), at(2, "IN PROGRESS", 10)])
      yield* TestClock.adjust("1 minute")
      yield* Fiber.interrupt(first)

      // while nobody watches, job 2 fails and job 3 appears
      w.set([at(3, "PENDING", 40), at(1, "ACTIVE", 20), at(2, "CREATE FAILED", 30, "quota")])
      const state = yield* Watch.decodeState(saved)
      const events = yield* ListBatchSegmentJobs.watch({}, { schedule: minute, state, untilTerminal: true }).pipe(
        Stream.take(2),
        Stream.runCollect,
        Effect.provide(w.layer)
      )
      assert.deepStrictEqual(events.map(describeEvent), [
        "+job-3 PENDING",
        "~job-2 IN PROGRESS->CREATE FAILED (quota)"
      ])
    }))

  it.effect("a saved state is restored only into a feed of the same solutionVersionArn", () =>
    Effect.gen(function*() {
      const w = world([at(1, "PENDING", 10)])
      const solutionVersionArn = job(1).solutionVersionArn
      const events = yield* ListBatchSegmentJobs.watch({ solutionVersionArn }, { schedule: minute }).pipe(
        Stream.take(1),
        Stream.runCollect,
        Effect.provide(w.layer)
      )
      const saved = Watch.encodeState(events[0]!.state)
      const state = yield* Watch.decodeState(saved)
      assert.strictEqual(state.solutionVersionArn, solutionVersionArn)
      const error = yield* Effect.flip(Stream.runDrain(ListBatchSegmentJobs.watch({}, { state }))).pipe(
        Effect.provide(w.layer)
      )
      assert.strictEqual(error._tag, "InvalidInputException")
      if (error._tag === "InvalidInputException") assert.strictEqual(error.field, "state")
      assert.match(error.message, /belongs to a feed of arn:aws:personalize:.*, not of every job/)
      assert.strictEqual(w.polls.length, 1)
      // the same filter: restored, nothing new to say
      const again = yield* ListBatchSegmentJobs.watch({ solutionVersionArn }, { state, schedule: minute }).pipe(
        Stream.runCollect,
        Effect.timeout("30 seconds"),
        Effect.provide(w.layer),
        Effect.forkChild
      )
      yield* TestClock.adjust("30 seconds")
      const exit = yield* Fiber.await(again)
      assert.isTrue(Exit.isFailure(exit)) // timed out: no event came
      // the empty state fits any feed
      const fresh = yield* ListBatchSegmentJobs.watch({}, { state: Watch.emptyState, schedule: minute }).pipe(
        Stream.take(1),
        Stream.runCollect,
        Effect.provide(w.layer)
      )
      assert.strictEqual(fresh.length, 1)
    }))

  it.effect("a saved state that is not one fails with InvalidInputException", () =>
    Effect.gen(function*() {
      for (const text of ["", "{}", "{\"version\":2,\"jobs\":[]}", "[1]"]) {
        const error = yield* Effect.flip(Watch.decodeState(text))
        assert.strictEqual(error._tag, "InvalidInputException")
        assert.strictEqual(error.field, "state")
      }
    }))

  it.effect("a poll that still fails after its retries fails the feed with its typed error", () =>
    Effect.gen(function*() {
      const w = world([at(1, "PENDING", 10)])
      w.failPolls(1)
      const error = yield* Effect.flip(
        Stream.runDrain(ListBatchSegmentJobs.watch({}, { schedule: minute, retry: Retry.none }))
      ).pipe(Effect.provide(w.layer))
      assert.strictEqual(error._tag, "PersonalizeServiceException")
    }))

  it.effect("with pollErrors: skip, a failed poll is skipped and the next one goes on from the same state", () =>
    Effect.gen(function*() {
      const w = world([at(1, "PENDING", 10)])
      const events: Array<string> = []
      const fiber = yield* ListBatchSegmentJobs.watch({}, { schedule: minute, retry: Retry.none, pollErrors: "skip" })
        .pipe(
          Stream.runForEach((e) => Effect.sync(() => events.push(describeEvent(e)))),
          Effect.provide(w.layer),
          Effect.forkChild
        )
      yield* TestClock.adjust(0)
      w.failPolls(1)
      w.set([at(1, "ACTIVE", 20)])
      yield* TestClock.adjust("1 minute")
      assert.deepStrictEqual(events, ["+job-1 PENDING"])
      yield* TestClock.adjust("1 minute")
      yield* Fiber.interrupt(fiber)
      assert.deepStrictEqual(events, ["+job-1 PENDING", "~job-1 PENDING->ACTIVE"])
    }))

  it("isFailure and isCompletion pick the events a pipeline cares about", () => {
    const state = Watch.emptyState
    const failed = new Watch.JobChanged({
      job: { jobName: "a", status: "CREATE FAILED" },
      previousStatus: "IN PROGRESS",
      status: "CREATE FAILED",
      failureReason: "x",
      state
    })
    const active = new Watch.JobAppeared({ job: { jobName: "b", status: "ACTIVE" }, state })
    const pending = new Watch.JobAppeared({ job: { jobName: "c", status: "PENDING" }, state })
    const gone = new Watch.JobVanished({ arn: "d", last: { lastUpdated: 1, status: "ACTIVE" }, state })
    assert.deepStrictEqual([failed, active, pending, gone].map(Watch.isFailure), [true, false, false, false])
    assert.deepStrictEqual([failed, active, pending, gone].map(Watch.isCompletion), [true, true, false, false])
  })
})
