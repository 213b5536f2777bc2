/**
 * Where the program writes: stdout for jobs, stderr for the rest (errors, progress, the resume token), captured in
 * tests.
 *
 * @since 1.0.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import { OutputError } from "./CliError.js"

/**
 * The streams of a run, and what they are connected to.
 *
 * @example
 * ```ts
 * import type { Output } from "@effect-personalize/cli"
 *
 * const quiet = (output: Output.Service): Output.Service => ({ ...output, stderr: () => output.stdout("") })
 * ```
 *
 * @since 1.0.0
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
 * The streams of the run.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/cli"
 * import { Effect } from "effect"
 *
 * const hello: Effect.Effect<void, never, Output.Output> = Output.Output.use((output) => output.stdout("hello\n"))
 * ```
 *
 * @since 1.0.0
 * @category tags
 */
export class Output extends Context.Service<Output, Service>()("@effect-personalize/cli/Output") {}

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
 * The process's streams. A write to stdout is done when the text is written: a failed write (a full disk, a closed
 * pipe) ends the command there, as a defect `OutputError`, before it says anything (a resume token, a saved state)
 * that would count on the text being out.
 *
 * @example
 * ```ts
 * import { Cli, Output } from "@effect-personalize/cli"
 * import * as NodeServices from "@effect/platform-node/NodeServices"
 * import { Effect, Layer } from "effect"
 *
 * const program = Cli.run(["node", "personalize-jobs", "--help"]).pipe(
 *   Effect.provide(Layer.merge(NodeServices.layer, Output.layerNode))
 * )
 * ```
 *
 * @since 1.0.0
 * @category layers
 */
export const layerNode: Layer.Layer<Output> = Layer.sync(Output, () => ({
  stdout: (text) =>
    text === ""
      ? Effect.void
      : Effect.callback<void>((resume) => {
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

/**
 * What a run wrote, with `layerTest`.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/cli"
 * import { Effect } from "effect"
 *
 * const stdout: Effect.Effect<string, never, Output.Capture> = Output.Capture.use((capture) => capture.stdout)
 * ```
 *
 * @since 1.0.0
 * @category tags
 */
export class Capture extends Context.Service<Capture, {
  readonly stdout: Effect.Effect<string>
  readonly stderr: Effect.Effect<string>
}>()("@effect-personalize/cli/Output/Capture") {}

/**
 * Streams that keep what is written (read it with `Capture`), and say they are terminals or not as asked.
 *
 * @example
 * ```ts
 * import { Output } from "@effect-personalize/cli"
 *
 * const onTerminal = Output.layerTest({ stdoutIsTTY: true, stderrIsTTY: true, stdoutColumns: 100 })
 * ```
 *
 * @since 1.0.0
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
