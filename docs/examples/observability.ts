// Spans, metrics and the library's log lines, exported with @effect/opentelemetry.
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { NodeSdk } from "@effect/opentelemetry"
import { NodeRuntime } from "@effect/platform-node"
import type { PushMetricExporter } from "@opentelemetry/sdk-metrics"
import { ConsoleMetricExporter, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics"
import type { SpanExporter } from "@opentelemetry/sdk-trace-base"
import { BatchSpanProcessor, ConsoleSpanExporter } from "@opentelemetry/sdk-trace-base"
import { Console, Effect, Layer, Logger, LogLevel, Stream } from "effect"
import { pathToFileURL } from "node:url"

// Every span of the program goes to `spans`; every metric to `metrics`, every 10 seconds and once more at the end.
export const Telemetry = (exporters: { readonly spans: SpanExporter; readonly metrics: PushMetricExporter }) =>
  NodeSdk.layer(() => ({
    resource: { serviceName: "batch-segment-jobs" },
    spanProcessor: new BatchSpanProcessor(exporters.spans),
    metricReader: new PeriodicExportingMetricReader({ exporter: exporters.metrics, exportIntervalMillis: 10_000 })
  }))

// The library logs a debug line per request and a warning per retry; Effect's default minimum level is Info.
export const DebugLogs = Layer.merge(Logger.minimumLogLevel(LogLevel.Debug), Logger.logFmt)

export const program = ListBatchSegmentJobs.stream({}, { pageSize: 25 }).pipe(
  Stream.runCount,
  Effect.flatMap((count) => Console.log(`${count} jobs`)),
  // the library's spans become children of this one
  Effect.withSpan("count-jobs")
)

export const main = program.pipe(
  Effect.provide(PersonalizeAws.layerConfig()),
  Effect.provide(Telemetry({ spans: new ConsoleSpanExporter(), metrics: new ConsoleMetricExporter() })),
  Effect.provide(DebugLogs)
)

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) NodeRuntime.runMain(main)
