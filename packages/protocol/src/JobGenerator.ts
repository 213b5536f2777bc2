/**
 * Generated jobs that look like a real account's, the same for the same seed in both editions' emulators.
 *
 * @since 0.1.0
 */
import * as SeededRandom from "./SeededRandom.js"

/**
 * The failure reasons of generated jobs that end in `CREATE FAILED`, worded as the service words them.
 *
 * @example
 * ```ts
 * import { JobGenerator } from "@effect-personalize/protocol"
 *
 * assert.ok(JobGenerator.failureReasons.length > 0)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const failureReasons: ReadonlyArray<string> = [
  "Input data location s3://personalize-segments-input/users.json is not accessible. Check the bucket policy and the permissions of the role.",
  "The role arn:aws:iam::123456789012:role/PersonalizeBatchRole cannot be assumed by Amazon Personalize.",
  "The input file contains no valid item IDs.",
  "The output location s3://personalize-segments-output/ is in a different AWS Region than the job.",
  "Internal service error. Try the job again.",
  "The solution version is not ACTIVE."
]

const solutionNames: ReadonlyArray<string> = [
  "item-affinity",
  "item-attribute-affinity",
  "movie-fans",
  "shoppers-by-category",
  "news-readers",
  "music-listeners",
  "game-players",
  "travel-deals",
  "book-lovers",
  "sports-followers"
]

const purposes: ReadonlyArray<string> = [
  "weekly-campaign",
  "email-audience",
  "push-audience",
  "retargeting",
  "launch-audience",
  "loyalty-offer",
  "winback",
  "newsletter"
]

const day = 24 * 60 * 60 * 1000
const minute = 60 * 1000

/**
 * A generated job: times in epoch milliseconds, every member set but `failureReason` (set only for `CREATE FAILED`).
 *
 * @example
 * ```ts
 * import type { JobGenerator } from "@effect-personalize/protocol"
 *
 * const ended = (job: JobGenerator.GeneratedJob): boolean => job.status === "ACTIVE" || job.status === "CREATE FAILED"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface GeneratedJob {
  readonly arn: string
  readonly jobName: string
  readonly status: string
  readonly created: number
  readonly lastUpdated: number
  readonly failureReason?: string | undefined
  readonly solutionVersionArn: string
}

/**
 * What to generate: `solutionVersions` solution versions of `jobsPerVersion` jobs each, from `seed`, created
 * before `endingAt` (epoch milliseconds), with ARNs of this region and account.
 *
 * @example
 * ```ts
 * import type { JobGenerator } from "@effect-personalize/protocol"
 *
 * const options: JobGenerator.Options = {
 *   solutionVersions: 2,
 *   jobsPerVersion: 10,
 *   seed: 0,
 *   endingAt: Date.UTC(2026, 0, 1),
 *   region: "us-east-1",
 *   accountId: "123456789012"
 * }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly solutionVersions: number
  readonly jobsPerVersion: number
  readonly seed: number
  readonly endingAt: number
  readonly region: string
  readonly accountId: string
}

/**
 * Jobs that look like a real account's: per solution version, jobs over the 90 days before `endingAt`; the
 * recent ones may still be `PENDING` or `IN PROGRESS`, the others are `ACTIVE` or `CREATE FAILED`. The same
 * options give the same jobs, in both editions.
 *
 * @example
 * ```ts
 * import { JobGenerator } from "@effect-personalize/protocol"
 *
 * const options = { solutionVersions: 2, jobsPerVersion: 3, seed: 1, endingAt: Date.UTC(2026, 0, 1), region: "us-east-1", accountId: "123456789012" }
 * assert.strictEqual(JobGenerator.jobs(options).length, 6)
 * assert.deepStrictEqual(JobGenerator.jobs(options), JobGenerator.jobs(options))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const jobs = (options: Options): ReadonlyArray<GeneratedJob> => {
  const random = SeededRandom.make(options.seed)
  const out: Array<GeneratedJob> = []
  const prefix = `arn:aws:personalize:${options.region}:${options.accountId}`
  for (let v = 0; v < options.solutionVersions; v++) {
    const base = solutionNames[v % solutionNames.length]
    const solution = v < solutionNames.length ? base : `${base}-${Math.floor(v / solutionNames.length) + 1}`
    const solutionVersionArn = `${prefix}:solution/${solution}/${random.hex(8)}`
    for (let k = 0; k < options.jobsPerVersion; k++) {
      const purpose = random.pick(purposes)
      const jobName = `${solution.slice(0, 30)}-${purpose}-${v + 1}-${String(k + 1).padStart(4, "0")}`
      const roll = random.next()
      let status: string
      let created: number
      let lastUpdated: number
      let failureReason: string | undefined
      if (roll < 0.1) {
        status = "PENDING"
        created = options.endingAt - random.int(0, 10 * minute)
        lastUpdated = created
      } else if (roll < 0.22) {
        status = "IN PROGRESS"
        created = options.endingAt - random.int(10 * minute, 60 * minute)
        lastUpdated = created + random.int(minute, 5 * minute)
      } else if (roll < 0.35) {
        status = "CREATE FAILED"
        created = options.endingAt - random.int(60 * minute, 90 * day)
        lastUpdated = created + random.int(2 * minute, 30 * minute)
        failureReason = random.pick(failureReasons)
      } else {
        status = "ACTIVE"
        created = options.endingAt - random.int(60 * minute, 90 * day)
        lastUpdated = created + random.int(10 * minute, 3 * 60 * minute)
      }
      out.push({
        arn: `${prefix}:batch-segment-job/${jobName}`,
        jobName,
        status,
        created,
        lastUpdated: Math.min(lastUpdated, options.endingAt),
        failureReason,
        solutionVersionArn
      })
    }
  }
  return out
}
