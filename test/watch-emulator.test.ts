import { ListBatchSegmentJobs, Watch } from "@effect-personalize/core"
import { PersonalizeEmulator } from "@effect-personalize/emulator"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Fiber, Schedule, Stream, TestClock } from "effect"

const describeEvent = (event: Watch.JobEvent): string => {
  switch (event._tag) {
    case "JobAppeared":
      return `+${event.job.jobName} ${event.job.status}`
    case "JobChanged":
      return `~${event.job.jobName} ${event.previousStatus}->${event.status}${
        event.failureReason ? ` (${event.failureReason})` : ""
      }`
    case "JobVanished":
      return `-${event.arn}`
  }
}

describe("watch over the emulator's advancing jobs", () => {
  it.effect("each transition comes once, in order, and untilTerminal ends the feed", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.Emulator
      yield* emulator.createJob({
        jobName: "fast",
        lifecycle: { pendingFor: "1 minute", runFor: "2 minutes", outcome: "ACTIVE" }
      })
      yield* emulator.createJob({
        jobName: "doomed",
        lifecycle: { pendingFor: "2 minutes", runFor: "3 minutes", outcome: "CREATE FAILED", failureReason: "no data" }
      })
      const fiber = yield* ListBatchSegmentJobs.watch({}, {
        schedule: Schedule.spaced("1 minute"),
        untilTerminal: true
      }).pipe(Stream.runCollect, Effect.fork)
      yield* TestClock.adjust("10 minutes")
      const events = Chunk.toReadonlyArray(yield* Fiber.join(fiber)).map(describeEvent)
      assert.deepStrictEqual(events.filter((e) => e.includes("fast")), [
        "+fast PENDING",
        "~fast PENDING->IN PROGRESS",
        "~fast IN PROGRESS->ACTIVE"
      ])
      assert.deepStrictEqual(events.filter((e) => e.includes("doomed")), [
        "+doomed PENDING",
        "~doomed PENDING->IN PROGRESS",
        "~doomed IN PROGRESS->CREATE FAILED (no data)"
      ])
      // polls at 0, 1, 2, ... 5 minutes: doomed fails at 5 minutes, then the feed ends
      const log = yield* emulator.requestLog
      assert.deepStrictEqual(log.map((entry) => entry.at.getTime()), [0, 1, 2, 3, 4, 5].map((m) => m * 60_000))
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient())))

  it.effect("a feed restarted from its saved state emits only what changed while it was down", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.Emulator
      yield* emulator.createJob({ jobName: "a", lifecycle: { pendingFor: "1 minute", runFor: "1 minute" } })
      let saved = ""
      const first = yield* ListBatchSegmentJobs.watch({}, { schedule: Schedule.spaced("1 minute") }).pipe(
        Stream.runForEach((event) => Effect.sync(() => (saved = Watch.encodeState(event.state)))),
        Effect.fork
      )
      yield* TestClock.adjust("30 seconds")
      yield* Fiber.interrupt(first)
      yield* TestClock.adjust("5 minutes") // a is ACTIVE by now; b appears
      yield* emulator.createJob({ jobName: "b", lifecycle: { pendingFor: "1 minute", runFor: "1 minute" } })
      const state = yield* Watch.decodeState(saved)
      const events = yield* ListBatchSegmentJobs.watch({}, { state, schedule: Schedule.spaced("1 minute") }).pipe(
        Stream.take(2),
        Stream.runCollect
      )
      assert.deepStrictEqual(Chunk.toReadonlyArray(events).map(describeEvent), ["+b PENDING", "~a PENDING->ACTIVE"])
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient())))

  it.effect("polls stop when the stream is interrupted", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.Emulator
      yield* emulator.createJob({ jobName: "slow", lifecycle: { pendingFor: "1 hour", runFor: "1 hour" } })
      const fiber = yield* ListBatchSegmentJobs.watch({}, { schedule: Schedule.spaced("20 seconds") }).pipe(
        Stream.runDrain,
        Effect.fork
      )
      yield* TestClock.adjust("70 seconds")
      yield* Fiber.interrupt(fiber)
      yield* TestClock.adjust("10 minutes")
      const log = yield* emulator.requestLog
      assert.deepStrictEqual(log.map((entry) => entry.at.getTime()), [0, 20_000, 40_000, 60_000])
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient())))
})
