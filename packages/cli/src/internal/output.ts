/** @internal */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"

/** @internal */
export interface Service {
  readonly stdout: (text: string) => Effect.Effect<void>
  readonly stderr: (text: string) => Effect.Effect<void>
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
}

/** @internal */
export class Output extends Context.Tag("@effect-personalize/cli/Output")<Output, Service>() {}

/** @internal */
export const layerNode: Layer.Layer<Output> = Layer.sync(Output, () => ({
  stdout: (text) =>
    Effect.sync(() => {
      if (text !== "") process.stdout.write(text)
    }),
  stderr: (text) =>
    Effect.sync(() => {
      if (text !== "") process.stderr.write(text)
    }),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true
}))

/** @internal */
export interface Captured {
  readonly stdout: Effect.Effect<string>
  readonly stderr: Effect.Effect<string>
}

/** @internal */
export class Capture extends Context.Tag("@effect-personalize/cli/Output/Capture")<Capture, Captured>() {}

/** @internal */
export const layerTest = (options?: {
  readonly stdoutIsTTY?: boolean | undefined
  readonly stderrIsTTY?: boolean | undefined
}): Layer.Layer<Output | Capture> =>
  Layer.effectContext(Effect.gen(function*() {
    const out = yield* Ref.make("")
    const err = yield* Ref.make("")
    return Context.make(Output, {
      stdout: (text) => Ref.update(out, (s) => s + text),
      stderr: (text) => Ref.update(err, (s) => s + text),
      stdoutIsTTY: options?.stdoutIsTTY ?? false,
      stderrIsTTY: options?.stderrIsTTY ?? false
    }).pipe(Context.add(Capture, { stdout: Ref.get(out), stderr: Ref.get(err) }))
  }))
