import { PersonalizeClient } from "@effect-personalize/core"
import { Effect } from "effect"
import type { Layer } from "effect"

export interface ListedJob {
  readonly batchSegmentJobArn: string
  readonly jobName: string
  readonly status: string
  /** Epoch seconds, as on the wire. */
  readonly creationDateTime: number
}

const arnOf = (name: string) => `arn:aws:personalize:us-east-1:123456789012:batch-segment-job/${name}`

export const listed = (name: string, creationDateTime: number): ListedJob => ({
  batchSegmentJobArn: arnOf(name),
  jobName: name,
  status: "ACTIVE",
  creationDateTime
})

export interface Listing {
  readonly layer: Layer.Layer<PersonalizeClient.PersonalizeClient>
  /** The answer to one request, as `layer` gives it (for a client of the other edition). */
  readonly answer: (request: PersonalizeClient.WireRequest) => PersonalizeClient.RawResponse
  readonly requests: Array<PersonalizeClient.WireRequest>
  /** Adds a job created at this time (epoch seconds). */
  readonly create: (name: string, creationDateTime: number) => void
  readonly remove: (name: string) => void
  /** The names in the listing's order. */
  readonly names: () => Array<string>
}

/**
 * A service whose jobs change between calls, listed as the service does: newest first (ties by ARN), `maxResults`
 * a page (100 by default). Its page tokens are either keys (the position of the last job returned, as the
 * emulator's: jobs added or removed move nothing) or offsets (the worst a service could do: every job created
 * shifts them).
 */
export const listing = (
  jobs: ReadonlyArray<ListedJob>,
  tokens: "keyset" | "offset" = "keyset"
): Listing => {
  let all: Array<ListedJob> = []
  const sort = () =>
    all.sort((a, b) =>
      a.creationDateTime !== b.creationDateTime
        ? b.creationDateTime - a.creationDateTime
        : a.batchSegmentJobArn < b.batchSegmentJobArn
        ? -1
        : 1
    )
  all = [...jobs]
  sort()
  const requests: Array<PersonalizeClient.WireRequest> = []
  const start = (token: string | undefined): number => {
    if (token === undefined) return 0
    if (tokens === "offset") return Number(token)
    const [created, arn] = JSON.parse(token) as [number, string]
    const i = all.findIndex((job) =>
      job.creationDateTime < created || (job.creationDateTime === created && job.batchSegmentJobArn > arn)
    )
    return i < 0 ? all.length : i
  }
  const answer = (request: PersonalizeClient.WireRequest): PersonalizeClient.RawResponse => {
    requests.push(request)
    const from = start(request.nextToken)
    const size = request.maxResults ?? 100
    const page = all.slice(from, from + size)
    const last = page[page.length - 1]
    const more = from + size < all.length && last !== undefined
    return {
      body: {
        batchSegmentJobs: page,
        nextToken: !more
          ? undefined
          : tokens === "offset"
          ? String(from + size)
          : JSON.stringify([last.creationDateTime, last.batchSegmentJobArn])
      },
      requestId: `req-${requests.length}`
    }
  }
  return {
    layer: PersonalizeClient.layerTest((request) => Effect.sync(() => answer(request))),
    answer,
    requests,
    create: (name, creationDateTime) => {
      all.push(listed(name, creationDateTime))
      sort()
    },
    remove: (name) => {
      all = all.filter((job) => job.jobName !== name)
    },
    names: () => all.map((job) => job.jobName)
  }
}

/** `count` jobs `job-0` (the newest) to `job-<count-1>`, a second apart. */
export const numbered = (count: number, newest = 1_700_000_000): Array<ListedJob> =>
  Array.from({ length: count }, (_, i) => listed(`job-${i}`, newest - i))
