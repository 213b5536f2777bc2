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
import type * as FileSystem from "@effect/platform/FileSystem"
import type * as Path from "@effect/platform/Path"
import type * as Teardown from "@effect/platform/Runtime"
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import type * as Option from "effect/Option"
import type { CliExit } from "./CliError.js"
import type { Connection } from "./Connection.js"
import type { Format, WatchFormat } from "./Format.js"
import * as internal from "./internal/cli.js"
import * as errors from "./internal/errors.js"
import type { Output } from "./Output.js"

/**
 * The options of every command, as parsed: where the jobs come from, `--max-attempts`, `--timeout`, `--max-rps`,
 * `--verbose`.
 *
 * @since 0.2.0
 * @category models
 */
export interface CommonArgs extends Connection {
  readonly maxAttempts: Option.Option<number>
  readonly timeout: Option.Option<Duration.Duration>
  /** `--max-rps`: the most requests a second of the whole command. */
  readonly maxRps: Option.Option<number>
  readonly verbose: boolean
}

/**
 * The options of `list`, as parsed.
 *
 * @since 0.2.0
 * @category models
 */
export interface ListArgs extends CommonArgs {
  /** Every `--solution-version-arn`, each once, in the order given (none: every job). */
  readonly solutionVersionArns: ReadonlyArray<string>
  readonly status: ReadonlyArray<string>
  readonly maxItems: Option.Option<number>
  readonly pageSize: Option.Option<number>
  readonly startingToken: Option.Option<string>
  /** How many of several solution versions are listed at once. */
  readonly concurrency: number
  readonly format: Format
}

/**
 * The options of `watch`, as parsed.
 *
 * @since 0.2.0
 * @category models
 */
export interface WatchArgs extends CommonArgs {
  /** Every `--solution-version-arn`, each once, in the order given (none: every job). */
  readonly solutionVersionArns: ReadonlyArray<string>
  readonly status: ReadonlyArray<string>
  readonly pageSize: Option.Option<number>
  readonly interval: Duration.Duration
  readonly untilTerminal: boolean
  readonly once: boolean
  readonly stateFile: Option.Option<string>
  readonly format: WatchFormat
}

/**
 * A parsed command line: the subcommand's options (none for `personalize-jobs` alone, which prints its help).
 *
 * @since 0.2.0
 * @category models
 */
export interface Args {
  readonly subcommand: Option.Option<ListArgs | WatchArgs>
}

/**
 * The whole program: `list` and `watch`, with `--help` for each. `watch --state-file` reads and writes its file
 * through the platform's `FileSystem`.
 *
 * @since 0.1.0
 * @category commands
 */
export const command: Command.Command<
  "personalize-jobs",
  Output | FileSystem.FileSystem | Path.Path,
  CliExit,
  Args
> = internal.command

/**
 * Parses a command line (`process.argv`: the runtime, the script, then the arguments) and runs it. Output goes to
 * the `Output` service, help and parse errors included; a failure is printed there and ends as `CliExit` with its
 * exit code; a command line the parser rejects ends as its `ValidationError` (exit code 2). Colors and styles
 * only go to a terminal, and never when `NO_COLOR` is set (read through `Config`).
 *
 * @since 0.1.0
 * @category running
 */
export const run: (
  argv: ReadonlyArray<string>
) => Effect.Effect<void, CliExit | ValidationError.ValidationError, CliApp.CliApp.Environment | Output> = internal.run

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
