/**
 * The jobs of an emulator, in the listing's order (newest first, ties by ARN), keyed by ARN and per solution
 * version, with keyset pages: the store both editions' emulators list from.
 *
 * @since 0.1.0
 */
import type { Schedule } from "./JobLifecycle.js"

/**
 * A job as the store holds it: times in epoch milliseconds, and the schedule of its lifecycle if it has one.
 *
 * @example
 * ```ts
 * import type { JobStore } from "@effect-personalize/protocol"
 *
 * const job: JobStore.StoredJob = { arn: "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/a", created: 0 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredJob {
  readonly arn: string
  readonly jobName?: string | undefined
  readonly status?: string | undefined
  readonly created: number
  readonly lastUpdated?: number | undefined
  readonly failureReason?: string | undefined
  readonly solutionVersionArn?: string | undefined
  readonly schedule?: Schedule | undefined
}

/**
 * Where a listing stands: the sort key (creation time, then ARN) of the last job returned.
 *
 * @example
 * ```ts
 * import type { JobStore } from "@effect-personalize/protocol"
 *
 * const after: JobStore.Position = { created: Date.UTC(2025, 0, 1), arn: "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/a" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Position {
  readonly created: number
  readonly arn: string
}

// The listing's order: newest first, ties by ARN ascending.
const compare = (a: Position, b: Position): number =>
  a.created !== b.created ? b.created - a.created : a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0

// Jobs in the listing's order, for binary search.
class SortedJobs {
  items: Array<StoredJob> = []

  insert(job: StoredJob): void {
    this.items.splice(this.firstNotBefore(job), 0, job)
  }

  remove(job: StoredJob): void {
    const i = this.firstNotBefore(job)
    this.items.splice(this.items[i] === job ? i : this.items.indexOf(job), 1)
  }

  // The first index whose job does not come before `position`.
  firstNotBefore(position: Position): number {
    let lo = 0
    let hi = this.items.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (compare(this.items[mid], position) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  // The first index whose job comes after `position`.
  firstAfter(position: Position): number {
    let i = this.firstNotBefore(position)
    while (i < this.items.length && compare(this.items[i], position) <= 0) i++
    return i
  }
}

/**
 * The jobs, kept in the listing's order and keyed by ARN, and in the same order per solution version, so that a
 * page of one solution version costs its own size, however many other jobs there are. A page starts after a
 * position (a key, not an offset), so jobs added during a listing cause neither duplicates nor gaps among those
 * that were there before.
 *
 * @example
 * ```ts
 * import { JobStore } from "@effect-personalize/protocol"
 *
 * const store = new JobStore.JobStore()
 * store.insert({ arn: "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/a", created: 1 })
 * store.insert({ arn: "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/b", created: 2 })
 * assert.deepStrictEqual(store.page({ limit: 1 }).jobs.map((job) => job.created), [2])
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export class JobStore {
  private everything = new SortedJobs()
  private readonly byArn = new Map<string, StoredJob>()
  private readonly byVersion = new Map<string | undefined, SortedJobs>()

  /**
   * Every job, in the listing's order.
   *
   * @since 0.1.0
   */
  get all(): ReadonlyArray<StoredJob> {
    return this.everything.items
  }

  /**
   * Adds a job; one with the same ARN is replaced.
   *
   * @since 0.1.0
   */
  insert(job: StoredJob): void {
    this.insertAll([job])
  }

  /**
   * Adds jobs; those with the ARN of an existing one replace it. A large batch (a generated account) is sorted
   * once instead of inserted one by one.
   *
   * @since 0.1.0
   */
  insertAll(jobs: ReadonlyArray<StoredJob>): void {
    if (jobs.length < 64) {
      for (const job of jobs) {
        this.removeArn(job.arn)
        this.byArn.set(job.arn, job)
        this.everything.insert(job)
        this.version(job.solutionVersionArn).insert(job)
      }
      return
    }
    for (const job of jobs) this.byArn.set(job.arn, job)
    const all = Array.from(this.byArn.values()).sort(compare)
    this.everything.items = all
    this.byVersion.clear()
    for (const job of all) this.version(job.solutionVersionArn).items.push(job)
  }

  /** @since 0.1.0 */
  clear(): void {
    this.everything = new SortedJobs()
    this.byArn.clear()
    this.byVersion.clear()
  }

  /**
   * Up to `limit` jobs after `after` (from the start without it) of `solutionVersionArn` (any without it).
   *
   * @since 0.1.0
   */
  page(options: {
    readonly after?: Position | undefined
    readonly solutionVersionArn?: string | undefined
    readonly limit: number
  }): { readonly jobs: ReadonlyArray<StoredJob>; readonly more: boolean } {
    const { after, limit, solutionVersionArn } = options
    const list = solutionVersionArn === undefined ? this.everything : this.byVersion.get(solutionVersionArn)
    if (list === undefined) return { jobs: [], more: false }
    const start = after === undefined ? 0 : list.firstAfter(after)
    const jobs = list.items.slice(start, start + limit)
    return { jobs, more: start + limit < list.items.length }
  }

  /** @since 0.1.0 */
  private version(solutionVersionArn: string | undefined): SortedJobs {
    let list = this.byVersion.get(solutionVersionArn)
    if (list === undefined) {
      list = new SortedJobs()
      this.byVersion.set(solutionVersionArn, list)
    }
    return list
  }

  /** @since 0.1.0 */
  private removeArn(arn: string): void {
    const existing = this.byArn.get(arn)
    if (existing === undefined) return
    this.byArn.delete(arn)
    this.everything.remove(existing)
    this.byVersion.get(existing.solutionVersionArn)?.remove(existing)
  }
}
