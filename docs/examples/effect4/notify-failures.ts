// Post a message to a webhook (Slack, Teams, a chat bot, ...) for every job that fails, through HttpClient.
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs, Watch } from "@effect-personalize/core"
import { NodeRuntime } from "@effect/platform-node"
import { Config, Effect, Layer, Schedule, Stream } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "effect/http"
import { pathToFileURL } from "node:url"

export interface Options {
  readonly webhook: string
  /** When to list the jobs again. */
  readonly schedule: Schedule.Schedule<unknown>
  /** Stop once every job is ACTIVE or CREATE FAILED (a one-off run); by default it runs until stopped. */
  readonly untilTerminal?: boolean
}

export const notifyFailures = (options: Options) =>
  Effect.gen(function*() {
    const client = (yield* HttpClient.HttpClient).pipe(
      HttpClient.filterStatusOk,
      HttpClient.retryTransient({ schedule: Schedule.exponential("1 second"), times: 3 })
    )
    const post = (text: string) =>
      client.execute(HttpClientRequest.post(options.webhook).pipe(HttpClientRequest.bodyJsonUnsafe({ text }))).pipe(
        // a message that cannot be posted is logged; the watch goes on
        Effect.catch((error) => Effect.logError("could not post to the webhook", error.message))
      )
    yield* ListBatchSegmentJobs.watch({}, {
      schedule: options.schedule,
      // jobs that had failed before the program started are not news
      initial: "skip",
      untilTerminal: options.untilTerminal,
      // a poll that fails after its retries is logged and tried again at the next one
      pollErrors: "skip"
    }).pipe(
      Stream.filter(Watch.isFailure),
      Stream.runForEach((event) =>
        post(`Batch segment job ${event.job.jobName} failed: ${event.job.failureReason ?? "no reason given"}`)
      )
    )
  })

export const main = Effect.gen(function*() {
  const webhook = yield* Config.String("WEBHOOK_URL")
  yield* notifyFailures({ webhook, schedule: Schedule.spaced("1 minute") })
}).pipe(Effect.provide(Layer.mergeAll(PersonalizeAws.layerConfig(), FetchHttpClient.layer)))

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) NodeRuntime.runMain(main)
