import type { Schedule } from "./lifecycle.js"

/**
 * A job as the store holds it: times in epoch milliseconds, and the schedule of its lifecycle if it has one.
 *
 * @internal
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
 * @internal
 */
export interface Position {
  readonly created: number
  readonly arn: string
}

// The listing's order: newest first, ties by ARN ascending.
const compare = (a: Position, b: Position): number =>
  a.created !== b.created ? b.created - a.created : a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0

/**
 * The jobs, kept in the listing's order and keyed by ARN. A page starts after a position (a key, not an offset),
 * so jobs added during a listing cause neither duplicates nor gaps among those that were there before.
 *
 * @internal
 */
export class JobStore {
  private sorted: Array<StoredJob> = []
  private readonly byArn = new Map<string, StoredJob>()

  /** Every job, in the listing's order. */
  get all(): ReadonlyArray<StoredJob> {
    return this.sorted
  }

  /** Adds a job; one with the same ARN is replaced. */
  insert(job: StoredJob): void {
    const existing = this.byArn.get(job.arn)
    if (existing !== undefined) this.sorted.splice(this.indexOf(existing), 1)
    this.byArn.set(job.arn, job)
    this.sorted.splice(this.firstNotBefore(job), 0, job)
  }

  clear(): void {
    this.sorted = []
    this.byArn.clear()
  }

  /** Up to `limit` jobs after `after` (from the start without it) of `solutionVersionArn` (any without it). */
  page(options: {
    readonly after?: Position | undefined
    readonly solutionVersionArn?: string | undefined
    readonly limit: number
  }): { readonly jobs: ReadonlyArray<StoredJob>; readonly more: boolean } {
    const { after, limit, solutionVersionArn } = options
    const jobs: Array<StoredJob> = []
    for (let i = after === undefined ? 0 : this.firstAfter(after); i < this.sorted.length; i++) {
      const job = this.sorted[i]
      if (solutionVersionArn !== undefined && job.solutionVersionArn !== solutionVersionArn) continue
      if (jobs.length === limit) return { jobs, more: true }
      jobs.push(job)
    }
    return { jobs, more: false }
  }

  private indexOf(job: StoredJob): number {
    const i = this.firstNotBefore(job)
    return this.sorted[i] === job ? i : this.sorted.indexOf(job)
  }

  // The first index whose job does not come before `position`.
  private firstNotBefore(position: Position): number {
    let lo = 0
    let hi = this.sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (compare(this.sorted[mid], position) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  // The first index whose job comes after `position`.
  private firstAfter(position: Position): number {
    let i = this.firstNotBefore(position)
    while (i < this.sorted.length && compare(this.sorted[i], position) <= 0) i++
    return i
  }
}
