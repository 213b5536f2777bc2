import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { PersonalizeEmulator } from "@effect-personalize/emulator"
import { assert, it } from "@effect/vitest"
import { Effect, Fiber, Stream } from "effect"
import { TestClock } from "effect/testing"

it.effect("a throttled page is retried, and counted", () =>
  Effect.gen(function*() {
    const emulator = yield* PersonalizeEmulator.Emulator
    const fiber = yield* Effect.forkChild(Stream.runCount(ListBatchSegmentJobs.stream({}, { pageSize: 10 })))
    yield* TestClock.adjust("5 seconds") // the retry's delay
    assert.strictEqual(yield* Fiber.join(fiber), 30)
    const stats = yield* emulator.stats
    assert.strictEqual(stats.requests, 4) // 3 pages, one of them twice
    assert.strictEqual(stats.faults.throttle, 1)
  }).pipe(Effect.provide(PersonalizeEmulator.layerClient({
    generate: { solutionVersions: 1, jobsPerVersion: 30 },
    faults: { script: [{ on: 2, kind: "throttle" }] }
  }))))
