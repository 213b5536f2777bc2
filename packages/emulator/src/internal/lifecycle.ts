import * as JobLifecycle from "@effect-personalize/protocol/JobLifecycle"
import type { StoredJob } from "@effect-personalize/protocol/JobStore"
import * as Duration from "effect/Duration"
import type * as Api from "../PersonalizeEmulator.js"

const millis = (duration: Duration.DurationInput | undefined): number | undefined =>
  duration === undefined ? undefined : Duration.toMillis(duration)

/**
 * A lifecycle in the protocol package's terms: durations in milliseconds.
 *
 * @internal
 */
export const toLifecycle = (
  lifecycle: (Api.JobLifecycle & Api.LifecycleOptions) | undefined
): JobLifecycle.Lifecycle | undefined =>
  lifecycle === undefined ? undefined : {
    pendingFor: millis(lifecycle.pendingFor),
    runFor: millis(lifecycle.runFor),
    outcome: lifecycle.outcome,
    failureReason: lifecycle.failureReason
  }

/**
 * The schedule of a job that enters the emulator at `now` (the protocol package's), with this edition's durations.
 *
 * @internal
 */
export const scheduleFor = (
  job: Omit<StoredJob, "schedule">,
  now: number,
  explicit: Api.JobLifecycle | undefined,
  fallback: Api.LifecycleOptions | undefined,
  emulator: Api.LifecycleOptions | undefined
): JobLifecycle.Schedule | undefined =>
  JobLifecycle.scheduleFor(job, now, toLifecycle(explicit), toLifecycle(fallback), emulator)

/** @internal */
export const at: (job: StoredJob, now: number) => Api.Job = JobLifecycle.at
