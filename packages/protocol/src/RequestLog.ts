/**
 * The emulators' request log and counters: the newest requests either face received (a ring buffer, each body
 * summarized so that an entry stays small whatever was sent), and counters over every request ever received.
 *
 * @since 0.1.0
 */
import * as Crypto from "node:crypto"
import type { FaultKind } from "./FaultInjection.js"
import { constraints } from "./ServiceModel.js"

/**
 * Which face of an emulator received a request: the in-memory client, or HTTP.
 *
 * @example
 * ```ts
 * import type { RequestLog } from "@effect-personalize/protocol"
 *
 * const describe = (face: RequestLog.Face): string => face === "http" ? "over HTTP" : "in memory"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Face = "client" | "http"

/**
 * What an emulator counted over every request it received.
 *
 * @example
 * ```ts
 * import { RequestLog } from "@effect-personalize/protocol"
 *
 * const stats: RequestLog.Stats = new RequestLog.RequestLog().stats()
 * assert.strictEqual(stats.requests, 0)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Stats {
  readonly requests: number
  readonly inFlight: number
  readonly faultsInjected: number
  readonly aborted: number
  readonly throttled: number
  readonly pages: number
  readonly jobs: number
  readonly errors: { readonly [code: string]: number }
  readonly faults: { readonly [K in FaultKind]?: number }
}

/**
 * One request as the log gives it.
 *
 * @example
 * ```ts
 * import { RequestLog } from "@effect-personalize/protocol"
 *
 * const log = new RequestLog.RequestLog()
 * log.answered(log.begin("http", 0, { maxResults: 5 }), 200)
 * const entries: ReadonlyArray<RequestLog.LoggedRequest> = log.snapshot()
 * assert.strictEqual(entries[0]?.status, 200)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface LoggedRequest {
  readonly index: number
  readonly at: Date
  readonly face: Face
  readonly requestId: string
  readonly body?: unknown
  readonly fault?: FaultKind | undefined
  readonly status?: number | undefined
  readonly error?: string | undefined
  readonly aborted: boolean
  readonly throttled: boolean
}

/**
 * How many requests the log keeps by default. An entry holds a summary of its body (see `summarize`), its ids and
 * its answer: about 1.2 KB for a page request with a token, at most about 5.5 KB whatever was sent (measured), so
 * the log stays under about 6 MB however long the emulator runs and however large the bodies are.
 *
 * @example
 * ```ts
 * import { RequestLog } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(RequestLog.defaultSize, 1000)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultSize = 1000

/**
 * The longest string the log keeps of each member of the operation: its longest valid value, so that a valid one
 * is kept whole. Any other string (a `maxResults` sent as a string, the text of a body that is not JSON) is kept up
 * to `textCap` characters.
 *
 * @example
 * ```ts
 * import { RequestLog } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(RequestLog.memberCaps.nextToken, 1500)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const memberCaps = {
  solutionVersionArn: constraints.arnMaxLength,
  nextToken: constraints.nextTokenMaxLength,
  maxResults: 256
} as const

/**
 * The longest text the log keeps of any other string, and of a body that is not JSON.
 *
 * @example
 * ```ts
 * import { RequestLog } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(RequestLog.textCap, 256)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const textCap = 256

// A copy, not a slice: V8 keeps a slice of a long string as a view of the whole, which would keep what is cut off.
const own = (text: string): string => JSON.parse(JSON.stringify(text)) as string

const cut = (text: string, cap: number): string => {
  if (text.length <= cap) return own(text)
  // not half a surrogate pair
  const end = /[\uD800-\uDBFF]/.test(text[cap - 1]) ? cap - 1 : cap
  return `${own(text.slice(0, end))}… (${text.length} characters)`
}

const describe = (value: object): string =>
  Array.isArray(value)
    ? `an array of ${value.length} value${value.length === 1 ? "" : "s"}`
    : `an object of ${Object.keys(value).length} member${Object.keys(value).length === 1 ? "" : "s"}`

const scalar = (value: unknown, cap: number): unknown =>
  typeof value === "string"
    ? cut(value, cap)
    : typeof value === "object" && value !== null
    ? describe(value)
    : value

/**
 * What the log keeps of a request's body, bounded in bytes whatever was sent: of an object, only the members of the
 * operation that it set (`solutionVersionArn`, `nextToken`, `maxResults`), each as sent but a string cut to its cap
 * (`memberCaps`, with `… (N characters)` after the cut) and an object or an array as a description ("an object of
 * 3 members"); a body that is not JSON, as its text cut to `textCap`; an array, as its description; any other JSON
 * value as it is.
 *
 * @example
 * ```ts
 * import { RequestLog } from "@effect-personalize/protocol"
 *
 * assert.deepStrictEqual(RequestLog.summarize({ maxResults: 5, other: 1 }), { maxResults: 5 })
 * assert.strictEqual(RequestLog.summarize([1, 2]), "an array of 2 values")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const summarize = (body: unknown): unknown => {
  if (typeof body !== "object" || body === null) return scalar(body, textCap)
  if (Array.isArray(body)) return describe(body)
  const record = body as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const member of ["solutionVersionArn", "nextToken", "maxResults"] as const) {
    if (Object.hasOwn(record, member) && record[member] !== undefined) {
      out[member] = scalar(record[member], memberCaps[member])
    }
  }
  return out
}

/**
 * What is wrong with a log size, or `undefined` when nothing is.
 *
 * @example
 * ```ts
 * import { RequestLog } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(RequestLog.check(-1), "the request log size must be a whole number of at least 0, got -1")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const check = (size: number): string | undefined =>
  Number.isSafeInteger(size) && size >= 0
    ? undefined
    : `the request log size must be a whole number of at least 0, got ${String(size)}`

/**
 * One request in the log, while the emulator answers it: the methods of `RequestLog` record what happens to it.
 *
 * @example
 * ```ts
 * import { RequestLog } from "@effect-personalize/protocol"
 *
 * const log = new RequestLog.RequestLog()
 * const entry: RequestLog.Entry = log.begin("client", 0, {})
 * log.answered(entry, 400, "InvalidInputException")
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Entry {
  readonly index: number
  readonly at: number
  readonly face: Face
  readonly requestId: string
  readonly body?: unknown
  fault?: FaultKind | undefined
  status?: number | undefined
  error?: string | undefined
  aborted: boolean
  throttled: boolean
  /** Whether the emulator is done with it: answered, or the connection reset. */
  settled: boolean
}

