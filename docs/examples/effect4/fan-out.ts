// Many solution versions side by side, under one request rate; a failed one is reported with how to resume it.
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs, RateLimit } from "@effect-personalize/core"
import { NodeRuntime } from "@effect/platform-node"
import { Config, Console, Effect, Layer, Option, Schema, Stream } from "effect"
import { pathToFileURL } from "node:url"

export const countJobs = (solutionVersionArns: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const counts = solutionVersionArns.map(() => 0)
    yield* ListBatchSegmentJobs.streamMany(solutionVersionArns.map((solutionVersionArn) => ({ solutionVersionArn })), {
      concurrency: 8,
      pageSize: 100,
      // a solution version that fails does not stop the others
      onFailure: "continue"
    }).pipe(
      Stream.runForEach((item) =>
        item._tag === "Job"
          ? Effect.sync(() => counts[item.index]!++) // a real pipeline handles item.job here
          : Console.log(
            `${item.request.solutionVersionArn}: ${item.error._tag}; resume it with ${
              Option.getOrElse(item.resumeToken, () => "no token (from the start)")
            }`
          )
      )
    )
    for (const [index, arn] of solutionVersionArns.entries()) yield* Console.log(`${arn}: ${counts[index]} job(s)`)
  })

export const main = Effect.gen(function*() {
  yield* countJobs(yield* Config.Array(Schema.String, "SOLUTION_VERSION_ARNS"))
}).pipe(
  // one limiter for every listing of the program: 20 requests a second in all, lowered for a while when AWS throttles
  Effect.provide(Layer.merge(PersonalizeAws.layerConfig(), RateLimit.layer({ requestsPerSecond: 20 })))
)

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) NodeRuntime.runMain(main)
