import type { StoredJob } from "@effect-personalize/protocol/JobStore"
import * as SeedJobs from "@effect-personalize/protocol/SeedJobs"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Fs from "node:fs/promises"
import type * as Api from "../PersonalizeEmulator.js"
import { SeedError } from "../PersonalizeEmulator.js"
import * as Lifecycle from "./lifecycle.js"

// The checks are the protocol package's, shared with the Effect 3 edition; a duration is this edition's.
const duration = (u: unknown): Duration.Input | undefined =>
  Option.isSome(Duration.fromInput(u as Duration.Input)) ? u as Duration.Input : undefined

/** @internal */
export type SeedJob = SeedJobs.SeedJob<Duration.Input>

const toEffect = <A>(result: SeedJobs.Result<A>, path?: string): Effect.Effect<A, SeedError> =>
  result._tag === "Right"
    ? Effect.succeed(result.value)
    : Effect.fail(
      new SeedError({
        detail: SeedJobs.describe(result.issues),
        path,
        at: result.issues[0]?.path ?? [],
        cause: result.issues
      })
    )

/**
 * Checks the jobs of a seed; the error names the place of every fault (`[2].creationDateTime ...`).
 *
 * @internal
 */
export const decode = (input: unknown, path?: string): Effect.Effect<ReadonlyArray<SeedJob>, SeedError> =>
  Effect.suspend(() => toEffect(SeedJobs.decode(input, duration), path))

/** @internal */
export const decodeCreateJob = (input: unknown): Effect.Effect<SeedJobs.CreateJob<Duration.Input>, SeedError> =>
  Effect.suspend(() => toEffect(SeedJobs.decodeCreateJob(input, duration)))

/** @internal */
export const decodeTime = (time: Api.Time): number | undefined => {
  const ms = SeedJobs.time(time)
  return typeof ms === "number" ? ms : undefined
}

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
 * A checked seed job as the store keeps it (the protocol package's), with this edition's durations.
 *
 * @internal
 */
export const toStored = (seed: SeedJob, now: number, lifecycle: Api.LifecycleOptions | undefined): StoredJob =>
  SeedJobs.toStored(seed, now, Lifecycle.toLifecycle(seed.lifecycle), Lifecycle.toLifecycle(lifecycle), lifecycle)
