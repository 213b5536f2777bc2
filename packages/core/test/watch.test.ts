import { ListBatchSegmentJobs, PersonalizeClient, PersonalizeError, Retry, Watch } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Exit, Fiber, HashMap, Logger, Option, Schedule, Stream, TestClock } from "effect"
import type { WireJob } from "./utils/fake.js"
import { job } from "./utils/fake.js"

/** A service whose jobs the test changes between polls; pages of two jobs; remembers when it was asked. */
const world = (initial: Array<WireJob>) => {
  let jobs = initial
  const polls: Array<number> = []
  let failNext = 0
  const layer = PersonalizeClient.layerTest((request) =>
    Effect.gen(function*() {
      if (request.nextToken === undefined) polls.push(yield* Effect.clockWith((clock) => clock.currentTimeMillis))
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
        Effect.fork
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
        Effect.fork
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
      const fiber = yield* ListBatchSegmentJobs.watch({}).pipe(Stream.runDrain, Effect.provide(w.layer), Effect.fork)
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
        Effect.fork
      )
      yield* TestClock.adjust(0)
      w.set([at(1, "ACTIVE", 20), at(2, "IN PROGRESS", 10)])
      yield* TestClock.adjust("1 minute")
      w.set([at(1, "ACTIVE", 20), at(2, "CREATE FAILED", 30, "bad input")])
      yield* TestClock.adjust("1 minute")
      const events = yield* Fiber.join(fiber)
      assert.deepStrictEqual(Chunk.toReadonlyArray(events).map(describeEvent), [
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
        Effect.fork
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
        Effect.fork
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
      assert.deepStrictEqual(Chunk.toReadonlyArray(events).map(describeEvent), [
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
      const saved = Watch.encodeState(Chunk.unsafeHead(events).state)
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
        Effect.fork
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
          Effect.fork
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

describe("ListBatchSegmentJobs.watch, job by job", () => {
  // Watches for `polls` polls a minute apart, `change` applied before each poll after the first; the events seen.
  const watchFor = (
    w: ReturnType<typeof world>,
    options: Watch.Options,
    changes: ReadonlyArray<ReadonlyArray<WireJob>>,
    request: ListBatchSegmentJobs.Request = {}
  ) =>
    Effect.gen(function*() {
      const events: Array<Watch.JobEvent> = []
      const fiber = yield* ListBatchSegmentJobs.watch(request, { schedule: minute, ...options }).pipe(
        Stream.runForEach((e) => Effect.sync(() => events.push(e))),
        Effect.provide(w.layer),
        Effect.fork
      )
      yield* TestClock.adjust(0)
      for (const jobs of changes) {
        w.set([...jobs])
        yield* TestClock.adjust("1 minute")
      }
      yield* Fiber.interrupt(fiber)
      return events
    })
  const withoutTime = (n: number, status: string): WireJob => {
    const { lastUpdatedDateTime: _, ...rest } = job(n)
    return { ...rest, status } as WireJob
  }
  const keys = (state: Watch.State) => [...HashMap.keys(state.jobs)].map((key) => key.split("/").pop()).sort()

  it.effect("without a last-updated time a status change is a change; with times, only a later time is", () =>
    Effect.gen(function*() {
      const w = world([withoutTime(1, "PENDING"), at(2, "PENDING", 10), at(3, "PENDING", 10)])
      const events = yield* watchFor(w, {}, [
        // job 1 moves on without a time; job 2 changes status under the same time, job 3 under an earlier one
        [withoutTime(1, "IN PROGRESS"), at(2, "ACTIVE", 10), at(3, "ACTIVE", 5)],
        // job 1 stays; job 2's time moves on
        [withoutTime(1, "IN PROGRESS"), at(2, "ACTIVE", 11), at(3, "ACTIVE", 5)]
      ])
      assert.deepStrictEqual(events.map(describeEvent), [
        "+job-1 PENDING",
        "+job-2 PENDING",
        "+job-3 PENDING",
        "~job-1 PENDING->IN PROGRESS",
        "~job-2 PENDING->ACTIVE"
      ])
    }))

  it.effect("a failure reason comes with a change to CREATE FAILED only", () =>
    Effect.gen(function*() {
      const w = world([at(1, "IN PROGRESS", 10), at(2, "IN PROGRESS", 10)])
      const events = yield* watchFor(w, {}, [[at(1, "ACTIVE", 20, "left over"), at(2, "CREATE FAILED", 20, "quota")]])
      const changed = events.filter((e): e is Watch.JobChanged => e._tag === "JobChanged")
      assert.deepStrictEqual(
        changed.map((e) => [e.job.jobName, e.previousStatus, e.status, e.failureReason]),
        [["job-1", "IN PROGRESS", "ACTIVE", undefined], ["job-2", "IN PROGRESS", "CREATE FAILED", "quota"]]
      )
    }))

  it.effect("a vanished job comes after the listing's events, with its ARN and last version; each event carries the state after it", () =>
    Effect.gen(function*() {
      const w = world([at(1, "PENDING", 10), at(2, "ACTIVE", 10)])
      const events = yield* watchFor(w, {}, [[at(3, "PENDING", 20), at(1, "PENDING", 10)]])
      assert.deepStrictEqual(events.map(describeEvent), ["+job-1 PENDING", "+job-2 ACTIVE", "+job-3 PENDING", "-job-2"])
      assert.deepStrictEqual(events.map((e) => keys(e.state)), [
        ["job-1"],
        ["job-1", "job-2"],
        ["job-1", "job-2", "job-3"],
        ["job-1", "job-3"]
      ])
      const vanished = events[3]!
      assert.strictEqual(vanished._tag, "JobVanished")
      if (vanished._tag === "JobVanished") {
        assert.strictEqual(vanished.arn, job(2).batchSegmentJobArn)
        assert.deepStrictEqual(vanished.last, { lastUpdated: 10_000, status: "ACTIVE" })
      }
    }))

  it.effect("a job without an ARN is known by its name, one listed twice counts once, one with neither is left out", () =>
    Effect.gen(function*() {
      const named = { jobName: "named", status: "PENDING", lastUpdatedDateTime: 10 } as unknown as WireJob
      const nameless = { status: "PENDING" } as unknown as WireJob
      const w = world([named, at(1, "PENDING", 10), at(1, "PENDING", 10), nameless])
      const events = yield* watchFor(w, {}, [[
        { ...named, status: "ACTIVE", lastUpdatedDateTime: 20 },
        at(1, "PENDING", 10)
      ]])
      assert.deepStrictEqual(events.map(describeEvent), ["+named PENDING", "+job-1 PENDING", "~named PENDING->ACTIVE"])
      assert.deepStrictEqual(keys(events.at(-1)!.state), ["job-1", "named"])
    }))

  it.effect("a saved state with initial: skip still emits what changed since it was saved", () =>
    Effect.gen(function*() {
      const state = yield* Watch.decodeState(
        JSON.stringify({ version: 1, jobs: [[job(1).batchSegmentJobArn, 10_000, "PENDING"]] })
      )
      const w = world([at(1, "ACTIVE", 20), at(2, "PENDING", 20)])
      const events = yield* watchFor(w, { state, initial: "skip" }, [])
      assert.deepStrictEqual(events.map(describeEvent), ["~job-1 PENDING->ACTIVE", "+job-2 PENDING"])
    }))

  it.effect("without untilTerminal, a feed whose jobs are all done goes on polling", () =>
    Effect.gen(function*() {
      const w = world([at(1, "ACTIVE", 10), at(2, "CREATE FAILED", 10)])
      const events = yield* watchFor(w, {}, [[at(1, "ACTIVE", 10), at(2, "CREATE FAILED", 10)], [at(1, "ACTIVE", 10)]])
      assert.deepStrictEqual(w.polls, [0, 60_000, 120_000])
      assert.deepStrictEqual(events.map(describeEvent), ["+job-1 ACTIVE", "+job-2 CREATE FAILED", "-job-2"])
    }))

  it.effect("with pollErrors: skip, a failed poll is logged as a warning with the error's message", () =>
    Effect.gen(function*() {
      const messages: Array<unknown> = []
      const logger = Logger.make(({ message }) => {
        messages.push(message)
      })
      const w = world([at(1, "PENDING", 10)])
      w.failPolls(1)
      yield* watchFor(w, { retry: Retry.none, pollErrors: "skip" }, []).pipe(
        Effect.provide(Logger.replace(Logger.defaultLogger, logger))
      )
      assert.deepStrictEqual(messages, [[
        "ListBatchSegmentJobs.watch: poll failed, trying again on schedule",
        "Amazon Personalize answered with InternalFailure. This is a fault on the service's side; try again later."
      ]])
    }))

  it.effect("a saved state for another feed is refused, naming both feeds", () =>
    Effect.gen(function*() {
      const w = world([])
      const arn = job(1).solutionVersionArn
      const ofEvery = yield* Watch.decodeState(JSON.stringify({ version: 1, solutionVersionArn: null, jobs: [] }))
      const ofOne = yield* Watch.decodeState(JSON.stringify({ version: 1, solutionVersionArn: arn, jobs: [] }))
      const other = "arn:aws:personalize:us-east-1:123456789012:solution/hats/0a1b2c3d"
      const cases = [
        [ofEvery, arn, `the saved state belongs to a feed of every job, not of ${arn}`],
        [ofOne, undefined, `the saved state belongs to a feed of ${arn}, not of every job`],
        [ofOne, other, `the saved state belongs to a feed of ${arn}, not of ${other}`]
      ] as const
      for (const [state, solutionVersionArn, detail] of cases) {
        const error = yield* Effect.flip(Stream.runDrain(ListBatchSegmentJobs.watch({ solutionVersionArn }, { state })))
          .pipe(Effect.provide(w.layer))
        assert.deepInclude(error, { _tag: "InvalidInputException", origin: "client", field: "state", detail })
      }
      assert.deepStrictEqual(w.polls, [])
    }))

  it.effect("a saved state is JSON with the version, the feed's filter and each job's time and status", () =>
    Effect.gen(function*() {
      const w = world([at(1, "PENDING", 10), withoutTime(2, "ACTIVE")])
      const events = yield* watchFor(w, {}, [], { solutionVersionArn: job(1).solutionVersionArn })
      // the jobs in no particular order
      const parse = (text: string) => {
        const { jobs, ...rest } = JSON.parse(text)
        return { ...rest, jobs: jobs.sort() }
      }
      assert.deepStrictEqual(parse(Watch.encodeState(events.at(-1)!.state)), {
        version: 1,
        solutionVersionArn: job(1).solutionVersionArn,
        jobs: [[job(1).batchSegmentJobArn, 10_000, "PENDING"], [job(2).batchSegmentJobArn, null, "ACTIVE"]]
      })
      const restored = yield* Watch.decodeState(
        JSON.stringify({ version: 1, jobs: [["a", null, null], ["b", 5, "ACTIVE"]] })
      )
      assert.strictEqual(restored.solutionVersionArn, undefined)
      assert.deepStrictEqual(
        HashMap.get(restored.jobs, "a"),
        Option.some({ lastUpdated: undefined, status: undefined })
      )
      assert.deepStrictEqual(HashMap.get(restored.jobs, "b"), Option.some({ lastUpdated: 5, status: "ACTIVE" }))
      assert.strictEqual(
        Watch.encodeState(restored),
        JSON.stringify({ version: 1, jobs: [["a", null, null], ["b", 5, "ACTIVE"]] })
      )
      assert.strictEqual(Watch.encodeState(Watch.emptyState), "{\"version\":1,\"jobs\":[]}")
    }))
})

describe("ListBatchSegmentJobs.watch, a time on one side only", () => {
  it.effect("a job that gains or loses its last-updated time changes when its status does", () =>
    Effect.gen(function*() {
      const bare = (n: number, status: string): WireJob => {
        const { lastUpdatedDateTime: _, ...rest } = job(n)
        return { ...rest, status } as WireJob
      }
      const w = world([bare(1, "PENDING"), at(2, "PENDING", 10), bare(3, "PENDING")])
      const events: Array<string> = []
      const fiber = yield* ListBatchSegmentJobs.watch({}, { schedule: minute }).pipe(
        Stream.runForEach((e) => Effect.sync(() => events.push(describeEvent(e)))),
        Effect.provide(w.layer),
        Effect.fork
      )
      yield* TestClock.adjust(0)
      // job 1 gains a time and a status, job 2 loses its time with a new status, job 3 gains a time only
      w.set([at(1, "ACTIVE", 20), bare(2, "ACTIVE"), at(3, "PENDING", 20)])
      yield* TestClock.adjust("1 minute")
      yield* Fiber.interrupt(fiber)
      assert.deepStrictEqual(events, [
        "+job-1 PENDING",
        "+job-2 PENDING",
        "+job-3 PENDING",
        "~job-1 PENDING->ACTIVE",
        "~job-2 PENDING->ACTIVE"
      ])
    }))
})
