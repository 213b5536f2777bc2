import * as Random from "./random.js"

/** @internal */
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

/** @internal */
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
 * Jobs that look like a real account's: per solution version, jobs over the 90 days before `endingAt`; the
 * recent ones may still be `PENDING` or `IN PROGRESS`, the others are `ACTIVE` or `CREATE FAILED`.
 *
 * @internal
 */
export const jobs = (options: {
  readonly solutionVersions: number
  readonly jobsPerVersion: number
  readonly seed: number
  readonly endingAt: number
  readonly region: string
  readonly accountId: string
}): ReadonlyArray<GeneratedJob> => {
  const random = Random.make(options.seed)
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
