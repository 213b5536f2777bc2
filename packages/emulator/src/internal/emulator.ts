import * as BatchSegmentJob from "@effect-personalize/core/BatchSegmentJob"
import type * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Crypto from "node:crypto"
import * as Fs from "node:fs/promises"
import type * as Api from "../PersonalizeEmulator.js"
import { Emulator, SeedError } from "../PersonalizeEmulator.js"
import * as Failure from "./failure.js"
import * as Generate from "./generate.js"
import * as Random from "./random.js"
import * as Token from "./token.js"
import * as Validation from "./validation.js"

/** @internal */
export const faultKinds: ReadonlyArray<Api.FaultKind> = [
  "throttle",
  "tooManyRequests",
  "internalError",
  "serviceUnavailable",
  "latency",
  "connectionReset",
  "hang",
  "malformedBody",
  "wrongTypes",
  "repeatToken"
]

/** @internal */
export const retryableFaultKinds: ReadonlyArray<Api.FaultKind> = [
  "throttle",
  "tooManyRequests",
  "internalError",
  "serviceUnavailable",
  "latency",
  "connectionReset"
]

interface Schedule {
  readonly inProgressAt: number
  readonly doneAt: number
  readonly outcome: "ACTIVE" | "CREATE FAILED"
  readonly failureReason?: string | undefined
}

/** @internal */
export interface StoredJob {
  readonly arn: string
  readonly jobName?: string | undefined
  readonly status?: string | undefined
  readonly created: number
  readonly lastUpdated?: number | undefined
  readonly failureReason?: string | undefined
  readonly solutionVersionArn?: string | undefined
  readonly schedule?: Schedule | undefined
}

/**
 * A job summary as the wire carries it: timestamps in epoch seconds.
 *
 * @internal
 */
export interface WireJob {
  readonly batchSegmentJobArn: string
  readonly jobName?: string
  readonly status?: string
  readonly creationDateTime: number
  readonly lastUpdatedDateTime?: number
  readonly failureReason?: string
  readonly solutionVersionArn?: string
}

/** @internal */
export interface WireOutput {
  readonly batchSegmentJobs: ReadonlyArray<WireJob>
  readonly nextToken?: string
}

/**
 * What a face must send back for one request.
 *
 * @internal
 */
export type Outcome =
  | { readonly _tag: "Success"; readonly body: WireOutput }
  | { readonly _tag: "Failure"; readonly failure: Failure.ServiceFailure }
  | { readonly _tag: "Malformed"; readonly text: string }
  | { readonly _tag: "WrongTypes"; readonly body: unknown }
  | { readonly _tag: "Reset" }
  | { readonly _tag: "Hang" }

interface MutableEntry {
  index: number
  at: number
  face: Api.Face
  requestId: string
  body?: unknown
  fault?: Api.FaultKind | undefined
  status?: number | undefined
  error?: string | undefined
  aborted: boolean
}

/** @internal */
export type Entry = MutableEntry

const defaultPendingFor = Duration.minutes(1)
const defaultRunFor = Duration.minutes(5)
const defaultLatency = Duration.seconds(2)

// Sort order: newest first, ties by ARN ascending. `isAfter` says whether a job comes after a position.
const compare = (a: { created: number; arn: string }, b: { created: number; arn: string }): number =>
  a.created !== b.created ? b.created - a.created : a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0

const isAfter = (job: StoredJob, position: Token.Position): boolean => compare(job, position) > 0

const toMillis = (time: Api.Time, member: string): Either.Either<number, string> => {
  if (time instanceof Date) {
    const ms = time.getTime()
    return Number.isNaN(ms) ? Either.left(`${member} is an invalid Date`) : Either.right(ms)
  }
  if (typeof time === "number") {
    return Number.isFinite(time) ? Either.right(Math.round(time * 1000)) : Either.left(`${member} is not finite`)
  }
  if (typeof time === "string") {
    const ms = Date.parse(time)
    return Number.isNaN(ms)
      ? Either.left(`${member} ${JSON.stringify(time)} is neither epoch seconds nor an ISO 8601 date`)
      : Either.right(ms)
  }
  return Either.left(`${member} must be a Date, epoch seconds or an ISO 8601 string`)
}

