// Report only the failed jobs, with the reason the service gave for each.
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Stream } from "effect"
import { pathToFileURL } from "node:url"

export const program = ListBatchSegmentJobs.stream({}, { pageSize: 100 }).pipe(
  Stream.filter((job) => job.status === "CREATE FAILED"),
  Stream.tap((job) => Console.log(`${job.jobName}\t${job.failureReason ?? "(no reason given)"}`)),
  Stream.runCount,
  Effect.flatMap((count) => Console.log(`${count} failed job(s)`))
)

// AWS, configured by the standard environment (AWS_REGION, credentials, AWS_ENDPOINT_URL_PERSONALIZE)
export const main = program.pipe(Effect.provide(PersonalizeAws.layerConfig()))

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) NodeRuntime.runMain(main)
