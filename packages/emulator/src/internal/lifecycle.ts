import * as Duration from "effect/Duration"
import type * as Api from "../PersonalizeEmulator.js"
import * as Generate from "./generate.js"
import * as Random from "./random.js"
import type { StoredJob } from "./store.js"

/**
 * When a job moves on: to `IN PROGRESS` at `inProgressAt`, to its outcome at `doneAt` (epoch milliseconds).
 *
 * @internal
 */
export interface Schedule {
  readonly inProgressAt: number
  readonly doneAt: number
  readonly outcome: "ACTIVE" | "CREATE FAILED"
  readonly failureReason?: string | undefined
}

const defaultPendingFor = Duration.minutes(1)
const defaultRunFor = Duration.minutes(5)

/**
 * The schedule of a job that enters the emulator at `now`: none for a job that is terminal or has no lifecycle
 * (`explicit`, the job's own, else `fallback`). Without an explicit outcome, the emulator's `failureRate`
 * decides, from its seed and the job's ARN, so that the same job always ends the same way.
 *
 * @internal
 */
export const scheduleFor = (
  job: Omit<StoredJob, "schedule">,
  now: number,
  explicit: Api.JobLifecycle | undefined,
  fallback: Api.LifecycleOptions | undefined,
  emulator: Api.LifecycleOptions | undefined
): Schedule | undefined => {
  const config = explicit ?? fallback
  if (config === undefined) return undefined
  if (job.status !== undefined && job.status !== "PENDING" && job.status !== "IN PROGRESS") return undefined
  const pendingFor = Duration.toMillis(config.pendingFor ?? defaultPendingFor)
  const runFor = Duration.toMillis(config.runFor ?? defaultRunFor)
  const inProgressAt = job.status === "IN PROGRESS"
    ? (job.lastUpdated ?? job.created)
    : Math.max(now, job.created) + pendingFor
  const doneAt = Math.max(now, inProgressAt) + runFor
  const seed = emulator?.seed ?? 0
  const outcome = explicit?.outcome ??
    (Random.unit(seed, `outcome:${job.arn}`) < (emulator?.failureRate ?? 0) ? "CREATE FAILED" : "ACTIVE")
  const failureReason = outcome === "CREATE FAILED"
    ? explicit?.failureReason ?? Generate.failureReasons[
      Math.floor(Random.unit(seed, `reason:${job.arn}`) * Generate.failureReasons.length)
    ]
    : undefined
  return { inProgressAt, doneAt, outcome, failureReason }
}

/**
 * A job as it is at `now`: its status, last update and failure reason moved on by its schedule. Members that
 * are not set stay out.
 *
 * @internal
 */
export const at = (job: StoredJob, now: number): Api.Job => {
  const s = job.schedule
  const { failureReason, lastUpdated, status } = s === undefined
    ? job
    : now < s.inProgressAt
    ? { status: "PENDING", lastUpdated: job.lastUpdated, failureReason: undefined }
    : now < s.doneAt
    ? { status: "IN PROGRESS", lastUpdated: s.inProgressAt, failureReason: undefined }
    : { status: s.outcome, lastUpdated: s.doneAt, failureReason: s.failureReason }
  const out: {
    -readonly [K in keyof Api.Job]: Api.Job[K]
  } = { batchSegmentJobArn: job.arn, creationDateTime: new Date(job.created) }
  if (job.jobName !== undefined) out.jobName = job.jobName
  if (status !== undefined) out.status = status
  if (lastUpdated !== undefined) out.lastUpdatedDateTime = new Date(lastUpdated)
  if (failureReason !== undefined) out.failureReason = failureReason
  if (job.solutionVersionArn !== undefined) out.solutionVersionArn = job.solutionVersionArn
  return out
}
