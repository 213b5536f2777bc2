import { ListBatchSegmentJobs, PersonalizeClient, Watch } from "@effect-personalize/core"
import { assert, it } from "@effect/vitest"
import { Clock, Effect, Fiber, Schedule, Stream } from "effect"
import { TestClock } from "effect/testing"

// One job that is PENDING for a minute, IN PROGRESS for five more, then fails: its status follows Effect's Clock.
const NightlyJob = PersonalizeClient.layerTest(() =>
  Effect.map(Clock.currentTimeMillis, (now) => ({
    body: {
      batchSegmentJobs: [{
        batchSegmentJobArn: "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/nightly",
        jobName: "nightly",
        ...(now < 60_000
          ? { status: "PENDING" }
          : now < 360_000
          ? { status: "IN PROGRESS" }
          : { status: "CREATE FAILED", failureReason: "no data" })
      }]
    }
  }))
)

it.effect("reports the failed job once", () =>
  Effect.gen(function*() {
    const fiber = yield* ListBatchSegmentJobs.watch({}, { schedule: Schedule.spaced("1 minute"), untilTerminal: true })
      .pipe(Stream.filter(Watch.isFailure), Stream.runCollect, Effect.forkChild)
    yield* TestClock.adjust("10 minutes")
    const failures = yield* Fiber.join(fiber)
    assert.strictEqual(failures.length, 1)
  }).pipe(Effect.provide(NightlyJob)))
