// Checkpoint a pipeline in a KeyValueStore, so that a restarted process continues after the last job it handled.
import { PersonalizeAws } from "@effect-personalize/aws"
import type { BatchSegmentJob } from "@effect-personalize/core"
import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Console, Effect, Layer, Stream } from "effect"
import { KeyValueStore } from "effect/persistence"
import { pathToFileURL } from "node:url"

const key = "batch-segment-jobs/resume-token"

export const exportJobs = <E, R>(handle: (job: BatchSegmentJob.BatchSegmentJobSummary) => Effect.Effect<void, E, R>) =>
  Effect.gen(function*() {
    const store = yield* KeyValueStore.KeyValueStore
    const saved = yield* store.get(key)
    if (saved !== undefined) yield* Effect.logInfo("continuing after the last job handled")
    yield* ListBatchSegmentJobs.streamWithResumeToken({}, { startingToken: saved }).pipe(
      // handled, then saved: a process stopped between the two handles that one job again after the restart
      Stream.runForEach(({ job, resumeToken }) => Effect.andThen(handle(job), store.set(key, resumeToken)))
    )
    // the listing is complete: the next run starts from the beginning
    yield* store.remove(key)
  })

export const program = exportJobs((job) => Console.log(`exported ${job.jobName}`))

// the checkpoint is a file in ./checkpoints
export const main = program.pipe(
  Effect.provide(
    Layer.mergeAll(
      PersonalizeAws.layerConfig(),
      KeyValueStore.layerFileSystem("checkpoints").pipe(Layer.provide(NodeServices.layer))
    )
  )
)

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) NodeRuntime.runMain(main)
