import * as FaultInjection from "@effect-personalize/protocol/FaultInjection"
import * as Duration from "effect/Duration"
import type * as Api from "../PersonalizeEmulator.js"

/** @internal */
export const faultKinds: ReadonlyArray<Api.FaultKind> = FaultInjection.faultKinds

/** @internal */
export const retryableFaultKinds: ReadonlyArray<Api.FaultKind> = FaultInjection.retryableFaultKinds

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
 * Which fault, if any, a request gets: the protocol package's decision (scripted first, else seeded at `rate`),
 * with the delay of a `latency` fault in milliseconds.
 *
 * @internal
 */
export const decide = (options: Api.FaultOptions | undefined, request: Api.FaultRequest): Decision | undefined => {
  const decision = FaultInjection.decide<Duration.DurationInput>(options, request)
  return decision === undefined
    ? undefined
    : { kind: decision.kind, latency: Duration.toMillis(decision.latency ?? defaultLatency) }
}
