// Write every job to a file, one JSON object per line, with effect's FileSystem.
import { PersonalizeAws } from "@effect-personalize/aws"
import { BatchSegmentJob, ListBatchSegmentJobs } from "@effect-personalize/core"
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Console, Effect, FileSystem, Layer, Ref, Schema, Stream } from "effect"
import { pathToFileURL } from "node:url"

// The wire shape: timestamps as epoch seconds, absent members left out.
const encode = Schema.encodeSync(BatchSegmentJob.BatchSegmentJobSummary)

export const writeNdjson = (path: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const written = yield* Ref.make(0)
    yield* ListBatchSegmentJobs.stream({}, { pageSize: 100 }).pipe(
      Stream.tap(() => Ref.update(written, (n) => n + 1)),
      Stream.map((job) => `${JSON.stringify(encode(job))}\n`),
      Stream.encodeText,
      // written as the pages arrive; the file is replaced, not appended to
      Stream.run(fs.sink(path))
    )
    yield* Console.log(`${yield* Ref.get(written)} job(s) written to ${path}`)
  })

export const main = writeNdjson("jobs.ndjson").pipe(
  Effect.provide(Layer.mergeAll(PersonalizeAws.layerConfig(), NodeServices.layer))
)

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) NodeRuntime.runMain(main)
