import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Stream } from "effect"
import { TestClock } from "effect/testing"
import { PersonalizeEmulator } from "../src/index.js"
import { fixedJobs } from "./utils.js"

const names = (jobs: ReadonlyArray<{ readonly jobName?: string | undefined }>) => jobs.map((job) => job.jobName)

// The emulator lists newest first with keyed page tokens, as the service: jobs created between two runs come
// before those already listed. A resume token must neither repeat those nor lose the others.
describe("resume tokens against the emulator while jobs are created", () => {
  it.effect("collect with maxItems, two jobs created, collect from the token: no job twice, none lost", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.Emulator
      yield* TestClock.setTime(Date.UTC(2025, 5, 1))
      const all = names(yield* emulator.jobs)
      const first = yield* ListBatchSegmentJobs.collect({}, { maxItems: 5 })
      yield* emulator.createJob({ jobName: "new-1" })
      yield* emulator.createJob({ jobName: "new-2" })
      const rest = yield* ListBatchSegmentJobs.collect({}, { startingToken: Option.getOrThrow(first.resumeToken) })
      assert.deepStrictEqual([...names(first.jobs), ...names(rest.jobs)], all)
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ seed: fixedJobs(12) }))))

  it.effect("a checkpoint pushed onto the next page by new jobs is found there", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.Emulator
      yield* TestClock.setTime(Date.UTC(2025, 5, 1))
      const all = names(yield* emulator.jobs)
      const taken = yield* ListBatchSegmentJobs.streamWithResumeToken({}, { pageSize: 4 }).pipe(
        Stream.take(3),
        Stream.runCollect
      )
      for (let i = 0; i < 6; i++) {
        yield* emulator.createJob({ jobName: `new-${i}` })
        yield* TestClock.adjust("1 second")
      }
      const rest = yield* ListBatchSegmentJobs.stream({}, {
        startingToken: taken[taken.length - 1]!.resumeToken,
        pageSize: 4
      }).pipe(Stream.runCollect)
      assert.deepStrictEqual(
        [...names(taken.map((item) => item.job)), ...names(rest)],
        all
      )
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ seed: fixedJobs(12) }))))
})
