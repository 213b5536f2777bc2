/**
 * How the emulators' jobs advance on the clock, `PENDING → IN PROGRESS → ACTIVE | CREATE FAILED`: the schedule of a
 * job, and the job as it is at a time. Times in epoch milliseconds; outcomes decided from a seed and the job's ARN,
 * the same in both editions.
 *
 * @since 0.1.0
 */
import * as JobGenerator from "./JobGenerator.js"
import type { StoredJob } from "./JobStore.js"
import * as SeededRandom from "./SeededRandom.js"

/**
 * When a job moves on: to `IN PROGRESS` at `inProgressAt`, to its outcome at `doneAt` (epoch milliseconds).
 *
 * @example
 * ```ts
 * import type { JobLifecycle } from "@effect-personalize/protocol"
 *
 * const schedule: JobLifecycle.Schedule = { inProgressAt: 60_000, doneAt: 360_000, outcome: "ACTIVE" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Schedule {
  readonly inProgressAt: number
  readonly doneAt: number
  readonly outcome: "ACTIVE" | "CREATE FAILED"
  readonly failureReason?: string | undefined
}

/**
 * A job's lifecycle in milliseconds: how long it stays `PENDING` (default 1 minute) and `IN PROGRESS` (default 5
 * minutes), and how it ends (without an outcome, the emulator's `failureRate` decides).
 *
 * @example
 * ```ts
 * import type { JobLifecycle } from "@effect-personalize/protocol"
 *
 * const lifecycle: JobLifecycle.Lifecycle = { pendingFor: 10_000, runFor: 120_000, outcome: "CREATE FAILED", failureReason: "Insufficient data" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Lifecycle {
  readonly pendingFor?: number | undefined
  readonly runFor?: number | undefined
  readonly outcome?: "ACTIVE" | "CREATE FAILED" | undefined
  readonly failureReason?: string | undefined
}

/**
 * The emulator's own lifecycle settings: the share of jobs that end in `CREATE FAILED` and the seed that picks them.
 *
 * @example
 * ```ts
 * import type { JobLifecycle } from "@effect-personalize/protocol"
 *
 * const outcomes: JobLifecycle.Outcomes = { failureRate: 0.2, seed: 42 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Outcomes {
  readonly failureRate?: number | undefined
  readonly seed?: number | undefined
}

const defaultPendingFor = 60_000
const defaultRunFor = 5 * 60_000

/**
 * The schedule of a job that enters the emulator at `now`: none for a job that is terminal or has no lifecycle
 * (`explicit`, the job's own, else `fallback`). Without an explicit outcome, the emulator's `failureRate`
 * decides, from its seed and the job's ARN, so that the same job always ends the same way.
 *
 * @example
 * ```ts
 * import { JobLifecycle } from "@effect-personalize/protocol"
 *
 * const job = { arn: "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/a", status: "PENDING", created: 0 }
 * const schedule = JobLifecycle.scheduleFor(job, 0, { pendingFor: 1000, runFor: 2000, outcome: "ACTIVE" }, undefined, undefined)
 * assert.deepStrictEqual(schedule, { inProgressAt: 1000, doneAt: 3000, outcome: "ACTIVE", failureReason: undefined })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const scheduleFor = (
  job: Omit<StoredJob, "schedule">,
  now: number,
  explicit: Lifecycle | undefined,
  fallback: Lifecycle | undefined,
  emulator: Outcomes | undefined
): Schedule | undefined => {
  const config = explicit ?? fallback
  if (config === undefined) return undefined
  if (job.status !== undefined && job.status !== "PENDING" && job.status !== "IN PROGRESS") return undefined
  const pendingFor = config.pendingFor ?? defaultPendingFor
  const runFor = config.runFor ?? defaultRunFor
  const inProgressAt = job.status === "IN PROGRESS"
    ? (job.lastUpdated ?? job.created)
    : Math.max(now, job.created) + pendingFor
  const doneAt = Math.max(now, inProgressAt) + runFor
  const seed = emulator?.seed ?? 0
  const outcome = explicit?.outcome ??
    (SeededRandom.unit(seed, `outcome:${job.arn}`) < (emulator?.failureRate ?? 0) ? "CREATE FAILED" : "ACTIVE")
  const failureReason = outcome === "CREATE FAILED"
    ? explicit?.failureReason ?? JobGenerator.failureReasons[
      Math.floor(SeededRandom.unit(seed, `reason:${job.arn}`) * JobGenerator.failureReasons.length)
    ]
    : undefined
  return { inProgressAt, doneAt, outcome, failureReason }
}

/**
 * A job summary as an emulator shows it, at a time.
 *
 * @example
 * ```ts
 * import type { JobLifecycle } from "@effect-personalize/protocol"
 *
 * const failed = (jobs: ReadonlyArray<JobLifecycle.Job>) => jobs.filter((job) => job.status === "CREATE FAILED")
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Job {
  readonly batchSegmentJobArn: string
  readonly jobName?: string | undefined
  readonly status?: string | undefined
  readonly creationDateTime: Date
  readonly lastUpdatedDateTime?: Date | undefined
  readonly failureReason?: string | undefined
  readonly solutionVersionArn?: string | undefined
}

/**
 * A job as it is at `now`: its status, last update and failure reason moved on by its schedule. Members that
 * are not set stay out.
 *
 * @example
 * ```ts
 * import { JobLifecycle } from "@effect-personalize/protocol"
 *
 * const job = { arn: "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/a", status: "PENDING", created: 0 }
 * const schedule = JobLifecycle.scheduleFor(job, 0, { pendingFor: 1000, runFor: 2000 }, undefined, undefined)
 * assert.strictEqual(JobLifecycle.at({ ...job, schedule }, 1500).status, "IN PROGRESS")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const at = (job: StoredJob, now: number): Job => {
  const s = job.schedule
  const { failureReason, lastUpdated, status } = s === undefined
    ? job
    : now < s.inProgressAt
    ? { status: "PENDING", lastUpdated: job.lastUpdated, failureReason: undefined }
    : now < s.doneAt
    ? { status: "IN PROGRESS", lastUpdated: s.inProgressAt, failureReason: undefined }
    : { status: s.outcome, lastUpdated: s.doneAt, failureReason: s.failureReason }
  const out: {
    -readonly [K in keyof Job]: Job[K]
  } = { batchSegmentJobArn: job.arn, creationDateTime: new Date(job.created) }
  if (job.jobName !== undefined) out.jobName = job.jobName
  if (status !== undefined) out.status = status
  if (lastUpdated !== undefined) out.lastUpdatedDateTime = new Date(lastUpdated)
  if (failureReason !== undefined) out.failureReason = failureReason
  if (job.solutionVersionArn !== undefined) out.solutionVersionArn = job.solutionVersionArn
  return out
}
