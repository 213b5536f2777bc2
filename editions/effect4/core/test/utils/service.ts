import { PersonalizeClient, PersonalizeError } from "@effect-personalize/core"
import { Clock, Duration, Effect } from "effect"
import type { Layer } from "effect"

/** A service of several solution versions, each with `pages` pages of `pageSize` jobs, on the Clock. */
export interface Service {
  readonly layer: Layer.Layer<PersonalizeClient.PersonalizeClient>
  /** The time of every request the service received, accepted or not. */
  readonly times: Array<number>
  /** The time of every request the service throttled. */
  readonly throttleTimes: Array<number>
  readonly counts: { requests: number; throttled: number; failed: number; pages: number; jobs: number }
}

export const arn = (i: number) => `arn:aws:personalize:us-east-1:123456789012:solution/s${i}/v1`

export const service = (options: {
  readonly pages: number
  readonly pageSize: number
  /** A token bucket on the service's side: beyond it, ThrottlingException. */
  readonly limit?: {
    readonly requestsPerSecond: number
    readonly burst: number
    readonly retryAfter?: Duration.Duration
  }
  /** Answer every request with this error instead. */
  readonly fail?: () => PersonalizeError.PersonalizeError
}): Service => {
  const times: Array<number> = []
  const throttleTimes: Array<number> = []
  const counts = { requests: 0, throttled: 0, failed: 0, pages: 0, jobs: 0 }
  let tokens = options.limit?.burst ?? 0
  let refilled = 0
  const layer = PersonalizeClient.layerTest((request) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      counts.requests++
      times.push(now)
      if (options.fail !== undefined) {
        counts.failed++
        return Effect.fail(options.fail())
      }
      if (options.limit !== undefined) {
        const { burst, requestsPerSecond, retryAfter } = options.limit
        tokens = Math.min(burst, tokens + (now - refilled) * requestsPerSecond / 1000)
        refilled = now
        if (tokens < 1) {
          counts.throttled++
          throttleTimes.push(now)
          return Effect.fail(
            PersonalizeError.fromServiceError({
              code: "ThrottlingException",
              status: 400,
              message: "Rate exceeded",
              retryAfter
            })
          )
        }
        tokens -= 1
      }
      const page = request.nextToken === undefined ? 0 : Number(request.nextToken)
      const owner = request.solutionVersionArn ?? arn(0)
      counts.pages++
      counts.jobs += options.pageSize
      return Effect.succeed({
        body: {
          batchSegmentJobs: Array.from({ length: options.pageSize }, (_, i) => ({
            jobName: `${owner.split("/")[1]}-${page * options.pageSize + i}`,
            solutionVersionArn: owner,
            status: "ACTIVE"
          })),
          nextToken: page + 1 < options.pages ? String(page + 1) : undefined
        },
        requestId: `req-${counts.requests}`
      })
    })
  )
  return { layer, times, throttleTimes, counts }
}

/** The most requests seen in any window of `millis` (windows start at a request). */
export const busiestWindow = (times: ReadonlyArray<number>, millis: number): number => {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  let j = 0
  for (let i = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + millis) j++
    most = Math.max(most, j - i)
  }
  return most
}

export const seconds = (d: Duration.Input) => Duration.toMillis(d) / 1000
