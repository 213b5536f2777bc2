import * as FaultInjection from "@effect-personalize/protocol/FaultInjection"
import type { JobStore } from "@effect-personalize/protocol/JobStore"
import * as ListOperation from "@effect-personalize/protocol/ListOperation"
import type * as PageToken from "@effect-personalize/protocol/PageToken"
import type { Entry, RequestLog } from "@effect-personalize/protocol/RequestLog"
import * as Failure from "@effect-personalize/protocol/ServiceFailure"
import type * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Api from "../PersonalizeEmulator.js"
import type { RateLimiter } from "./rateLimit.js"

/**
 * What answering a request needs of the emulator.
 *
 * @internal
 */
export interface State {
  readonly clock: Clock.Clock
  /** The emulator's time, in epoch milliseconds: its clock plus every `advance`. */
  readonly now: () => number
  readonly store: JobStore
  readonly log: RequestLog
  readonly tokens: PageToken.Codec
  readonly faults: () => Api.FaultOptions | undefined
  readonly rateLimit: () => RateLimiter | undefined
  /** The account of requests that name none. */
  readonly accountId: string
  readonly responseTime?: Duration.Input | undefined
}

const malformed = "{\"batchSegmentJobs\": [{\"batchSegmentJobArn\": \"arn:aws:pers"
const wrongTypes = { batchSegmentJobs: "not a list", nextToken: 42 }
const defaultLatency = Duration.seconds(2)

/**
 * The emulator's `handle`: logs the request, takes a permit of the rate limit (or answers `ThrottlingException`),
 * waits the response time, decides the fault, runs the operation, and logs the answer. Interrupted before it
 * answers, it logs the request as aborted: the client gave up. Everything but the waiting is the protocol package's,
 * shared with the Effect 3 edition.
 *
 * @internal
 */
export const make = (state: State) => {
  const { clock, log } = state
  const responseTime = state.responseTime === undefined ? 0 : Duration.toMillis(state.responseTime)

  const success = (entry: Entry, body: unknown): Api.Answer => {
    log.answered(entry, 200)
    return { _tag: "Success", requestId: entry.requestId, body }
  }
  const failure = (entry: Entry, failure: Api.ServiceFailure): Api.Answer => {
    log.answered(entry, failure.status, failure.code)
    return { _tag: "Failure", requestId: entry.requestId, failure }
  }
  const list = (body: unknown) => ListOperation.list(body, state.store, state.tokens, state.now())
  const page = (entry: Entry, body: ListOperation.Page): Api.Answer => {
    log.listed(body.batchSegmentJobs.length)
    return success(entry, body)
  }
  const answer = (entry: Entry, body: unknown): Api.Answer => {
    const result = list(body)
    return result._tag === "Left" ? failure(entry, result.failure) : page(entry, result.value.body)
  }

  const withFault = (entry: Entry, body: unknown): Effect.Effect<Api.Answer> =>
    Effect.suspend(() => {
      const fault = FaultInjection.decide<Duration.Input>(state.faults(), {
        index: entry.index,
        face: entry.face,
        body
      })
      if (fault === undefined) return Effect.sync(() => answer(entry, body))
      const inject = <A>(f: () => A) =>
        Effect.sync(() => {
          log.injected(entry, fault.kind)
          return f()
        })
      switch (fault.kind) {
        case "throttle":
          return inject(() => failure(entry, Failure.throttling()))
        case "tooManyRequests":
          return inject(() => failure(entry, Failure.tooManyRequests()))
        case "internalError":
          return inject(() => failure(entry, Failure.internalError()))
        case "serviceUnavailable":
          return inject(() => failure(entry, Failure.serviceUnavailable()))
        case "connectionReset":
          return inject((): Api.Answer => {
            log.closed(entry)
            return { _tag: "Reset", requestId: entry.requestId }
          })
        case "hang":
          return Effect.andThen(inject(() => undefined), Effect.never)
        case "malformedBody":
          return inject((): Api.Answer => {
            log.answered(entry, 200)
            return { _tag: "Malformed", requestId: entry.requestId, text: malformed }
          })
        case "wrongTypes":
          return inject(() => success(entry, wrongTypes))
        case "latency":
          return inject(() => undefined).pipe(
            Effect.andThen(clock.sleep(Duration.fromInputUnsafe(fault.latency ?? defaultLatency))),
            Effect.andThen(Effect.sync(() => answer(entry, body)))
          )
        case "repeatToken":
          return Effect.suspend(() => {
            const result = list(body)
            if (result._tag === "Left") return Effect.succeed(failure(entry, result.failure))
            const given = result.value.request.nextToken
            if (given === undefined || given === "") return Effect.succeed(page(entry, result.value.body))
            return inject(() => page(entry, { ...result.value.body, nextToken: given }))
          })
      }
    })

  return (request: Api.Request): Effect.Effect<Api.Answer> =>
    Effect.suspend(() => {
      const entry = log.begin(request.face, state.now(), request.body)
      if (request.refused !== undefined) return Effect.succeed(failure(entry, request.refused))
      const limiter = state.rateLimit()
      if (limiter !== undefined && !limiter.take(request.accountId ?? state.accountId, entry.at)) {
        log.throttle(entry)
        const throttled = Failure.throttling()
        return Effect.succeed(
          failure(
            entry,
            limiter.retryAfter === undefined ? throttled : { ...throttled, retryAfter: limiter.retryAfter }
          )
        )
      }
      const answered = responseTime > 0
        ? Effect.andThen(clock.sleep(Duration.millis(responseTime)), withFault(entry, request.body))
        : withFault(entry, request.body)
      return Effect.onInterrupt(answered, () => Effect.sync(() => log.abort(entry)))
    })
}
