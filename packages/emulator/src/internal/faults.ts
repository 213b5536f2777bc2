import * as Duration from "effect/Duration"
import type * as Api from "../PersonalizeEmulator.js"
import * as Random from "./random.js"

/** @internal */
export const faultKinds: ReadonlyArray<Api.FaultKind> = [
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

/** @internal */
export const retryableFaultKinds: ReadonlyArray<Api.FaultKind> = [
  "throttle",
  "tooManyRequests",
  "internalError",
  "serviceUnavailable",
  "latency",
  "connectionReset"
]

const defaultLatency = Duration.seconds(2)

/**
 * The fault to inject into a request, and the delay of a `latency` fault in milliseconds.
 *
 * @internal
 */
export interface Decision {
  readonly kind: Api.FaultKind
  readonly latency: number
}

/**
 * Which fault, if any, a request gets: a scripted one first, else a random one at `rate`. The random draw depends
 * only on the seed and the request's index, so a run is the same whatever the timing.
 *
 * @internal
 */
export const decide = (options: Api.FaultOptions | undefined, request: Api.FaultRequest): Decision | undefined => {
  if (options === undefined) return undefined
  const latencyOf = (fault: Api.Fault) => Duration.toMillis(fault.latency ?? options.latency ?? defaultLatency)
  const script = options.script
  if (typeof script === "function") {
    const fault = script(request)
    if (fault !== undefined) {
      const spec = typeof fault === "string" ? { kind: fault } : fault
      return { kind: spec.kind, latency: latencyOf(spec) }
    }
  } else if (script !== undefined) {
    const fault = script.find((f) => f.on === request.index)
    if (fault !== undefined) return { kind: fault.kind, latency: latencyOf(fault) }
  }
  const rate = options.rate ?? 0
  if (rate <= 0) return undefined
  const seed = options.seed ?? 0
  if (Random.unit(seed, `fault:${request.index}`) >= rate) return undefined
  const kinds = options.kinds !== undefined && options.kinds.length > 0 ? options.kinds : retryableFaultKinds
  const kind = kinds[Math.floor(Random.unit(seed, `kind:${request.index}`) * kinds.length)]
  return { kind, latency: latencyOf({ kind }) }
}
