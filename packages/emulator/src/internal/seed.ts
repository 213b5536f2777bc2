import * as BatchSegmentJob from "@effect-personalize/core/BatchSegmentJob"
import type { StoredJob } from "@effect-personalize/protocol/JobStore"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Fs from "node:fs/promises"
import type * as Api from "../PersonalizeEmulator.js"
import { SeedError } from "../PersonalizeEmulator.js"
import * as Lifecycle from "./lifecycle.js"

const show = (u: unknown): string => {
  if (typeof u === "string") return u.length > 80 ? `a string of ${u.length} characters` : JSON.stringify(u)
  if (u instanceof Date) return Number.isNaN(u.getTime()) ? "an invalid Date" : u.toISOString()
  if (typeof u === "number" || typeof u === "boolean" || u === null || u === undefined) return String(u)
  return Array.isArray(u) ? "an array" : typeof u === "object" ? "an object" : typeof u
}

// Messages phrased to follow the path of the value: `[0].status 5 is not a string`.
const leaf = (what: string) => ({
  message: (issue: ParseResult.ParseIssue) => ({ message: `${show(issue.actual)} ${what}`, override: true })
})
const node = (what: string) => ({ message: (issue: ParseResult.ParseIssue) => `${show(issue.actual)} ${what}` })

const Arn = BatchSegmentJob.Arn.annotations(
  leaf("is not a Personalize ARN (arn:PARTITION:personalize:REGION:ACCOUNT:RESOURCE, at most 256 characters)")
)
const JobName = BatchSegmentJob.JobName.annotations(
  leaf("is not a job name (1 to 63 characters, starting with a letter or a digit)")
)
const Status = BatchSegmentJob.Status.annotations(leaf("is not a status (a string of at most 256 characters)"))
const Text = Schema.String.annotations(leaf("is not a string"))

const TimeInput = Schema.declare(
  (u): u is Api.Time => u instanceof Date || typeof u === "number" || typeof u === "string"
).annotations(leaf("is not a time (a Date, epoch seconds or an ISO 8601 string)"))

/**
 * A point in time as seeds give it (a `Date`, epoch seconds or an ISO 8601 string), as epoch milliseconds.
 *
 * @internal
 */
export const Time = Schema.transformOrFail(TimeInput, Schema.Number, {
  strict: true,
  decode: (time, _, ast) => {
    const ms = time instanceof Date
      ? time.getTime()
      : typeof time === "number"
      ? Math.round(time * 1000)
      : Date.parse(time)
    if (!Number.isNaN(ms) && Number.isFinite(ms)) return ParseResult.succeed(ms)
    const why = typeof time === "string"
      ? "is neither epoch seconds nor an ISO 8601 date"
      : typeof time === "number"
      ? "is not a finite number of epoch seconds"
      : "is not a valid Date"
    return ParseResult.fail(new ParseResult.Type(ast, time, `${show(time)} ${why}`))
  },
  encode: (ms) => ParseResult.succeed(ms / 1000)
})

const DurationInput = Schema.declare(
  (u): u is Duration.DurationInput => Option.isSome(Duration.decodeUnknown(u))
).annotations(leaf("is not a duration (milliseconds, or a string such as \"5 minutes\")"))

const Outcome = Schema.Literal("ACTIVE", "CREATE FAILED").annotations(
  leaf("is neither \"ACTIVE\" nor \"CREATE FAILED\"")
)

const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

const JobLifecycle = Schema.Struct({
  pendingFor: optional(DurationInput),
  runFor: optional(DurationInput),
  outcome: optional(Outcome),
  failureReason: optional(Text)
}).annotations(node("is not a lifecycle (an object)"))

const lastSegment = (arn: string): string => arn.slice(arn.lastIndexOf("/") + 1)
const isJobName = Schema.is(BatchSegmentJob.JobName)

/**
 * One job of a seed, checked against the service model. Without a `jobName`, the ARN's last segment must be one.
 *
 * @internal
 */
export const SeedJob = Schema.Struct({
  batchSegmentJobArn: Arn,
  jobName: optional(JobName),
  status: optional(Status),
  creationDateTime: optional(Time),
  lastUpdatedDateTime: optional(Time),
  failureReason: optional(Text),
  solutionVersionArn: optional(Arn),
  lifecycle: optional(JobLifecycle)
}).annotations(node("is not a job (an object with at least a batchSegmentJobArn)")).pipe(
  Schema.filter((job) =>
    job.jobName !== undefined || isJobName(lastSegment(job.batchSegmentJobArn)) || {
      path: ["batchSegmentJobArn"],
      message: `${
        show(job.batchSegmentJobArn)
      } does not end in a job name (1 to 63 characters, starting with a letter or a digit); give a jobName`
    }
  )
)