/**
 * The newest `size` requests either face received (a ring buffer), and counters over every request ever received:
 * an emulator that runs for days keeps a bounded log, and its counters stay exact.
 *
 * @example
 * ```ts
 * import { RequestLog } from "@effect-personalize/protocol"
 *
 * const log = new RequestLog.RequestLog(1)
 * log.answered(log.begin("http", 0, {}), 200)
 * log.answered(log.begin("http", 1, {}), 200)
 * assert.strictEqual(log.snapshot().length, 1)
 * assert.strictEqual(log.stats().requests, 2)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export class RequestLog {
  private readonly ring: Array<Entry>
  private received = 0
  private inFlight = 0
  private faultsInjected = 0
  private aborted = 0
  private throttled = 0
  private pages = 0
  private jobs = 0
  private readonly errors = new Map<string, number>()
  private readonly faults = new Map<FaultKind, number>()

  constructor(readonly size: number = defaultSize) {
    this.ring = []
  }

  /**
   * Records a request that arrived at `at` (epoch milliseconds).
   *
   * @since 0.1.0
   */
  begin(face: Face, at: number, body: unknown): Entry {
    const entry: Entry = {
      index: ++this.received,
      at,
      face,
      requestId: Crypto.randomUUID(),
      aborted: false,
      throttled: false,
      settled: false
    }
    if (body !== undefined) Object.assign(entry, { body: summarize(body) })
    this.inFlight++
    if (this.size > 0) this.ring[(entry.index - 1) % this.size] = entry
    return entry
  }

  /** @since 0.1.0 */
  injected(entry: Entry, kind: FaultKind): void {
    entry.fault = kind
    this.faultsInjected++
    this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1)
  }

  /**
   * The rate limit refused it (its answer follows with `answered`).
   *
   * @since 0.1.0
   */
  throttle(entry: Entry): void {
    entry.throttled = true
    this.throttled++
  }

  /**
   * The answer went out with this status (and error type).
   *
   * @since 0.1.0
   */
  answered(entry: Entry, status: number, error?: string): void {
    this.settle(entry)
    entry.status = status
    entry.error = error
    if (error !== undefined) this.errors.set(error, (this.errors.get(error) ?? 0) + 1)
  }

  /**
   * The answer is a page of `jobs` jobs.
   *
   * @since 0.1.0
   */
  listed(jobs: number): void {
    this.pages++
    this.jobs += jobs
  }

  /**
   * No answer went out, by the emulator's doing (a reset connection).
   *
   * @since 0.1.0
   */
  closed(entry: Entry): void {
    this.settle(entry)
  }

  /**
   * The client gave up before the answer.
   *
   * @since 0.1.0
   */
  abort(entry: Entry): void {
    if (entry.settled || entry.aborted) return
    entry.aborted = true
    this.aborted++
    this.inFlight--
  }

  /** @since 0.1.0 */
  private settle(entry: Entry): void {
    if (!entry.settled && !entry.aborted) this.inFlight--
    entry.settled = true
  }

  /** @since 0.1.0 */
  stats(): Stats {
    return {
      requests: this.received,
      inFlight: this.inFlight,
      faultsInjected: this.faultsInjected,
      aborted: this.aborted,
      throttled: this.throttled,
      pages: this.pages,
      jobs: this.jobs,
      errors: Object.fromEntries(this.errors),
      faults: Object.fromEntries(this.faults)
    }
  }

  /**
   * The entries kept, oldest first.
   *
   * @since 0.1.0
   */
  snapshot(): ReadonlyArray<LoggedRequest> {
    const kept = Math.min(this.received, this.size)
    const out: Array<LoggedRequest> = []
    for (let index = this.received - kept + 1; index <= this.received; index++) {
      const { at, settled: _, ...entry } = this.ring[(index - 1) % this.size]
      out.push({ ...entry, at: new Date(at) })
    }
    return out
  }
}
