// After: the same program with @effect-personalize.
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Stream } from "effect"
import { pathToFileURL } from "node:url"

export const failedJobs = (solutionVersionArn?: string) =>
  ListBatchSegmentJobs.stream({ solutionVersionArn }, { pageSize: 100 }).pipe(
    Stream.filter((job) => job.status === "CREATE FAILED"),
    Stream.runCollect
  )

export const main = failedJobs().pipe(
  Effect.flatMap(Effect.forEach((job) => Console.log(`${job.jobName}\t${job.failureReason}`))),
  Effect.provide(PersonalizeAws.layerConfig())
)

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) NodeRuntime.runMain(main)
