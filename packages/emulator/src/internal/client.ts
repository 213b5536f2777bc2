import * as PersonalizeClient from "@effect-personalize/core/PersonalizeClient"
import * as PersonalizeError from "@effect-personalize/core/PersonalizeError"
import * as Effect from "effect/Effect"
import type * as Api from "../PersonalizeEmulator.js"
import type { Engine, Entry, Outcome } from "./emulator.js"
import { engineOf } from "./emulator.js"
import * as Failure from "./failure.js"

const endpoint = "emulator:in-memory"

const aborted = (signal: AbortSignal) =>
  new PersonalizeError.TransportError({
    reason: "Aborted",
    detail: "the request was aborted before the emulator answered",
    endpoint,
    cause: signal.reason
  })

// Waits for the signal: the way a client gives up on a hung or slow answer.
const whenAborted = (signal: AbortSignal): Effect.Effect<never, PersonalizeError.TransportError> =>
  Effect.async<never, PersonalizeError.TransportError>((resume) => {
    const onAbort = () => resume(Effect.fail(aborted(signal)))
    if (signal.aborted) {
      onAbort()
      return
    }
    signal.addEventListener("abort", onAbort, { once: true })
    return Effect.sync(() => signal.removeEventListener("abort", onAbort))
  })

const render = (
  engine: Engine,
  entry: Entry,
  outcome: Outcome
): Effect.Effect<PersonalizeClient.RawResponse, PersonalizeError.PersonalizeError> => {
  const requestId = entry.requestId
  switch (outcome._tag) {
    case "Success":
      // Through JSON and back, so that the body is exactly what the wire would carry.
      return Effect.sync(() => {
        engine.finish(entry, 200)
        return { body: JSON.parse(JSON.stringify(outcome.body)) as unknown, requestId }
      })
    case "WrongTypes":
      return Effect.sync(() => {
        engine.finish(entry, 200)
        return { body: outcome.body, requestId }
      })
    case "Failure":
      return Effect.suspend(() => {
        engine.finish(entry, outcome.failure.status, outcome.failure.type)
        return Effect.fail(Failure.toPersonalizeError(outcome.failure, requestId))
      })
    case "Malformed":
      return Effect.suspend(() => {
        engine.finish(entry, 200)
        return Effect.fail(
          new PersonalizeError.ResponseDecodeError({
            path: [],
            detail: "the body is not valid JSON",
            requestId,
            cause: outcome.text
          })
        )
      })
    case "Reset":
      return Effect.fail(
        new PersonalizeError.TransportError({
          reason: "ConnectionReset",
          detail: "the connection was reset by the emulator (injected fault)",
          endpoint
        })
      )
    case "Hang":
      return Effect.never
  }
}

/** @internal */
export const make = (emulator: Api.Emulator.Service): PersonalizeClient.PersonalizeClient.Service => {
  const engine = engineOf(emulator)
  return PersonalizeClient.make({
    listBatchSegmentJobs: (request, signal) =>
      Effect.suspend(() => {
        // An aborted signal means the request is never sent, as with fetch.
        if (signal.aborted) return Effect.fail(aborted(signal))
        const entry = engine.begin("client")
        // The request as its JSON body, so both faces validate the same thing.
        const body = JSON.parse(JSON.stringify(request)) as unknown
        const answer = Effect.flatMap(engine.run(entry, body), (outcome) => render(engine, entry, outcome))
        return Effect.raceFirst(answer, whenAborted(signal)).pipe(
          Effect.tapErrorTag(
            "TransportError",
            (error) => error.reason === "Aborted" ? Effect.sync(() => engine.abort(entry)) : Effect.void
          ),
          Effect.onInterrupt(() => Effect.sync(() => engine.abort(entry)))
        )
      })
  })
}
