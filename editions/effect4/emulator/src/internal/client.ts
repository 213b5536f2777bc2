import * as PersonalizeClient from "@effect-personalize/core/PersonalizeClient"
import * as PersonalizeError from "@effect-personalize/core/PersonalizeError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Api from "../PersonalizeEmulator.js"
import { Emulator } from "../PersonalizeEmulator.js"
import * as Emulators from "./emulator.js"

const endpoint = "emulator:in-memory"

// The answer as a transport reads a response: the body through JSON, the service's errors through the core's one
// classifier, given what the HTTP face would send (`x-amzn-ErrorType`, status, message, request id).
const read = (answer: Api.Answer): Effect.Effect<PersonalizeClient.RawResponse, PersonalizeError.PersonalizeError> => {
  const { requestId } = answer
  switch (answer._tag) {
    case "Success":
      return Effect.sync(() => ({ body: JSON.parse(JSON.stringify(answer.body)) as unknown, requestId }))
    case "Failure":
      return Effect.fail(
        PersonalizeError.fromServiceError({
          code: answer.failure.code,
          status: answer.failure.status,
          message: answer.failure.message,
          requestId,
          retryAfter: answer.failure.retryAfter
        })
      )
    case "Malformed":
      return Effect.fail(
        new PersonalizeError.ResponseDecodeError({
          path: [],
          detail: "the body is not valid JSON",
          requestId,
          cause: answer.text
        })
      )
    case "Reset":
      return Effect.fail(
        new PersonalizeError.TransportError({
          reason: "ConnectionReset",
          detail: "the connection was reset by the emulator (injected fault)",
          endpoint
        })
      )
  }
}

/**
 * The in-memory face: the port served by `Emulator.Service.handle`, without HTTP. The port owns cancellation:
 * interrupting a call (the caller, or the core's per-attempt timeout) interrupts `handle`, which is how the
 * emulator learns that the client gave up. Nothing here does I/O outside Effect, so the port's signal has
 * nothing to abort.
 *
 * @internal
 */
export const make = (emulator: Api.Emulator.Service): PersonalizeClient.PersonalizeClient.Service =>
  PersonalizeClient.make((request) =>
    Effect.suspend(() =>
      // The request as its JSON body, so that both faces hand the emulator the same thing.
      emulator.handle({ face: "client", body: JSON.parse(JSON.stringify(request)) as unknown })
    ).pipe(Effect.flatMap(read))
  )

/** @internal */
export const fromEmulator = (): Layer.Layer<PersonalizeClient.PersonalizeClient, never, Emulator> =>
  Layer.effect(PersonalizeClient.PersonalizeClient, Effect.map(Effect.service(Emulator), make))

/** @internal */
export const layerWith = (
  options?: Api.Options
): Layer.Layer<PersonalizeClient.PersonalizeClient | Emulator, Api.SeedError> =>
  fromEmulator().pipe(Layer.provideMerge(Emulators.layer(options)))
