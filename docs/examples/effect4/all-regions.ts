// List the jobs of every region of an account: one client layer per region, the regions side by side.
import { PersonalizeAws } from "@effect-personalize/aws"
import type { PersonalizeClient } from "@effect-personalize/core"
import { ListBatchSegmentJobs, PersonalizeError, RateLimit } from "@effect-personalize/core"
import { NodeRuntime } from "@effect/platform-node"
import { Config, Console, Effect, Layer, Result, Schema, Stream } from "effect"
import { pathToFileURL } from "node:url"

export const listRegions = <E>(
  regions: ReadonlyArray<string>,
  clientFor: (region: string) => Layer.Layer<PersonalizeClient.PersonalizeClient, E>
) =>
  Effect.forEach(
    regions,
    (region) =>
      ListBatchSegmentJobs.stream({}, { pageSize: 100 }).pipe(
        Stream.runCollect,
        // each region has its own client, and its own request rate: one limiter per region
        Effect.provide(Layer.merge(clientFor(region), RateLimit.layer({ requestsPerSecond: 5 }))),
        Effect.result,
        Effect.flatMap((result) =>
          Result.match(result, {
            onFailure: (error) =>
              Console.log(`${region}: failed: ${PersonalizeError.isPersonalizeError(error) ? error.message : error}`),
            onSuccess: (jobs) =>
              Effect.forEach(jobs, (job) => Console.log(`${region}\t${job.jobName}\t${job.status}`)).pipe(
                Effect.andThen(Console.log(`${region}: ${jobs.length} job(s)`))
              )
          })
        )
      ),
    // a region's lines are printed together, once the region is listed
    { concurrency: 4, discard: true }
  )

// The regions where the account uses Amazon Personalize: REGIONS=us-east-1,eu-west-1 (not every region has it).
const regions = Config.Array(Schema.String, "REGIONS").pipe(
  Config.withDefault(["us-east-1", "us-west-2", "eu-west-1"])
)

export const main = Effect.gen(function*() {
  // credentials from the default chain, as for any SDK client
  yield* listRegions(yield* regions, (region) => PersonalizeAws.layer({ region }))
})

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) NodeRuntime.runMain(main)
