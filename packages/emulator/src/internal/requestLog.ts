import * as Crypto from "node:crypto"
import type * as Api from "../PersonalizeEmulator.js"

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
  /** Whether the emulator is done with it: answered, or the connection reset. */
  settled: boolean
}

/**
 * Every request either face received, and the counters over them.
 *
 * @internal
 */
export class RequestLog {
  private readonly entries: Array<Entry> = []
  private faultsInjected = 0
  private aborted = 0

  /** Records a request that arrived at `at` (epoch milliseconds). */
  begin(face: Api.Face, at: number, body: unknown): Entry {
    const entry: Entry = {
      index: this.entries.length + 1,
      at,
      face,
      requestId: Crypto.randomUUID(),
      aborted: false,
      settled: false
    }
    if (body !== undefined) Object.assign(entry, { body })
    this.entries.push(entry)
    return entry
  }

  injected(entry: Entry, kind: Api.FaultKind): void {
    entry.fault = kind
    this.faultsInjected++
  }

  /** The answer went out with this status (and error type). */
  answered(entry: Entry, status: number, error?: string): void {
    entry.status = status
    entry.error = error
    entry.settled = true
  }

  /** No answer went out, by the emulator's doing (a reset connection). */
  closed(entry: Entry): void {
    entry.settled = true
  }

  /** The client gave up before the answer. */
  abort(entry: Entry): void {
    if (entry.settled || entry.aborted) return
    entry.aborted = true
    this.aborted++
  }

  stats(): Api.Stats {
    return { requests: this.entries.length, faultsInjected: this.faultsInjected, aborted: this.aborted }
  }

  snapshot(): ReadonlyArray<Api.RequestLogEntry> {
    return this.entries.map(({ at, settled: _, ...entry }) => ({ ...entry, at: new Date(at) }))
  }
}