/** @internal */
export type SeedJob = Schema.Schema.Type<typeof SeedJob>

const Seed = Schema.Array(SeedJob).annotations(node("is not a seed (a JSON array of job summaries)"))

/**
 * A job to create: a name and a solution version that the model allows.
 *
 * @internal
 */
export const CreateJob = Schema.Struct({
  jobName: optional(JobName),
  solutionVersionArn: optional(Arn),
  lifecycle: optional(JobLifecycle)
}).annotations(node("is not a job to create (an object)"))

// An `undefined` member is an absent one, as in the SDK's input; JSON has none.
const withoutUndefined = (u: unknown): unknown => {
  if (Array.isArray(u)) return u.map(withoutUndefined)
  if (typeof u !== "object" || u === null) return u
  const proto = Object.getPrototypeOf(u)
  if (proto !== Object.prototype && proto !== null) return u
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(u)) if (value !== undefined) out[key] = withoutUndefined(value)
  return out
}

const mostShown = 10

const render = (issue: ParseResult.ArrayFormatterIssue): string => {
  const where = issue.path.map((key) => typeof key === "number" ? `[${key}]` : `.${String(key)}`).join("")
    .replace(/^\./, "")
  return where === "" ? issue.message : `${where} ${issue.message}`
}

const decodeWith = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all" })
  return (input: unknown, path?: string): Either.Either<A, SeedError> =>
    Either.mapLeft(decode(withoutUndefined(input)), (error) => {
      const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
      const shown = issues.slice(0, mostShown).map(render).join("; ")
      return new SeedError({
        detail: issues.length > mostShown ? `${shown}; and ${issues.length - mostShown} more` : shown,
        path,
        at: issues[0]?.path ?? [],
        cause: error
      })
    })
}

/**
 * Checks the jobs of a seed; the error names the place of every fault (`[2].creationDateTime ...`).
 *
 * @internal
 */
export const decode: (input: unknown, path?: string) => Either.Either<ReadonlyArray<SeedJob>, SeedError> = decodeWith(
  Seed
)

/** @internal */
export const decodeCreateJob: (input: unknown) => Either.Either<Schema.Schema.Type<typeof CreateJob>, SeedError> =
  decodeWith(CreateJob)

/** @internal */
export const decodeTime: (time: Api.Time) => Option.Option<number> = Schema.decodeOption(Time)

/**
 * The jobs of a JSON file, checked.
 *
 * @internal
 */
export const readFile = (path: string): Effect.Effect<ReadonlyArray<SeedJob>, SeedError> =>
  Effect.tryPromise({
    try: () => Fs.readFile(path, "utf8"),
    catch: (cause) =>
      new SeedError({
        detail: `cannot read the file (${cause instanceof Error ? cause.message : String(cause)})`,
        path,
        cause
      })
  }).pipe(
    Effect.flatMap((text) =>
      Effect.try({
        try: () => JSON.parse(text) as unknown,
        catch: (cause) =>
          new SeedError({ detail: `the file is not valid JSON (${(cause as Error).message})`, path, cause })
      })
    ),
    Effect.flatMap((json) => decode(json, path))
  )

/**
 * A checked seed job as the store keeps it: the job name defaults to the ARN's last segment, the creation time
 * to `now`, the last update to the creation time; a lifecycle applies to a job that is not terminal.
 *
 * @internal
 */
export const toStored = (seed: SeedJob, now: number, lifecycle: Api.LifecycleOptions | undefined): StoredJob => {
  const created = seed.creationDateTime ?? now
  const job: Omit<StoredJob, "schedule"> = {
    arn: seed.batchSegmentJobArn,
    jobName: seed.jobName ?? lastSegment(seed.batchSegmentJobArn),
    status: seed.status,
    created,
    lastUpdated: seed.lastUpdatedDateTime ?? created,
    failureReason: seed.failureReason,
    solutionVersionArn: seed.solutionVersionArn
  }
  return { ...job, schedule: Lifecycle.scheduleFor(job, now, seed.lifecycle, lifecycle, lifecycle) }
}
