/** @internal */
import * as Text from "@effect-personalize/protocol/Text"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
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
  const noColor = yield* Config.option(Config.string("NO_COLOR")).pipe(
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

/** @internal */
export const stripAnsi: (text: string) => string = Text.stripAnsi

const show = (args: ReadonlyArray<unknown>): string => args.map((arg) => String(arg)).join(" ")

/** What @effect/cli adds to the help of every option of a kind, whatever the option: it tells nothing. */
const filler = new Set([
  "A user-defined piece of text.",
  "A true or false value.",
  "This setting is optional.",
  "This option may be repeated zero or more times."
])

/**
 * The help of @effect/cli without its filler (each option's own description says what it takes, its unit and its
 * default), and with usage lines that start with the program's name, as they are typed: `$ personalize-jobs list
 * [...]`, not `$ list [...]`. Styles, when there are any, are kept.
 *
 * @internal
 */
export const tidyHelp = (text: string, program: string, commands: ReadonlyArray<string>): string => {
  const lines = text.split("\n")
  const kept: Array<string> = []
  for (let i = 0; i < lines.length; i++) {
    if (filler.has(stripAnsi(lines[i]!).trim())) {
      // the filler's paragraph and the blank line after it
      if (lines[i + 1] !== undefined && stripAnsi(lines[i + 1]!).trim() === "") i++
      continue
    }
    kept.push(lines[i]!)
  }
  const usage = new RegExp(`^((?:\u001b\\[[0-9;]*m)*\\$ )(${commands.join("|")}) `)
  return kept.map((line) =>
    line.replace(usage, `$1${program} $2 `).replace(
      new RegExp(`^((?:\u001b\\[[0-9;]*m)*\\$ ${program})((?:\u001b\\[[0-9;]*m)*)$`),
      `$1 ${commands.join("|")} [options]$2`
    )
  ).join("\n")
}

/**
 * A `Console` whose `log` (what @effect/cli prints: help, version) goes to the `Output` streams, through `tidy`
 * (see `tidyHelp`), without ANSI escapes where `colors` says no: @effect/cli always renders its `HelpDoc`s with them. Its `error` and `warn`
 * print nothing: @effect/cli prints only the parse errors there, which `run` prints itself, as one line.
 *
 * @internal
 */
export const console = (
  output: Service,
  colors: Colors,
  tidy: (text: string) => string = (text) => text
): Effect.Effect<Console.Console> =>
  Effect.map(Console.consoleWith(Effect.succeed), (current) => {
    const stdout = (...args: ReadonlyArray<unknown>) => {
      const text = `${tidy(show(args))}\n`
      return output.stdout(colors.stdout ? text : stripAnsi(text))
    }
    const ignored = () => Effect.void
    return { ...current, log: stdout, info: stdout, error: ignored, warn: ignored }
  })

/**
 * Where the log of the libraries goes (each request at debug level, each retry at warning level): stderr, as logfmt
 * lines, never stdout, which carries jobs only (Effect's default logger writes to the console's stdout). Whether
 * anything is logged is for `--log-level` to say: `run` sets no level at all by default.
 *
 * @internal
 */
export const withLogs = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R | Output> =>
  Effect.provide(
    self,
    Logger.replaceScoped(
      Logger.defaultLogger,
      // written from an Effect, a batch at a time, and what is left when the command ends (before its error line)
      Effect.flatMap(Output, (output) =>
        Logger.batched(
          Logger.logfmtLogger,
          "100 millis",
          (lines) => output.stderr(lines.map((line) => `${line}\n`).join(""))
        ))
    )
  )