const isArn = Schema.is(BatchSegmentJob.Arn)
const isJobName = Schema.is(BatchSegmentJob.JobName)

/**
 * The state of one emulator: the jobs, the counters, the request log, the faults. Every method is
 * synchronous and runs inside an Effect of the faces, so no lock is needed.
 *
 * @internal
 */
export class Engine {
  private jobsSorted: Array<StoredJob> = []
  private readonly byArn = new Map<string, StoredJob>()
  private readonly log: Array<MutableEntry> = []
  private offset = 0
  private created = 0
  requests = 0
  faultsInjected = 0
  aborted = 0
  faults: Api.FaultOptions | undefined
  readonly region: string
  readonly accountId: string
  readonly tokens: Token.TokenCodec

  constructor(readonly clock: Clock.Clock, readonly options: Api.Options) {
    this.region = options.region ?? "us-east-1"
    this.accountId = options.accountId ?? "123456789012"
    this.faults = options.faults
    const secret = options.tokenSecret === undefined
      ? Crypto.randomBytes(32)
      : Buffer.from(typeof options.tokenSecret === "string" ? options.tokenSecret : Redacted.value(options.tokenSecret))
    this.tokens = Token.make(secret, Duration.toMillis(options.tokenTtl ?? Duration.hours(24)))
  }

  now(): number {
    return this.clock.unsafeCurrentTimeMillis() + this.offset
  }

  advance(duration: Duration.DurationInput): void {
    this.offset += Duration.toMillis(duration)
  }

  // -- jobs ---------------------------------------------------------------------------------------------------

  insert(job: StoredJob): void {
    const existing = this.byArn.get(job.arn)
    if (existing !== undefined) {
      this.jobsSorted.splice(this.indexOf(existing), 1)
    }
    this.byArn.set(job.arn, job)
    this.jobsSorted.splice(this.firstAfterOrEqual(job), 0, job)
  }

  clear(): void {
    this.jobsSorted = []
    this.byArn.clear()
  }

  private indexOf(job: StoredJob): number {
    const i = this.firstAfterOrEqual(job)
    return this.jobsSorted[i] === job ? i : this.jobsSorted.indexOf(job)
  }

