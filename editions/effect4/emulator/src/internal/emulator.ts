import * as JobGenerator from "@effect-personalize/protocol/JobGenerator"
import * as JobLifecycle from "@effect-personalize/protocol/JobLifecycle"
import { JobStore } from "@effect-personalize/protocol/JobStore"
import * as PageToken from "@effect-personalize/protocol/PageToken"
import * as RequestLogs from "@effect-personalize/protocol/RequestLog"
import { RequestLog } from "@effect-personalize/protocol/RequestLog"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Crypto from "node:crypto"
import type * as Api from "../PersonalizeEmulator.js"
import { Emulator } from "../PersonalizeEmulator.js"
import * as Handler from "./handler.js"
import * as Lifecycle from "./lifecycle.js"
import * as RateLimit from "./rateLimit.js"
import * as Seed from "./seed.js"

const tokenSecret = (secret: Api.Options["tokenSecret"]): Uint8Array =>
  secret === undefined
    ? Crypto.randomBytes(32)
    : Buffer.from(typeof secret === "string" ? secret : Redacted.value(secret))

// Options that make no sense are a defect of the program, as the command line checks its own before.
const defect = (problem: string) => Effect.die(new Error(`PersonalizeEmulator: ${problem}`))

const limiter = (options: Api.RateLimitOptions | undefined): Effect.Effect<RateLimit.RateLimiter | undefined> => {
  if (options === undefined) return Effect.succeed(undefined)
  const problem = RateLimit.check(options)
  return problem === undefined ? Effect.sync(() => new RateLimit.RateLimiter(options)) : defect(problem)
}

/**
 * One emulator: its jobs, its request log, its faults and its time, on the clock of the fiber that makes it.
 * Every operation is synchronous inside an Effect, so no lock is needed.
 *
 * @internal
 */
export const make = (options: Api.Options = {}): Effect.Effect<Api.Emulator.Service, Api.SeedError> =>
  Effect.gen(function*() {
    const clock = yield* Clock.Clock
    const region = options.region ?? "us-east-1"
    const accountId = options.accountId ?? "123456789012"
    let offset = 0
    let faults = options.faults
    let rateLimit = yield* limiter(options.rateLimit)
    let created = 0
    const now = () => clock.currentTimeMillisUnsafe() + offset
    const store = new JobStore()
    const logSize = options.requestLogSize ?? RequestLogs.defaultSize
    const badSize = RequestLogs.check(logSize)
    if (badSize !== undefined) return yield* defect(badSize)
    const log = new RequestLog(logSize)
    const tokens = PageToken.make(tokenSecret(options.tokenSecret), Duration.toMillis(options.tokenTtl ?? "24 hours"))
    const snapshot = () => {
      const at = now()
      return store.all.map((job) => JobLifecycle.at(job, at))
    }

    // Checked whole before any job goes in: a batch is kept whole or not at all.
    const insert = (jobs: ReadonlyArray<Seed.SeedJob>) =>
      Effect.sync(() => {
        const at = now()
        store.insertAll(jobs.map((job) => Seed.toStored(job, at, options.lifecycle)))
      })
    const seed = (jobs: Iterable<Api.SeedJob>) =>
      Effect.flatMap(Effect.suspend(() => Seed.decode(Array.from(jobs))), insert)
    const seedFile = (path: string) => Effect.flatMap(Seed.readFile(path), insert)

    const generate = (generate: Api.GenerateOptions) =>
      Effect.sync(() => {
        const at = now()
        const endingAt = generate.endingAt === undefined ? at : Seed.decodeTime(generate.endingAt) ?? at
        const jobs = JobGenerator.jobs({
          solutionVersions: generate.solutionVersions,
          jobsPerVersion: generate.jobsPerVersion,
          seed: generate.seed ?? 0,
          endingAt,
          region: generate.region ?? region,
          accountId: generate.accountId ?? accountId
        })
        const stored = jobs.map((job) => ({
          ...job,
          schedule: Lifecycle.scheduleFor(job, at, undefined, options.lifecycle, options.lifecycle)
        }))
        store.insertAll(stored)
        return stored.map((job) => JobLifecycle.at(job, at))
      })

    const createJob = (input?: Api.CreateJob) =>
      Effect.flatMap(Seed.decodeCreateJob(input ?? {}), (job) =>
        Effect.sync(() => {
          const at = now()
          created++
          const jobName = job.jobName ?? `batch-segment-job-${created}`
          const stored = {
            arn: `arn:aws:personalize:${region}:${accountId}:batch-segment-job/${jobName}`,
            jobName,
            status: "PENDING",
            created: at,
            lastUpdated: at,
            solutionVersionArn: job.solutionVersionArn
          }
          const withSchedule = {
            ...stored,
            // A created job always advances: with the emulator's lifecycle, else the defaults.
            schedule: Lifecycle.scheduleFor(stored, at, job.lifecycle, options.lifecycle ?? {}, options.lifecycle)
          }
          store.insert(withSchedule)
          return JobLifecycle.at(withSchedule, at)
        }))

    if (options.seedFile !== undefined) yield* seedFile(options.seedFile)
    if (options.seed !== undefined) yield* seed(options.seed)
    if (options.generate !== undefined) yield* generate(options.generate)

    return {
      handle: Handler.make({
        clock,
        now,
        store,
        log,
        tokens,
        faults: () => faults,
        rateLimit: () => rateLimit,
        accountId,
        responseTime: options.responseTime
      }),
      seed,
      seedFile,
      generate,
      createJob,
      clear: Effect.sync(() => store.clear()),
      jobs: Effect.sync(snapshot),
      stats: Effect.sync(() => log.stats()),
      requestLog: Effect.sync(() => log.snapshot()),
      setFaults: (next) =>
        Effect.sync(() => {
          faults = next
        }),
      setRateLimit: (next) =>
        Effect.map(limiter(next), (made) => {
          rateLimit = made
        }),
      advance: (duration) =>
        Effect.sync(() => {
          offset += Duration.toMillis(duration)
        }),
      now: Effect.sync(() => new Date(now()))
    }
  })

/** @internal */
export const layer = (options?: Api.Options): Layer.Layer<Emulator, Api.SeedError> =>
  Layer.effect(Emulator, make(options))
