// Spans, metrics and the library's log lines, sent over OTLP with effect's own exporter (effect/observability).
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { NodeRuntime } from "@effect/platform-node"
import { Config, Console, Effect, Layer, Logger, References, Stream } from "effect"
import { FetchHttpClient } from "effect/http"
import { Otlp } from "effect/observability"
import { pathToFileURL } from "node:url"

// Every span, metric and log line of the program goes to the OTLP collector at `baseUrl` (an OpenTelemetry
// collector listens for OTLP over HTTP on port 4318), in batches and once more when the program ends.
export const Telemetry = (baseUrl: string) =>
  Otlp.layerJson({ baseUrl, resource: { serviceName: "batch-segment-jobs" } }).pipe(
    Layer.provide(FetchHttpClient.layer)
  )

// The library logs a debug line per request and a warning per retry; Effect's default minimum level is Info.
export const DebugLogs = Layer.merge(
  Layer.succeed(References.MinimumLogLevel, "Debug"),
  Logger.layer([Logger.consoleLogFmt], { mergeWithExisting: true })
)

export const program = ListBatchSegmentJobs.stream({}, { pageSize: 25 }).pipe(
  Stream.runCount,
  Effect.flatMap((count) => Console.log(`${count} jobs`)),
  // the library's spans become children of this one
  Effect.withSpan("count-jobs")
)

export const main = Effect.gen(function*() {
  const collector = yield* Config.String("OTLP_URL").pipe(Config.withDefault("http://localhost:4318"))
  yield* program.pipe(Effect.provide(Telemetry(collector)))
}).pipe(
  Effect.provide(PersonalizeAws.layerConfig()),
  Effect.provide(DebugLogs)
)

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) NodeRuntime.runMain(main)
