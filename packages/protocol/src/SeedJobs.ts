/**
 * The check of the jobs that seed an emulator (from code or from a JSON file), the same in both editions: every job
 * against the service model, each fault named by its place (`[2].creationDateTime "yesterday" is neither epoch
 * seconds nor an ISO 8601 date`), and the job as the store keeps it. Durations (a lifecycle's `pendingFor`,
 * `runFor`) are each edition's own: the caller says which values are one and how long they are.
 *
 * @since 0.1.0
 */
import * as JobLifecycle from "./JobLifecycle.js"
import type { StoredJob } from "./JobStore.js"
import * as ServiceModel from "./ServiceModel.js"

/**
 * One fault of a seed: where it is (the index of the job, then the members down to the value) and what is wrong.
 *
 * @example
 * ```ts
 * import type { SeedJobs } from "@effect-personalize/protocol"
 *
 * const issue: SeedJobs.Issue = { path: [2, "creationDateTime"], message: "\"yesterday\" is neither epoch seconds nor an ISO 8601 date" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Issue {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

/**
 * What a check gives: the checked value, or every fault (at least one).
 *
 * @example
 * ```ts
 * import { SeedJobs } from "@effect-personalize/protocol"
 *
 * const result: SeedJobs.Result<ReadonlyArray<SeedJobs.SeedJob<number>>> = SeedJobs.decode([], (u) => typeof u === "number" ? u : undefined)
 * assert.strictEqual(result._tag, "Right")
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Result<A> =
  | { readonly _tag: "Right"; readonly value: A }
  | { readonly _tag: "Left"; readonly issues: ReadonlyArray<Issue> }

/**
 * A lifecycle as a seed gives it, its durations already read (`D`, each edition's duration input).
 *
 * @example
 * ```ts
 * import type { SeedJobs } from "@effect-personalize/protocol"
 *
 * const lifecycle: SeedJobs.Lifecycle<number> = { pendingFor: 10_000, outcome: "ACTIVE" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Lifecycle<D> {
  readonly pendingFor?: D
  readonly runFor?: D
  readonly outcome?: "ACTIVE" | "CREATE FAILED"
  readonly failureReason?: string
}

/**
 * A checked job of a seed: its members as given, its times in epoch milliseconds.
 *
 * @example
 * ```ts
 * import type { SeedJobs } from "@effect-personalize/protocol"
 *
 * const job: SeedJobs.SeedJob<number> = { batchSegmentJobArn: "arn:aws:personalize:us-east-1:1:batch-segment-job/a", creationDateTime: 0 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface SeedJob<D> {
  readonly batchSegmentJobArn: string
  readonly jobName?: string
  readonly status?: string
  readonly creationDateTime?: number
  readonly lastUpdatedDateTime?: number
  readonly failureReason?: string
  readonly solutionVersionArn?: string
  readonly lifecycle?: Lifecycle<D>
}

/**
 * A checked job to create.
 *
 * @example
 * ```ts
 * import type { SeedJobs } from "@effect-personalize/protocol"
 *
 * const job: SeedJobs.CreateJob<number> = { jobName: "nightly" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface CreateJob<D> {
  readonly jobName?: string
  readonly solutionVersionArn?: string
  readonly lifecycle?: Lifecycle<D>
}

/**
 * How a value reads in a fault: a short string in quotes, a long one by its length, a date as ISO 8601, an object
 * or an array by its kind.
 *
 * @example
 * ```ts
 * import { SeedJobs } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(SeedJobs.show("x".repeat(81)), "a string of 81 characters")
 * assert.strictEqual(SeedJobs.show([1]), "an array")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const show = (u: unknown): string => {
  if (typeof u === "string") return u.length > 80 ? `a string of ${u.length} characters` : JSON.stringify(u)
  if (u instanceof Date) return Number.isNaN(u.getTime()) ? "an invalid Date" : u.toISOString()
  if (typeof u === "number" || typeof u === "boolean" || u === null || u === undefined) return String(u)
  return Array.isArray(u) ? "an array" : typeof u === "object" ? "an object" : typeof u
}

/**
 * A point in time as seeds give it (a `Date`, epoch seconds, or an ISO 8601 string) in epoch milliseconds, or what
 * is wrong with it.
 *
 * @example
 * ```ts
 * import { SeedJobs } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(SeedJobs.time("2024-03-01T12:00:00Z"), 1709294400000)
 * assert.strictEqual(SeedJobs.time(1709294400.5), 1709294400500)
 * assert.deepStrictEqual(SeedJobs.time("yesterday"), { issue: "\"yesterday\" is neither epoch seconds nor an ISO 8601 date" })
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const time = (u: unknown): number | { readonly issue: string } => {
  if (!(u instanceof Date || typeof u === "number" || typeof u === "string")) {
    return { issue: `${show(u)} is not a time (a Date, epoch seconds or an ISO 8601 string)` }
  }
  const ms = u instanceof Date ? u.getTime() : typeof u === "number" ? Math.round(u * 1000) : Date.parse(u)
  if (!Number.isNaN(ms) && Number.isFinite(ms)) return ms
  const why = typeof u === "string"
    ? "is neither epoch seconds nor an ISO 8601 date"
    : typeof u === "number"
    ? "is not a finite number of epoch seconds"
    : "is not a valid Date"
  return { issue: `${show(u)} ${why}` }
}

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

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const lastSegment = (arn: string): string => arn.slice(arn.lastIndexOf("/") + 1)

type Issues = Array<Issue>
type Path = ReadonlyArray<string | number>

const arnWords = "is not a Personalize ARN (arn:PARTITION:personalize:REGION:ACCOUNT:RESOURCE, at most 256 characters)"
const jobNameWords = "is not a job name (1 to 63 characters, starting with a letter or a digit)"

const string = (
  record: Record<string, unknown>,
  key: string,
  path: Path,
  issues: Issues,
  words: string,
  rule: (s: string) => string | undefined = () => undefined
): string | undefined => {
  if (!Object.hasOwn(record, key)) return undefined
  const value = record[key]
  if (typeof value === "string" && rule(value) === undefined) return value
  issues.push({ path: [...path, key], message: `${show(value)} ${words}` })
  return undefined
}

const lifecycleOf = <D>(
  u: unknown,
  path: Path,
  issues: Issues,
  duration: (u: unknown) => D | undefined
): Lifecycle<D> | undefined => {
  if (!isRecord(u)) {
    issues.push({ path, message: `${show(u)} is not a lifecycle (an object)` })
    return undefined
  }
  const out: { -readonly [K in keyof Lifecycle<D>]: Lifecycle<D>[K] } = {}
  for (const key of ["pendingFor", "runFor"] as const) {
    if (!Object.hasOwn(u, key)) continue
    const value = duration(u[key])
    if (value === undefined) {
      issues.push({
        path: [...path, key],
        message: `${show(u[key])} is not a duration (milliseconds, or a string such as "5 minutes")`
      })
    } else out[key] = value
  }
  if (Object.hasOwn(u, "outcome")) {
    if (u.outcome === "ACTIVE" || u.outcome === "CREATE FAILED") out.outcome = u.outcome
    else {issues.push({
        path: [...path, "outcome"],
        message: `${show(u.outcome)} is neither "ACTIVE" nor "CREATE FAILED"`
      })}
  }
  const failureReason = string(u, "failureReason", path, issues, "is not a string")
  if (failureReason !== undefined) out.failureReason = failureReason
  return out
}

const job = <D>(u: unknown, index: number, issues: Issues, duration: (u: unknown) => D | undefined) => {
  const path = [index]
  if (!isRecord(u)) {
    issues.push({ path, message: `${show(u)} is not a job (an object with at least a batchSegmentJobArn)` })
    return undefined
  }
  const before = issues.length
  const out: { -readonly [K in keyof SeedJob<D>]: SeedJob<D>[K] } = { batchSegmentJobArn: "" }
  if (!Object.hasOwn(u, "batchSegmentJobArn")) {
    issues.push({ path: [index, "batchSegmentJobArn"], message: "is missing" })
  } else {
    out.batchSegmentJobArn = string(u, "batchSegmentJobArn", path, issues, arnWords, ServiceModel.arnIssue) ?? ""
  }
  const jobName = string(u, "jobName", path, issues, jobNameWords, ServiceModel.jobNameIssue)
  if (jobName !== undefined) out.jobName = jobName
  const status = string(
    u,
    "status",
    path,
    issues,
    "is not a status (a string of at most 256 characters)",
    ServiceModel.statusIssue
  )
  if (status !== undefined) out.status = status
  for (const key of ["creationDateTime", "lastUpdatedDateTime"] as const) {
    if (!Object.hasOwn(u, key)) continue
    const ms = time(u[key])
    if (typeof ms === "number") out[key] = ms
    else issues.push({ path: [index, key], message: ms.issue })
  }
  const failureReason = string(u, "failureReason", path, issues, "is not a string")
  if (failureReason !== undefined) out.failureReason = failureReason
  const solutionVersionArn = string(u, "solutionVersionArn", path, issues, arnWords, ServiceModel.arnIssue)
  if (solutionVersionArn !== undefined) out.solutionVersionArn = solutionVersionArn
  if (Object.hasOwn(u, "lifecycle")) {
    const lifecycle = lifecycleOf(u.lifecycle, [index, "lifecycle"], issues, duration)
    if (lifecycle !== undefined) out.lifecycle = lifecycle
  }
  if (issues.length > before) return undefined
  // Without a jobName, the ARN's last segment must be one.
  if (out.jobName === undefined && ServiceModel.jobNameIssue(lastSegment(out.batchSegmentJobArn)) !== undefined) {
    issues.push({
      path: [index, "batchSegmentJobArn"],
      message:
        `${show(out.batchSegmentJobArn)} does not end in a job name (1 to 63 characters, starting with a letter ` +
        "or a digit); give a jobName"
    })
    return undefined
  }
  return out as SeedJob<D>
}

/**
 * Checks the jobs of a seed: every job against the service model (without a `jobName`, the ARN's last segment must
 * be one), every fault with its place. `duration` reads a lifecycle's duration (`undefined`: not a duration).
 *
 * @example
 * ```ts
 * import { SeedJobs } from "@effect-personalize/protocol"
 *
 * const millis = (u: unknown) => typeof u === "number" ? u : undefined
 * const result = SeedJobs.decode([{ batchSegmentJobArn: "arn:aws:personalize:us-east-1:1:batch-segment-job/a", status: 5 }], millis)
 * assert.deepStrictEqual(result, {
 *   _tag: "Left",
 *   issues: [{ path: [0, "status"], message: "5 is not a status (a string of at most 256 characters)" }]
 * })
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const decode = <D>(
  input: unknown,
  duration: (u: unknown) => D | undefined
): Result<ReadonlyArray<SeedJob<D>>> => {
  const u = withoutUndefined(input)
  if (!Array.isArray(u)) {
    return { _tag: "Left", issues: [{ path: [], message: `${show(u)} is not a seed (a JSON array of job summaries)` }] }
  }
  const issues: Issues = []
  const jobs = u.map((item, index) => job(item, index, issues, duration))
  return issues.length > 0 ? { _tag: "Left", issues } : { _tag: "Right", value: jobs as ReadonlyArray<SeedJob<D>> }
}

/**
 * Checks a job to create: a name and a solution version that the model allows, a lifecycle.
 *
 * @example
 * ```ts
 * import { SeedJobs } from "@effect-personalize/protocol"
 *
 * const result = SeedJobs.decodeCreateJob({ jobName: "-nightly" }, () => undefined)
 * assert.deepStrictEqual(result._tag === "Left" && result.issues[0]?.path, ["jobName"])
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const decodeCreateJob = <D>(
  input: unknown,
  duration: (u: unknown) => D | undefined
): Result<CreateJob<D>> => {
  const u = withoutUndefined(input)
  if (!isRecord(u)) {
    return { _tag: "Left", issues: [{ path: [], message: `${show(u)} is not a job to create (an object)` }] }
  }
  const issues: Issues = []
  const out: { -readonly [K in keyof CreateJob<D>]: CreateJob<D>[K] } = {}
  const jobName = string(u, "jobName", [], issues, jobNameWords, ServiceModel.jobNameIssue)
  if (jobName !== undefined) out.jobName = jobName
  const solutionVersionArn = string(u, "solutionVersionArn", [], issues, arnWords, ServiceModel.arnIssue)
  if (solutionVersionArn !== undefined) out.solutionVersionArn = solutionVersionArn
  if (Object.hasOwn(u, "lifecycle")) {
    const lifecycle = lifecycleOf(u.lifecycle, ["lifecycle"], issues, duration)
    if (lifecycle !== undefined) out.lifecycle = lifecycle
  }
  return issues.length > 0 ? { _tag: "Left", issues } : { _tag: "Right", value: out }
}

const mostShown = 10

/**
 * The faults of a seed in one line, as both editions' `SeedError` words them: each with its place, at most ten,
 * then how many more.
 *
 * @example
 * ```ts
 * import { SeedJobs } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(SeedJobs.describe([{ path: [1, "status"], message: "5 is not a status" }]), "[1].status 5 is not a status")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const describe = (issues: ReadonlyArray<Issue>): string => {
  const render = (issue: Issue): string => {
    const where = issue.path.map((key) => typeof key === "number" ? `[${key}]` : `.${key}`).join("").replace(/^\./, "")
    return where === "" ? issue.message : `${where} ${issue.message}`
  }
  const shown = issues.slice(0, mostShown).map(render).join("; ")
  return issues.length > mostShown ? `${shown}; and ${issues.length - mostShown} more` : shown
}

/**
 * A checked seed job as the store keeps it: the job name defaults to the ARN's last segment, the creation time to
 * `now`, the last update to the creation time; a lifecycle (its own, else the emulator's) applies to a job that is
 * not terminal.
 *
 * @example
 * ```ts
 * import { SeedJobs } from "@effect-personalize/protocol"
 *
 * const stored = SeedJobs.toStored({ batchSegmentJobArn: "arn:aws:personalize:us-east-1:1:batch-segment-job/a" }, 5, undefined, undefined, undefined)
 * assert.strictEqual(stored.jobName, "a")
 * assert.strictEqual(stored.created, 5)
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const toStored = (
  seed: SeedJob<unknown>,
  now: number,
  lifecycle: JobLifecycle.Lifecycle | undefined,
  emulatorLifecycle: JobLifecycle.Lifecycle | undefined,
  outcomes: JobLifecycle.Outcomes | undefined
): StoredJob => {
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
  return { ...job, schedule: JobLifecycle.scheduleFor(job, now, lifecycle, emulatorLifecycle, outcomes) }
}
