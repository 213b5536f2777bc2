/** @internal */
import { progressLine } from "@effect-personalize/protocol/Output"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import { Output } from "../Output.js"

/**
 * A progress line on stderr (pages, jobs, elapsed time), redrawn in place, only when stderr is a terminal.
 * Output to stdout goes through `print`, which clears the line first and redraws it after.
 *
 * @internal
 */
export interface Progress {
  readonly page: (jobs: number) => Effect.Effect<void>
  readonly print: (text: string) => Effect.Effect<void>
  /** Writes a line to stderr, above the progress line. */
  readonly note: (text: string) => Effect.Effect<void>
  readonly clear: Effect.Effect<void>
}

const clearLine = "\r\u001b[2K"

/**
 * `countPages: false` when `page` is called with batches of jobs that are not pages (listings side by side): the
 * line then counts jobs only.
 *
 * @internal
 */
export const make = (
  label: string,
  options: { readonly countPages?: boolean } = {}
): Effect.Effect<Progress, never, Output | Scope.Scope> =>
  Effect.gen(function*() {
    const output = yield* Output
    if (!output.stderrIsTTY) {
      return {
        page: () => Effect.void,
        print: output.stdout,
        note: output.stderr,
        clear: Effect.void
      }
    }
    const start = yield* Clock.currentTimeMillis
    let pages = 0
    let jobs = 0
    let shown = false
    let done = false
    const draw = Effect.gen(function*() {
      if (done) return
      const now = yield* Clock.currentTimeMillis
      shown = true
      yield* output.stderr(
        `${clearLine}${progressLine(label, options.countPages === false ? undefined : pages, jobs, now - start)}`
      )
    })
    const clear = Effect.suspend(() => {
      if (!shown) return Effect.void
      shown = false
      return output.stderr(clearLine)
    })
    yield* Effect.forkScoped(Effect.repeat(draw, Schedule.spaced("100 millis")))
    yield* Effect.addFinalizer(() =>
      Effect.suspend(() => {
        done = true
        return clear
      })
    )
    return {
      page: (n) =>
        Effect.suspend(() => {
          pages++
          jobs += n
          return draw
        }),
      print: (text) => text === "" ? Effect.void : Effect.andThen(clear, Effect.andThen(output.stdout(text), draw)),
      note: (text) => Effect.andThen(clear, Effect.andThen(output.stderr(text), draw)),
      clear: Effect.suspend(() => {
        done = true
        return clear
      })
    }
  })
