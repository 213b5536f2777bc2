import { ListBatchSegmentJobs, Watch } from "@effect-personalize/core"
import { PersonalizeEmulator } from "@effect-personalize/emulator"
import { assert, it } from "@effect/vitest"
import { Effect, Fiber, Schedule, Stream } from "effect"
import { TestClock } from "effect/testing"

it.effect("reports the failed job once", () =>
  Effect.gen(function*() {
    const emulator = yield* PersonalizeEmulator.Emulator
    yield* emulator.createJob({
      jobName: "nightly",
      lifecycle: { pendingFor: "1 minute", runFor: "5 minutes", outcome: "CREATE FAILED", failureReason: "no data" }
    })
    const fiber = yield* ListBatchSegmentJobs.watch({}, { schedule: Schedule.spaced("1 minute"), untilTerminal: true })
      .pipe(Stream.filter(Watch.isFailure), Stream.runCollect, Effect.forkChild)
    yield* TestClock.adjust("10 minutes")
    const failures = yield* Fiber.join(fiber)
    assert.strictEqual(failures.length, 1)
  }).pipe(Effect.provide(PersonalizeEmulator.layerClient())))
