import { constraints } from "@effect-personalize/core/ServiceModel"
import * as Crypto from "node:crypto"
import type * as Api from "../PersonalizeEmulator.js"

/**
 * How many requests the log keeps by default. An entry holds a summary of its body (see `summarize`), its ids and
 * its answer: about 1.2 KB for a page request with a token, at most about 5.5 KB whatever was sent (measured), so
 * the log stays under about 6 MB however long the emulator runs and however large the bodies are.
 *
 * @internal
 */
export const defaultSize = 1000

/**
 * The longest string the log keeps of each member of the operation: its longest valid value, so that a valid one
 * is kept whole. Any other string (a `maxResults` sent as a string, the text of a body that is not JSON) is kept up
 * to `textCap` characters.
 *
 * @internal
 */
export const memberCaps = {
  solutionVersionArn: constraints.arnMaxLength,
  nextToken: constraints.nextTokenMaxLength,
  maxResults: 256
} as const

/** @internal */
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
 * @internal
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
 * @internal
 */
export const check = (size: number): string | undefined =>
  Number.isSafeInteger(size) && size >= 0
    ? undefined
    : `the request log size must be a whole number of at least 0, got ${String(size)}`

/**
 * One request in the log, while the emulator answers it.
 *
 * @internal
 */
export interface Entry {
  readonly index: number
  readonly at: number
  readonly face: Api.Face
  readonly requestId: string
  readonly body?: unknown
  fault?: Api.FaultKind | undefined
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
 * @internal
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
  private readonly faults = new Map<Api.FaultKind, number>()

  constructor(readonly size: number = defaultSize) {
    this.ring = []
  }

  /** Records a request that arrived at `at` (epoch milliseconds). */
  begin(face: Api.Face, at: number, body: unknown): Entry {
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

  injected(entry: Entry, kind: Api.FaultKind): void {
    entry.fault = kind
    this.faultsInjected++
    this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1)
  }

  /** The rate limit refused it (its answer follows with `answered`). */
  throttle(entry: Entry): void {
    entry.throttled = true
    this.throttled++
  }

  /** The answer went out with this status (and error type). */
  answered(entry: Entry, status: number, error?: string): void {
    this.settle(entry)
    entry.status = status
    entry.error = error
    if (error !== undefined) this.errors.set(error, (this.errors.get(error) ?? 0) + 1)
  }

  /** The answer is a page of `jobs` jobs. */
  listed(jobs: number): void {
    this.pages++
    this.jobs += jobs
  }

  /** No answer went out, by the emulator's doing (a reset connection). */
  closed(entry: Entry): void {
    this.settle(entry)
  }

  /** The client gave up before the answer. */
  abort(entry: Entry): void {
    if (entry.settled || entry.aborted) return
    entry.aborted = true
    this.aborted++
    this.inFlight--
  }

  private settle(entry: Entry): void {
    if (!entry.settled && !entry.aborted) this.inFlight--
    entry.settled = true
  }

  stats(): Api.Stats {
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

  /** The entries kept, oldest first. */
  snapshot(): ReadonlyArray<Api.RequestLogEntry> {
    const kept = Math.min(this.received, this.size)
    const out: Array<Api.RequestLogEntry> = []
    for (let index = this.received - kept + 1; index <= this.received; index++) {
      const { at, settled: _, ...entry } = this.ring[(index - 1) % this.size]
      out.push({ ...entry, at: new Date(at) })
    }
    return out
  }
}
