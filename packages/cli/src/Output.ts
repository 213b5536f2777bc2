/**
 * Where the program writes: stdout for jobs, stderr for everything else (progress, resume tokens, errors), and
 * whether each one is a terminal. `layerNode` is the process's; `layerTest` captures both streams.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import { OutputError } from "./CliError.js"

/**
 * The two streams of the program, and whether each is a terminal.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/cli"
 * import { Effect, Layer } from "effect"
 *
 * // the process's streams without progress or errors
 * const quiet = (output: Output.Service): Output.Service => ({ ...output, stderr: () => Effect.void })
 * const Quiet = Layer.effect(Output.Output, Effect.map(Output.Output, quiet)).pipe(Layer.provide(Output.layerNode))
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly stdout: (text: string) => Effect.Effect<void>
  readonly stderr: (text: string) => Effect.Effect<void>
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
  /** The width of the terminal in columns, when stdout is one: a table's failure reasons are cut to fit it. */
  readonly stdoutColumns?: number | undefined
  /** Whether stdin is a terminal, that questions can be asked on (`--wizard`). */
  readonly stdinIsTTY?: boolean | undefined
}

/**
 * Where the program writes: the service that every command prints through.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/cli"
 * import { Effect } from "effect"
 *
 * // a progress line that a terminal overwrites and a file keeps
 * const progress = (line: string) =>
 *   Effect.flatMap(Output.Output, (output) => output.stderr(output.stderrIsTTY ? `\r${line}` : `${line}\n`))
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class Output extends Context.Tag("@effect-personalize/cli/Output")<Output, Service>() {}

/**
 * `process.stdout` and `process.stderr`. Writing to stdout is done when the text is out; when it cannot be written
 * (a full disk, a closed pipe), the fiber dies with an `OutputError`.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/cli"
 * import { Effect } from "effect"
 *
 * const hello = Effect.flatMap(Output.Output, (output) => output.stdout("hello\n"))
 * const program = Effect.provide(hello, Output.layerNode)
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerNode: Layer.Layer<Output> = Layer.sync(Output, () => ({
  // done when the text is written: a failed write (a full disk, a closed pipe) ends the command there, before it
  // says anything (a resume token, a saved state) that would count on the text being out
  stdout: (text) =>
    text === ""
      ? Effect.void
      : Effect.async<void>((resume) => {
        process.stdout.write(text, (error) => resume(error ? Effect.die(outputError("stdout", error)) : Effect.void))
      }),
  stderr: (text) =>
    Effect.sync(() => {
      if (text !== "") process.stderr.write(text)
    }),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  stdoutColumns: process.stdout.isTTY === true ? process.stdout.columns : undefined,
  stdinIsTTY: process.stdin.isTTY === true
}))

/** `ENOSPC: no space left on device, write` as `no space left on device`, with its code beside. */
const outputError = (stream: "stdout" | "stderr", error: NodeJS.ErrnoException): OutputError =>
  new OutputError({
    stream,
    code: error.code,
    detail: error.code === undefined
      ? error.message
      : error.message.replace(new RegExp(`^${error.code}: `), "").replace(/, write$/, ""),
    cause: error
  })

/**
 * What `layerTest` captured so far.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/cli"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const output = yield* Output.Output
 *   yield* output.stdout("spring-launch\n")
 *   const capture = yield* Output.Capture
 *   return yield* capture.stdout
 * }).pipe(Effect.provide(Output.layerTest()))
 * assert.strictEqual(Effect.runSync(program), "spring-launch\n")
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class Capture extends Context.Tag("@effect-personalize/cli/Output/Capture")<Capture, {
  readonly stdout: Effect.Effect<string>
  readonly stderr: Effect.Effect<string>
}>() {}

/**
 * Captures both streams in memory (read them with `Capture`); neither is a terminal unless told, nor has a width.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/cli"
 * import { Effect } from "effect"
 *
 * // as if stdout were a terminal: tables in color
 * const isTTY = Effect.map(Output.Output, (output) => output.stdoutIsTTY).pipe(
 *   Effect.provide(Output.layerTest({ stdoutIsTTY: true }))
 * )
 * assert.ok(Effect.runSync(isTTY))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerTest = (options?: {
  readonly stdoutIsTTY?: boolean | undefined
  readonly stderrIsTTY?: boolean | undefined
  readonly stdoutColumns?: number | undefined
  readonly stdinIsTTY?: boolean | undefined
}): Layer.Layer<Output | Capture> =>
  Layer.effectContext(Effect.gen(function*() {
    const out = yield* Ref.make("")
    const err = yield* Ref.make("")
    return Context.make(Output, {
      stdout: (text) => Ref.update(out, (s) => s + text),
      stderr: (text) => Ref.update(err, (s) => s + text),
      stdoutIsTTY: options?.stdoutIsTTY ?? false,
      stderrIsTTY: options?.stderrIsTTY ?? false,
      stdoutColumns: options?.stdoutColumns,
      stdinIsTTY: options?.stdinIsTTY ?? false
    }).pipe(Context.add(Capture, { stdout: Ref.get(out), stderr: Ref.get(err) }))
  }))