  // The first index whose job does not come before `position`.
  private firstAfterOrEqual(position: Token.Position): number {
    let lo = 0
    let hi = this.jobsSorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (compare(this.jobsSorted[mid], position) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  private firstAfter(position: Token.Position): number {
    let i = this.firstAfterOrEqual(position)
    while (i < this.jobsSorted.length && !isAfter(this.jobsSorted[i], position)) i++
    return i
  }

  /** The schedule of a job that enters now, if it is not terminal and a lifecycle applies. */
  scheduleFor(
    job: Omit<StoredJob, "schedule">,
    explicit: Api.JobLifecycle | undefined,
    fallback: Api.LifecycleOptions | undefined
  ): Schedule | undefined {
    const config = explicit ?? fallback
    if (config === undefined) return undefined
    if (job.status !== undefined && job.status !== "PENDING" && job.status !== "IN PROGRESS") return undefined
    const now = this.now()
    const pendingFor = Duration.toMillis(config.pendingFor ?? defaultPendingFor)
    const runFor = Duration.toMillis(config.runFor ?? defaultRunFor)
    const inProgressAt = job.status === "IN PROGRESS"
      ? (job.lastUpdated ?? job.created)
      : Math.max(now, job.created) + pendingFor
    const doneAt = Math.max(now, inProgressAt) + runFor
    const seed = this.options.lifecycle?.seed ?? 0
    const failureRate = this.options.lifecycle?.failureRate ?? 0
    const outcome = explicit?.outcome ??
      (Random.unit(seed, `outcome:${job.arn}`) < failureRate ? "CREATE FAILED" : "ACTIVE")
    const failureReason = outcome === "CREATE FAILED"
      ? explicit?.failureReason ?? Generate.failureReasons[
        Math.floor(Random.unit(seed, `reason:${job.arn}`) * Generate.failureReasons.length)
      ]
      : undefined
    return { inProgressAt, doneAt, outcome, failureReason }
  }

  fromSeed(seed: Api.SeedJob): Either.Either<StoredJob, string> {
    if (typeof seed !== "object" || seed === null) return Either.left("a job must be an object")
    const arn = seed.batchSegmentJobArn
    if (typeof arn !== "string" || !isArn(arn)) {
      return Either.left(`batchSegmentJobArn ${JSON.stringify(arn)} is not a Personalize ARN`)
    }
    const jobName = seed.jobName ?? arn.slice(arn.lastIndexOf("/") + 1)
    if (!isJobName(jobName)) {
      return Either.left(
        `jobName ${JSON.stringify(jobName)} of ${arn} breaks the model (1..63, ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*)`
      )
    }
    if (seed.solutionVersionArn !== undefined && !isArn(seed.solutionVersionArn)) {
      return Either.left(
        `solutionVersionArn ${JSON.stringify(seed.solutionVersionArn)} of ${arn} is not a Personalize ARN`
      )
    }
    if (seed.status !== undefined && (typeof seed.status !== "string" || seed.status.length > 256)) {
      return Either.left(`status of ${arn} must be a string of at most 256 characters`)
    }
    if (seed.failureReason !== undefined && typeof seed.failureReason !== "string") {
      return Either.left(`failureReason of ${arn} must be a string`)
    }
    const created = seed.creationDateTime === undefined
      ? Either.right(this.now())
      : toMillis(seed.creationDateTime, "creationDateTime")
    if (Either.isLeft(created)) return Either.left(`${created.left} (job ${arn})`)
    const lastUpdated = seed.lastUpdatedDateTime === undefined
      ? Either.right(created.right)
      : toMillis(seed.lastUpdatedDateTime, "lastUpdatedDateTime")
    if (Either.isLeft(lastUpdated)) return Either.left(`${lastUpdated.left} (job ${arn})`)
    const job: Omit<StoredJob, "schedule"> = {
      arn,
      jobName,
      status: seed.status,
      created: created.right,
      lastUpdated: lastUpdated.right,
      failureReason: seed.failureReason,
      solutionVersionArn: seed.solutionVersionArn
    }
    return Either.right({ ...job, schedule: this.scheduleFor(job, seed.lifecycle, this.options.lifecycle) })
  }

  seed(jobs: Iterable<Api.SeedJob>, path?: string): Either.Either<void, SeedError> {
    const stored: Array<StoredJob> = []
    let i = 0
    for (const seed of jobs) {
      const job = this.fromSeed(seed)
      if (Either.isLeft(job)) return Either.left(new SeedError({ detail: `job ${i}: ${job.left}`, path }))
      stored.push(job.right)
      i++
    }
    for (const job of stored) this.insert(job)
    return Either.void
  }

  generate(options: Api.GenerateOptions): ReadonlyArray<Api.Job> {
    const endingAt = options.endingAt === undefined
      ? this.now()
      : Either.getOrElse(toMillis(options.endingAt, "endingAt"), () => this.now())
    const jobs = Generate.jobs({
      solutionVersions: options.solutionVersions,
      jobsPerVersion: options.jobsPerVersion,
      seed: options.seed ?? 0,
      endingAt,
      region: options.region ?? this.region,
      accountId: options.accountId ?? this.accountId
    })
    const out: Array<Api.Job> = []
    for (const job of jobs) {
      const stored = { ...job, schedule: this.scheduleFor(job, undefined, this.options.lifecycle) }
      this.insert(stored)
      out.push(this.toJob(stored, this.now()))
    }
    return out
  }

  createJob(input: Api.CreateJob | undefined): Api.Job {
    this.created++
    const now = this.now()
    const jobName = input?.jobName ?? `batch-segment-job-${this.created}`
    const job: Omit<StoredJob, "schedule"> = {
      arn: `arn:aws:personalize:${this.region}:${this.accountId}:batch-segment-job/${jobName}`,
      jobName,
      status: "PENDING",
      created: now,
      lastUpdated: now,
      solutionVersionArn: input?.solutionVersionArn
    }
    const stored = { ...job, schedule: this.scheduleFor(job, input?.lifecycle, this.options.lifecycle ?? {}) }
    this.insert(stored)
    return this.toJob(stored, now)
  }

  private state(job: StoredJob, now: number) {
    const s = job.schedule
    if (s === undefined) {
      return { status: job.status, lastUpdated: job.lastUpdated, failureReason: job.failureReason }
    }
    if (now < s.inProgressAt) return { status: "PENDING", lastUpdated: job.lastUpdated, failureReason: undefined }
    if (now < s.doneAt) return { status: "IN PROGRESS", lastUpdated: s.inProgressAt, failureReason: undefined }
    return { status: s.outcome, lastUpdated: s.doneAt, failureReason: s.failureReason }
  }

  toWire(job: StoredJob, now: number): WireJob {
    const { failureReason, lastUpdated, status } = this.state(job, now)
    const out: Record<string, unknown> = { batchSegmentJobArn: job.arn }
    if (job.jobName !== undefined) out.jobName = job.jobName
    if (status !== undefined) out.status = status
    out.creationDateTime = job.created / 1000
    if (lastUpdated !== undefined) out.lastUpdatedDateTime = lastUpdated / 1000
    if (failureReason !== undefined) out.failureReason = failureReason
    if (job.solutionVersionArn !== undefined) out.solutionVersionArn = job.solutionVersionArn
    return out as unknown as WireJob
  }

  toJob(job: StoredJob, now: number): Api.Job {
    const { failureReason, lastUpdated, status } = this.state(job, now)
    const out: Record<string, unknown> = { batchSegmentJobArn: job.arn }
    if (job.jobName !== undefined) out.jobName = job.jobName
    if (status !== undefined) out.status = status
    out.creationDateTime = new Date(job.created)
    if (lastUpdated !== undefined) out.lastUpdatedDateTime = new Date(lastUpdated)
    if (failureReason !== undefined) out.failureReason = failureReason
    if (job.solutionVersionArn !== undefined) out.solutionVersionArn = job.solutionVersionArn
    return out as unknown as Api.Job
  }

  snapshot(): ReadonlyArray<Api.Job> {
    const now = this.now()
    return this.jobsSorted.map((job) => this.toJob(job, now))
  }

  // -- the operation ------------------------------------------------------------------------------------------

  /** `ListBatchSegmentJobs` itself: type check, constraints, token, keyset page. */
  list(
    body: unknown
  ): Either.Either<{ readonly request: Validation.ListRequest; readonly output: WireOutput }, Failure.ServiceFailure> {
    return Validation.decode(body).pipe(
      Either.flatMap(Validation.validate),
      Either.flatMap((request) => {
        const now = this.now()
        const filter = request.solutionVersionArn
        let start = 0
        if (request.nextToken !== undefined && request.nextToken !== "") {
          const position = this.tokens.decode(request.nextToken, filter, now)
          if (Either.isLeft(position)) return Either.left(position.left)
          start = this.firstAfter(position.right)
        }
        const limit = request.maxResults ?? Validation.maxResultsDefault
        const page: Array<StoredJob> = []
        let more = false
        for (let i = start; i < this.jobsSorted.length; i++) {
          const job = this.jobsSorted[i]
          if (filter !== undefined && job.solutionVersionArn !== filter) continue
          if (page.length === limit) {
            more = true
            break
          }
          page.push(job)
        }
        const last = page[page.length - 1]
        const output: WireOutput = more
          ? {
            batchSegmentJobs: page.map((job) => this.toWire(job, now)),
            nextToken: this.tokens.encode({ created: last.created, arn: last.arn }, filter, now)
          }
          : { batchSegmentJobs: page.map((job) => this.toWire(job, now)) }
        return Either.right({ request, output })
      })
    )
  }

  // -- requests -----------------------------------------------------------------------------------------------

  begin(face: Api.Face): Entry {
    this.requests++
    const entry: MutableEntry = {
      index: this.requests,
      at: this.now(),
      face,
      requestId: Crypto.randomUUID(),
      aborted: false
    }
    this.log.push(entry)
    return entry
  }

  finish(entry: Entry, status: number, error?: string): void {
    entry.status = status
    entry.error = error
  }

  abort(entry: Entry): void {
    if (entry.aborted || entry.status !== undefined) return
    entry.aborted = true
    this.aborted++
  }

  requestLog(): ReadonlyArray<Api.RequestLogEntry> {
    return this.log.map((entry) => ({ ...entry, at: new Date(entry.at) }))
  }

  private decideFault(
    entry: Entry,
    body: unknown
  ): { readonly kind: Api.FaultKind; readonly latency: number } | undefined {
    const options = this.faults
    if (options === undefined) return undefined
    const latencyOf = (fault: Api.Fault) => Duration.toMillis(fault.latency ?? options.latency ?? defaultLatency)
    const script = options.script
    if (typeof script === "function") {
      const fault = script({ index: entry.index, face: entry.face, body })
      if (fault !== undefined) {
        const spec = typeof fault === "string" ? { kind: fault } : fault
        return { kind: spec.kind, latency: latencyOf(spec) }
      }
    } else if (script !== undefined) {
      const fault = script.find((f) => f.on === entry.index)
      if (fault !== undefined) return { kind: fault.kind, latency: latencyOf(fault) }
    }
    const rate = options.rate ?? 0
    if (rate <= 0) return undefined
    const seed = options.seed ?? 0
    if (Random.unit(seed, `fault:${entry.index}`) >= rate) return undefined
    const kinds = options.kinds !== undefined && options.kinds.length > 0 ? options.kinds : retryableFaultKinds
    const kind = kinds[Math.floor(Random.unit(seed, `kind:${entry.index}`) * kinds.length)]
    return { kind, latency: latencyOf({ kind }) }
  }

  private injected(entry: Entry, kind: Api.FaultKind): void {
    entry.fault = kind
    this.faultsInjected++
  }

  /**
   * Answers one `ListBatchSegmentJobs` request that got past the transport checks, faults included. The
   * face turns the outcome into bytes or into the core's errors.
   */
  run(entry: Entry, body: unknown): Effect.Effect<Outcome> {
    const responseTime = this.options.responseTime === undefined ? 0 : Duration.toMillis(this.options.responseTime)
    const outcome = this.answer(entry, body)
    return responseTime > 0 ? Effect.zipRight(this.clock.sleep(Duration.millis(responseTime)), outcome) : outcome
  }

  private answer(entry: Entry, body: unknown): Effect.Effect<Outcome> {
    return Effect.suspend(() => {
      entry.body = body
      const answer = (): Outcome => {
        const result = this.list(body)
        return Either.isLeft(result)
          ? { _tag: "Failure", failure: result.left }
          : { _tag: "Success", body: result.right.output }
      }
      const fault = this.decideFault(entry, body)
      if (fault === undefined) return Effect.sync(answer)
      const inject = (outcome: Outcome): Effect.Effect<Outcome> =>
        Effect.sync(() => {
          this.injected(entry, fault.kind)
          return outcome
        })
      switch (fault.kind) {
        case "throttle":
          return inject({ _tag: "Failure", failure: Failure.throttling() })
        case "tooManyRequests":
          return inject({ _tag: "Failure", failure: Failure.tooManyRequests() })
        case "internalError":
          return inject({ _tag: "Failure", failure: Failure.internalError() })
        case "serviceUnavailable":
          return inject({ _tag: "Failure", failure: Failure.serviceUnavailable() })
        case "connectionReset":
          return inject({ _tag: "Reset" })
        case "hang":
          return inject({ _tag: "Hang" })
        case "malformedBody":
          return inject({ _tag: "Malformed", text: "{\"batchSegmentJobs\": [{\"batchSegmentJobArn\": \"arn:aws:pers" })
        case "wrongTypes":
          return inject({ _tag: "WrongTypes", body: { batchSegmentJobs: "not a list", nextToken: 42 } })
        case "latency":
          return Effect.sync(() => this.injected(entry, fault.kind)).pipe(
            Effect.zipRight(this.clock.sleep(Duration.millis(fault.latency))),
            Effect.zipRight(Effect.sync(answer))
          )
        case "repeatToken": {
          const result = this.list(body)
          if (Either.isLeft(result)) return Effect.succeed<Outcome>({ _tag: "Failure", failure: result.left })
          const given = result.right.request.nextToken
          if (given === undefined || given === "") {
            return Effect.succeed<Outcome>({ _tag: "Success", body: result.right.output })
          }
          return inject({ _tag: "Success", body: { ...result.right.output, nextToken: given } })
        }
      }
    })
  }
}

const engines = new WeakMap<Api.Emulator.Service, Engine>()

/** @internal */
export const engineOf = (service: Api.Emulator.Service): Engine => {
  const engine = engines.get(service)
  if (engine === undefined) throw new Error("not an emulator made by PersonalizeEmulator.make")
  return engine
}

const readSeedFile = (path: string): Effect.Effect<ReadonlyArray<Api.SeedJob>, SeedError> =>
  Effect.tryPromise({
    try: () => Fs.readFile(path, "utf8"),
    catch: (cause) => new SeedError({ detail: `cannot read the file (${String(cause)})`, path, cause })
  }).pipe(
    Effect.flatMap((text) =>
      Effect.try({
        try: () => JSON.parse(text) as unknown,
        catch: (cause) => new SeedError({ detail: "the file is not valid JSON", path, cause })
      })
    ),
    Effect.filterOrFail(
      (json): json is ReadonlyArray<Api.SeedJob> => Array.isArray(json),
      () => new SeedError({ detail: "the file must hold a JSON array of job summaries", path })
    )
  )

/** @internal */
export const make = (options: Api.Options = {}): Effect.Effect<Api.Emulator.Service, SeedError> =>
  Effect.gen(function*() {
    const clock = yield* Effect.clock
    const engine = new Engine(clock, options)
    const seedFrom = (jobs: Iterable<Api.SeedJob>, path?: string) =>
      Effect.suspend(() => Either.match(engine.seed(jobs, path), { onLeft: Effect.fail, onRight: () => Effect.void }))
    const seedFile = (path: string) => Effect.flatMap(readSeedFile(path), (jobs) => seedFrom(jobs, path))
    if (options.seedFile !== undefined) yield* seedFile(options.seedFile)
    if (options.seed !== undefined) yield* seedFrom(options.seed)
    if (options.generate !== undefined) engine.generate(options.generate)
    const service: Api.Emulator.Service = {
      seed: (jobs) => seedFrom(jobs),
      seedFile,
      generate: (generate) => Effect.sync(() => engine.generate(generate)),
      createJob: (job) => Effect.sync(() => engine.createJob(job)),
      clear: Effect.sync(() => engine.clear()),
      jobs: Effect.sync(() => engine.snapshot()),
      stats: Effect.sync(() => ({
        requests: engine.requests,
        faultsInjected: engine.faultsInjected,
        aborted: engine.aborted
      })),
      requestLog: Effect.sync(() => engine.requestLog()),
      setFaults: (faults) =>
        Effect.sync(() => {
          engine.faults = faults
        }),
      advance: (duration) => Effect.sync(() => engine.advance(duration)),
      now: Effect.sync(() => new Date(engine.now()))
    }
    engines.set(service, engine)
    return service
  })

/** @internal */
export const layer = (options?: Api.Options): Layer.Layer<Emulator, SeedError> => Layer.effect(Emulator, make(options))
