/**
 * `personalize-jobs`: list and watch Amazon Personalize batch segment jobs, from AWS or from the embedded
 * emulator. The command is an `@effect/cli` `Command`; `run` parses a command line and runs it.
 *
 * @example
 * ```ts
 * import { Cli, Output } from "@effect-personalize/cli"
 * import * as NodeContext from "@effect/platform-node/NodeContext"
 * import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
 * import { Effect, Layer } from "effect"
 *
 * Cli.run(process.argv).pipe(
 *   Effect.provide(Layer.merge(NodeContext.layer, Output.layerNode)),
 *   NodeRuntime.runMain({ disableErrorReporting: true, teardown: Cli.teardown })
 * )
 * ```
 *
 * @since 0.1.0
 */
import type * as CliApp from "@effect/cli/CliApp"
import type * as Command from "@effect/cli/Command"
import type * as ValidationError from "@effect/cli/ValidationError"
import type * as Teardown from "@effect/platform/Runtime"
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import type * as Option from "effect/Option"
import type { CliExit } from "./CliError.js"
import * as internal from "./internal/cli.js"
import * as errors from "./internal/errors.js"
import type { Output } from "./Output.js"

/**
 * The whole program: `list` and `watch`, with `--help` for each. (The type of the parsed arguments is left open:
 * it is the parser's business, not a contract.)
 *
 * @since 0.1.0
 * @category commands
 */
export const command: Command.Command<"personalize-jobs", Output, CliExit, any> = internal.command

/**
 * Parses a command line (`process.argv`: the runtime, the script, then the arguments) and runs it. Output goes to
 * the `Output` service; a failure is printed there and ends as `CliExit` with its exit code; a command line the
 * parser rejects ends as its `ValidationError` (exit code 2).
 *
 * @since 0.1.0
 * @category running
 */
export const run: (
  argv: ReadonlyArray<string>
) => Effect.Effect<void, CliExit | ValidationError.ValidationError, CliApp.CliApp.Environment | Output> = internal
  .run as any

/**
 * The exit code of a run: 0 on success, the code of a `CliExit`, 2 for a rejected command line, 130 when
 * interrupted (Ctrl-C), 1 otherwise. See `ExitCode`.
 *
 * @since 0.1.0
 * @category running
 */
export const exitCode: <A, E>(exit: Exit.Exit<A, E>) => number = errors.exitCodeOfExit

/**
 * A `teardown` for `NodeRuntime.runMain` that exits with `exitCode`.
 *
 * @since 0.1.0
 * @category running
 */
export const teardown: Teardown.Teardown = (exit, onExit) => onExit(errors.exitCodeOfExit(exit))

/**
 * Parses a duration as the command line accepts it: `30s`, `500ms`, `2m`, `1h`, `30 seconds`; a bare number is
 * seconds.
 *
 * @since 0.1.0
 * @category utils
 */
export const parseDuration: (text: string) => Option.Option<Duration.Duration> = internal.parseDuration
