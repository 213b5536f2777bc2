import { PersonalizeClient } from "@effect-personalize/core"
import type { PersonalizeError } from "@effect-personalize/core"
import { Effect } from "effect"
import type { Layer } from "effect"

export interface WireJob {
  readonly batchSegmentJobArn: string
  readonly jobName: string
  readonly status: string
  readonly creationDateTime: number
  readonly lastUpdatedDateTime: number
  readonly solutionVersionArn: string
}

export const solutionVersionArn = "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"

export const job = (n: number): WireJob => ({
  batchSegmentJobArn: `arn:aws:personalize:us-east-1:123456789012:batch-segment-job/job-${n}`,
  jobName: `job-${n}`,
  status: "ACTIVE",
  creationDateTime: 1_700_000_000 + n,
  lastUpdatedDateTime: 1_700_000_100 + n,
  solutionVersionArn
})

/** Page sizes to pages of numbered jobs: `[2, 0, 1]` gives `[[j0, j1], [], [j2]]`. */
export const layout = (sizes: ReadonlyArray<number>): Array<Array<WireJob>> => {
  let n = 0
  return sizes.map((size) => Array.from({ length: size }, () => job(n++)))
}

export interface Fake {
  readonly layer: Layer.Layer<PersonalizeClient.PersonalizeClient>
  readonly requests: Array<PersonalizeClient.WireRequest>
  /** Requests whose signal was aborted. */
  readonly aborted: Array<PersonalizeClient.WireRequest>
}

/**
 * A scripted service: page i is answered to the token `p<i>` (page 0 without a token); `fail` may answer a
 * request with an error instead, `hang` never answers it.
 */
export const fake = (
  pages: ReadonlyArray<ReadonlyArray<unknown>>,
  options: {
    readonly fail?: (index: number, call: number) => PersonalizeError.PersonalizeError | undefined
    readonly hang?: (index: number, call: number) => boolean
    readonly token?: (index: number) => string | undefined
  } = {}
): Fake => {
  const requests: Array<PersonalizeClient.WireRequest> = []
  const aborted: Array<PersonalizeClient.WireRequest> = []
  const token = options.token ?? ((i: number) => i < pages.length ? `p${i}` : undefined)
  const layer = PersonalizeClient.layerTest((request, signal) =>
    Effect.suspend(() => {
      requests.push(request)
      const call = requests.length
      signal.addEventListener("abort", () => aborted.push(request))
      const index = request.nextToken === undefined ? 0 : Number(request.nextToken.slice(1))
      const error = options.fail?.(index, call)
      if (error !== undefined) return Effect.fail(error)
      if (options.hang?.(index, call)) return Effect.never
      return Effect.succeed({
        body: { batchSegmentJobs: pages[index] ?? [], nextToken: token(index + 1) },
        requestId: `req-${call}`
      })
    })
  )
  return { layer, requests, aborted }
}
