/**
 * One process of a fleet (manyProcesses.test.ts, bench): lists one solution version per stream, all streams at once,
 * over the real SDK against the emulator, under the limit it shares through Redis with every other process of the
 * same account and region (with REDIS_URL `none`, under a `RateLimit.layer` of its own instead, as processes were before
 * `layerStore`). Run from its build (`.tsbuild/test/fleet/worker.js`, made by the edition's type check):
 *
 *   node worker.js ENDPOINT REDIS_URL REQUESTS_PER_SECOND ARN...
 *
 * Prints one line of JSON when done: the jobs of each stream, -1 for a stream that failed (its error in `errors`), and
 * the longest its event loop was held up while it listed (`lagMs`): how late a permit's timer may have fired.
 */
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs, RateLimit } from "@effect-personalize/core"
import { NodeRedis } from "@effect/platform-node"
import { Effect, Layer, Redacted, Stream } from "effect"
import { monitorEventLoopDelay } from "node:perf_hooks"

const [endpoint, url, rate, ...arns] = process.argv.slice(2)

const program = Effect.gen(function*() {
  // from here on: the layers are built
  const lag = monitorEventLoopDelay({ resolution: 10 })
  lag.enable()
  const errors: Array<string> = []
  const jobs = yield* Effect.forEach(
    arns,
    (solutionVersionArn) =>
      Stream.runCount(ListBatchSegmentJobs.stream({ solutionVersionArn }, { pageSize: 1 })).pipe(
        Effect.catch((error) => Effect.sync(() => errors.push(error._tag)).pipe(Effect.as(-1)))
      ),
    { concurrency: "unbounded" }
  )
  lag.disable()
  return { jobs, errors, lagMs: lag.max / 1e6 }
})

const Client = PersonalizeAws.layer({
  region: "us-east-1",
  endpoint: endpoint!,
  credentials: {
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: Redacted.make("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
  }
})
const Limit = url === "none"
  ? RateLimit.layer({ requestsPerSecond: Number(rate) })
  : RateLimit.layerStore({ requestsPerSecond: Number(rate), account: "111122223333", region: "us-east-1" })
    .pipe(Layer.provide(NodeRedis.layer({ url: url!, disableOfflineQueue: true })))

Effect.runPromise(program.pipe(Effect.provide(Layer.merge(Client, Limit)))).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`)
    process.exit(0)
  },
  (error) => {
    process.stderr.write(`${String(error)}\n`)
    process.exit(1)
  }
)
