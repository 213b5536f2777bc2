/**
 * The bench of many processes on one account's quota (`pnpm bench -- --only fleet`, bench/run.ts): the rig of
 * manyProcesses.test.ts (fleet.ts) against the emulator limited at 20 requests a second, with the fleet sharing
 * `RateLimit.layerStore` of 20 through a redis-server of its own, and, beside it, each process under its own
 * `RateLimit.layer` of 20 (as before `layerStore`). Prints one row a run for bench/README.md and docs/scale.md.
 * Needs redis-server (Debian's package); `--quick` lists 5 pages a stream instead of 20, `--rounds N` repeats.
 *
 *   node .tsbuild/test/fleet/bench.js [--quick] [--rounds N]
 */
import { Effect } from "effect"
import * as RedisServer from "../utils/redis.js"
import * as Fleet from "./fleet.js"

const args = process.argv.slice(2)
const quick = args.includes("--quick")
const roundsAt = args.indexOf("--rounds")
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 1

const fleets = [
  { limitedBy: "`RateLimit.layerStore` (shared, Redis)", shared: true, processes: 4, streams: 4 },
  { limitedBy: "`RateLimit.layer` in each process", shared: false, processes: 4, streams: 4 }
] as const

const row = (cells: ReadonlyArray<string | number>) => `| ${cells.join(" | ")} |`

const program = Effect.gen(function*() {
  console.log(
    row([
      "limited by",
      "processes",
      "streams",
      "limit (/s)",
      "sends/s max",
      "sends in any second less the lag, max",
      "throttled",
      "failed streams",
      "time vs ideal"
    ])
  )
  console.log(row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]))
  for (let round = 0; round < rounds; round++) {
    for (const fleet of fleets) {
      const workload = { processes: fleet.processes, streams: fleet.streams, pages: quick ? 5 : 20, limit: 20 }
      const run = yield* Effect.scoped(
        Effect.flatMap(
          fleet.shared ? Effect.map(RedisServer.start, (server) => server.url) : Effect.succeed(undefined),
          (url) => Fleet.run(workload, url)
        )
      )
      const m = Fleet.measure(run, workload.limit)
      const failed = run.jobs.flat().filter((jobs) => jobs < 0).length
      console.log(row([
        fleet.limitedBy,
        workload.processes,
        workload.streams,
        workload.limit,
        m.maxPerSecond,
        `${m.maxPerSecondLessSlack} (lag ${Math.round(run.lag)} ms)`,
        `${(100 * m.throttledShare).toFixed(1)} % (${m.throttled} of ${m.requests})`,
        `${failed} of ${workload.processes * workload.streams}${
          run.errors.length === 0 ? "" : ` (${[...new Set(run.errors)].join(", ")})`
        }`,
        `${m.timeVsIdeal.toFixed(2)} (${(m.elapsed / 1000).toFixed(1)} s / ${(m.ideal / 1000).toFixed(1)} s)`
      ]))
    }
  }
})

if (!RedisServer.installed) {
  console.log("fleet: skipped, redis-server is not installed (apt-get install redis-server)")
} else {
  Effect.runPromise(program).then(
    () => process.exit(0),
    (error) => {
      console.error(error)
      process.exit(1)
    }
  )
}
