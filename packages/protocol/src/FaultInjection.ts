/**
 * The emulators' fault injection, deterministic and the same in both editions: scripted faults on given requests,
 * or random ones at a rate from a seed (the fault of request n depends only on the seed and n). The delay of a
 * `latency` fault is each edition's own duration type (`L`).
 *
 * @since 0.1.0
 */
import type { Face } from "./RequestLog.js"
import * as SeededRandom from "./SeededRandom.js"

/**
 * The faults an emulator can inject (see each edition's `PersonalizeEmulator.FaultKind` for what each does).
 *
 * @example
 * ```ts
 * import type { FaultInjection } from "@effect-personalize/protocol"
 *
 * const kind: FaultInjection.FaultKind = "serviceUnavailable"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type FaultKind =
  | "throttle"
  | "tooManyRequests"
  | "internalError"
  | "serviceUnavailable"
  | "latency"
  | "connectionReset"
  | "hang"
  | "malformedBody"
  | "wrongTypes"
  | "repeatToken"

/**
 * Every kind of fault, in the order the command line lists them.
 *
 * @example
 * ```ts
 * import { FaultInjection } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(FaultInjection.faultKinds.length, 10)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const faultKinds: ReadonlyArray<FaultKind> = [
  "throttle",
  "tooManyRequests",
  "internalError",
  "serviceUnavailable",
  "latency",
  "connectionReset",
  "hang",
  "malformedBody",
  "wrongTypes",
  "repeatToken"
]

/**
 * The faults drawn from when a random fault fires and no kinds are given: those a client with retries recovers from.
 *
 * @example
 * ```ts
 * import { FaultInjection } from "@effect-personalize/protocol"
 *
 * assert.ok(!FaultInjection.retryableFaultKinds.includes("malformedBody"))
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const retryableFaultKinds: ReadonlyArray<FaultKind> = [
  "throttle",
  "tooManyRequests",
  "internalError",
  "serviceUnavailable",
  "latency",
  "connectionReset"
]

/**
 * What a fault script sees of a request.
 *
 * @example
 * ```ts
 * import type { FaultInjection } from "@effect-personalize/protocol"
 *
 * const outage = (request: FaultInjection.FaultRequest): FaultInjection.FaultKind | undefined =>
 *   request.face === "http" && request.index > 10 ? "internalError" : undefined
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface FaultRequest {
  /** 1-based, counting every request the emulator received. */
  readonly index: number
  readonly face: Face
  /** The request body, parsed. */
  readonly body: unknown
}

/**
 * A fault: its kind, and for `latency` how long.
 *
 * @example
 * ```ts
 * import type { FaultInjection } from "@effect-personalize/protocol"
 *
 * const slow: FaultInjection.Fault<number> = { kind: "latency", latency: 5000 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Fault<L> {
  readonly kind: FaultKind
  readonly latency?: L | undefined
}

/**
 * Fault options: a rate and a seed for random faults, the kinds they are drawn from, the default delay of `latency`,
 * and a script, whose faults take precedence.
 *
 * @example
 * ```ts
 * import type { FaultInjection } from "@effect-personalize/protocol"
 *
 * const faults: FaultInjection.FaultOptions<number> = { rate: 0.2, seed: 7, script: [{ on: 1, kind: "throttle" }] }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface FaultOptions<L> {
  readonly rate?: number | undefined
  readonly seed?: number | undefined
  readonly kinds?: ReadonlyArray<FaultKind> | undefined
  readonly latency?: L | undefined
  readonly script?:
    | ReadonlyArray<Fault<L> & { readonly on: number }>
    | ((request: FaultRequest) => FaultKind | Fault<L> | undefined)
    | undefined
}

/**
 * The fault a request gets, and the delay of a `latency` fault if the fault or the options name one.
 *
 * @example
 * ```ts
 * import type { FaultInjection } from "@effect-personalize/protocol"
 *
 * const decision: FaultInjection.Decision<number> = { kind: "latency", latency: 2000 }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Decision<L> {
  readonly kind: FaultKind
  readonly latency: L | undefined
}

/**
 * Which fault, if any, a request gets: a scripted one first, else a random one at `rate`. The random draw depends
 * only on the seed and the request's index, so a run is the same whatever the timing, in either edition.
 *
 * @example
 * ```ts
 * import { FaultInjection } from "@effect-personalize/protocol"
 *
 * const decision = FaultInjection.decide({ script: [{ on: 2, kind: "throttle" }] }, { index: 2, face: "http", body: {} })
 * assert.strictEqual(decision?.kind, "throttle")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const decide = <L>(options: FaultOptions<L> | undefined, request: FaultRequest): Decision<L> | undefined => {
  if (options === undefined) return undefined
  const latencyOf = (fault: Fault<L>) => fault.latency ?? options.latency
  const script = options.script
  if (typeof script === "function") {
    const fault = script(request)
    if (fault !== undefined) {
      const spec: Fault<L> = typeof fault === "string" ? { kind: fault } : fault
      return { kind: spec.kind, latency: latencyOf(spec) }
    }
  } else if (script !== undefined) {
    const fault = script.find((f) => f.on === request.index)
    if (fault !== undefined) return { kind: fault.kind, latency: latencyOf(fault) }
  }
  const rate = options.rate ?? 0
  if (rate <= 0) return undefined
  const seed = options.seed ?? 0
  if (SeededRandom.unit(seed, `fault:${request.index}`) >= rate) return undefined
  const kinds = options.kinds !== undefined && options.kinds.length > 0 ? options.kinds : retryableFaultKinds
  const kind = kinds[Math.floor(SeededRandom.unit(seed, `kind:${request.index}`) * kinds.length)]
  return { kind, latency: options.latency }
}
