// A nightly report: what the jobs of the last 24 hours came to, and why the failed ones failed.
// Run it from cron: 0 6 * * * cd /srv/reports && npx tsx nightly-report.ts
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { NodeRuntime } from "@effect/platform-node"
import { Clock, Console, Duration, Effect, Stream } from "effect"
import { pathToFileURL } from "node:url"

export const report = (period: Duration.Input = "24 hours") =>
  Effect.gen(function*() {
    const now = yield* Clock.currentTimeMillis
    const since = now - Duration.toMillis(period)
    const jobs = yield* ListBatchSegmentJobs.stream({}, { pageSize: 100 }).pipe(
      // a job counts when it was created or last changed within the period
      Stream.filter((job) => (job.lastUpdatedDateTime ?? job.creationDateTime ?? new Date(0)).getTime() >= since),
      Stream.runCollect
    )
    const byStatus = new Map<string, number>()
    for (const job of jobs) byStatus.set(job.status ?? "UNKNOWN", (byStatus.get(job.status ?? "UNKNOWN") ?? 0) + 1)

    yield* Console.log(`Batch segment jobs since ${new Date(since).toISOString()}: ${jobs.length}`)
    for (const [status, count] of [...byStatus].sort(([a], [b]) => a.localeCompare(b))) {
      yield* Console.log(`  ${status}: ${count}`)
    }
    for (const job of jobs) {
      if (job.status === "CREATE FAILED") {
        yield* Console.log(`Failed: ${job.jobName}: ${job.failureReason ?? "no reason given"}`)
      }
    }
  })

export const main = report().pipe(Effect.provide(PersonalizeAws.layerConfig()))

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) NodeRuntime.runMain(main)
