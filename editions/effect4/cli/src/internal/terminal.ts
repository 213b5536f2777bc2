/** @internal */
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import type { Service } from "../Output.js"
import { Output } from "../Output.js"

/** Whether each stream gets ANSI colors and styles. @internal */
export interface Colors {
  readonly stdout: boolean
  readonly stderr: boolean
}

/**
 * Colors only on a terminal, and never when `NO_COLOR` is set to anything but the empty string
 * (https://no-color.org), read through `Config` like the rest of the environment.
 *
 * @internal
 */
export const colors: Effect.Effect<Colors, never, Output> = Effect.gen(function*() {
  const output = yield* Output
  const noColor = yield* Effect.gen(function*() {
    return yield* Config.option(Config.String("NO_COLOR"))
  }).pipe(
    Effect.map(Option.exists((value) => value !== "")),
    Effect.orElseSucceed(() => false)
  )
  return { stdout: output.stdoutIsTTY && !noColor, stderr: output.stderrIsTTY && !noColor }
})

/** The width of stdout when it is a terminal (what a table's last column is cut to), else none. @internal */
export const terminalWidth = (output: Service): number | undefined =>
  output.stdoutIsTTY && output.stdoutColumns !== undefined && output.stdoutColumns > 0
    ? output.stdoutColumns
    : undefined

/**
 * Where the log of the libraries goes (each request at debug level, each retry at warning level): stderr, as logfmt
 * lines, never stdout, which carries jobs only. Whether anything is logged is for `--log-level` to say.
 *
 * @internal
 */
export const withLogs = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R | Output> =>
  Effect.flatMap(Output.use(Effect.succeed), (output) =>
    Effect.provide(
      self,
      Logger.layer([
        // written from an Effect, a batch at a time, and what is left when the command ends (before its error line)
        Logger.formatLogFmt.pipe(Logger.batched({
          window: "100 millis",
          flush: (lines) => output.stderr(lines.map((line) => `${line}\n`).join(""))
        }))
      ])
    ))
