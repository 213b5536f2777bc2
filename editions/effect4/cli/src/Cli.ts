/**
 * `personalize-jobs`: list and watch Amazon Personalize batch segment jobs. The command is an effect/cli
 * `Command`; `run` parses a command line and runs it, with the same options, formats, messages and exit codes as
 * the Effect 3 edition's.
 *
 * @example
 * ```ts
 * import { Cli, Output } from "@effect-personalize/cli"
 * import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
 * import * as NodeServices from "@effect/platform-node/NodeServices"
 * import { Effect, Layer } from "effect"
 *
 * Cli.run(process.argv).pipe(
 *   Effect.provide(Layer.merge(NodeServices.layer, Output.layerNode)),
 *   NodeRuntime.runMain({ disableErrorReporting: true, teardown: Cli.teardown })
 * )
 * ```
 *
 * @since 1.0.0
 */
import type * as DurationText from "@effect-personalize/protocol/DurationText"
import type * as CliErrors from "effect/cli/CliError"
import type * as Command from "effect/cli/Command"
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import type * as FileSystem from "effect/FileSystem"
import type * as LogLevel from "effect/LogLevel"
import type * as Option from "effect/Option"
import type * as Path from "effect/Path"
import type * as Runtime from "effect/Runtime"
import type { CliExit } from "./CliError.js"
import type { Connection } from "./Connection.js"
import type { Format, WatchFormat } from "./Format.js"
import * as internal from "./internal/cli.js"
import * as errors from "./internal/errors.js"
import type { Output } from "./Output.js"

/**
 * The options of every command, as parsed: where the jobs come from, `--max-attempts`, `--timeout`, `--max-rps`
 * (with `--rate-limit-store`, `--rate-limit-store-failure` and `--rate-limit-account`, this edition's only),
 * `--verbose`, `--log-level`.
 *
 * @example
 * ```ts
 * import type { Cli } from "@effect-personalize/cli"
 * import { Option } from "effect"
 *
 * const source = (args: Cli.CommonArgs): string =>
 *   `AWS in ${Option.getOrElse(args.region, () => "the environment's region")}`
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface CommonArgs extends Connection {
  readonly maxAttempts: Option.Option<number>
  readonly timeout: Option.Option<Duration.Duration>
  /** `--max-rps`: the most requests a second of the whole command. */
  readonly maxRps: Option.Option<number>
  /**
   * `--rate-limit-store`: the Redis whose limit `--max-rps` is, shared by every process of the account and region
   * (`RateLimit.layerStore`); none: this process's own (`RateLimit.layer`).
   */
  readonly rateLimitStore: Option.Option<RateLimitStoreUrl>
  /** `--rate-limit-store-failure`: what happens when Redis does not answer (none: `local`). */
  readonly rateLimitStoreFailure: Option.Option<"local" | "fail">
  /** `--rate-limit-account`: the account whose quota the shared limit is (none: that of the ARNs). */
  readonly rateLimitAccount: Option.Option<string>
  readonly verbose: boolean
  /** `--log-level`: the least level of the libraries' log, printed on stderr (none: nothing is logged). */
  readonly logLevel: Option.Option<LogLevel.LogLevel>
}

/**
 * A Redis URL of `--rate-limit-store`, as parsed.
 *
 * @example
 * ```ts
 * import type { Cli } from "@effect-personalize/cli"
 *
 * const store: Cli.RateLimitStoreUrl = { url: "redis://10.0.0.5:6379/0", address: "10.0.0.5:6379" }
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface RateLimitStoreUrl {
  /** The URL as given (it may hold a password). */
  readonly url: string
  /** `HOST:PORT`, what messages name. */
  readonly address: string
}

/**
 * The options of `list`, as parsed.
 *
 * @example
 * ```ts
 * import type { Cli } from "@effect-personalize/cli"
 *
 * const fansOut = (args: Cli.ListArgs): boolean => args.solutionVersionArns.length > 1 && args.concurrency > 1
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface ListArgs extends CommonArgs {
  /** Every `--solution-version-arn`, each once, in the order given (none: every job). */
  readonly solutionVersionArns: ReadonlyArray<string>
  readonly status: ReadonlyArray<string>
  /** `--since`: only jobs created at or after this time, or this long (in milliseconds) before the start. */
  readonly since: Option.Option<DurationText.Since>
  /** `--fail-on-status`: exit code 11 when a listed job is in one of these statuses. */
  readonly failOnStatus: ReadonlyArray<string>
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
 * @example
 * ```ts
 * import type { Cli } from "@effect-personalize/cli"
 * import { Option } from "effect"
 *
 * // a run from cron: one poll, resumed from and saved to a file
 * const isCronRun = (args: Cli.WatchArgs): boolean => args.once && Option.isSome(args.stateFile)
 * ```
 *
 * @since 1.0.0
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
 * A parsed command line: the options of `list` or `watch` (`personalize-jobs` alone prints its help).
 *
 * @example
 * ```ts
 * import type { Cli } from "@effect-personalize/cli"
 *
 * const command = (args: Cli.Args): string => "interval" in args ? "watch" : "list"
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type Args = ListArgs | WatchArgs | {}

/**
 * The whole program: `list` and `watch`, with `--help` for each.
 *
 * @example
 * ```ts
 * import { Cli } from "@effect-personalize/cli"
 * import { Command } from "effect/cli"
 *
 * // the same command under another version, e.g. inside another tool
 * const jobs = Command.runWith(Cli.command, { version: "2.0.0" })
 * ```
 *
 * @since 1.0.0
 * @category commands
 */
export const command: Command.Command<
  "personalize-jobs",
  Args,
  {},
  CliExit,
  Output | FileSystem.FileSystem | Path.Path
> = internal.command

/**
 * Parses a command line (`process.argv`: the runtime, the script, then the arguments) and runs it. Output goes to
 * the `Output` service, help and refused command lines included; a failure is printed there and ends as `CliExit`
 * with its exit code; a command line the parser refuses ends as its effect/cli `CliError` (exit code 2). Colors and
 * styles only go to a terminal, and never when `NO_COLOR` is set (read through `Config`).
 *
 * @example
 * ```ts
 * import { PersonalizeClient } from "@effect-personalize/core"
 * import { Cli, Connection, Output } from "@effect-personalize/cli"
 * import * as NodeServices from "@effect/platform-node/NodeServices"
 * import { Effect, Layer } from "effect"
 *
 * const OneJob = PersonalizeClient.layerTest(() =>
 *   Effect.succeed({ body: { batchSegmentJobs: [{ jobName: "spring-launch", status: "ACTIVE" }] } })
 * )
 * const stdout = Cli.run(["node", "personalize-jobs", "list", "--format", "ndjson"]).pipe(
 *   Effect.andThen(Output.Capture.use((capture) => capture.stdout)),
 *   Effect.provideService(Connection.ClientProvider, () => OneJob),
 *   Effect.provide(Layer.merge(NodeServices.layer, Output.layerTest()))
 * )
 * ```
 *
 * @since 1.0.0
 * @category running
 */
export const run: (
  argv: ReadonlyArray<string>
) => Effect.Effect<void, CliExit | CliErrors.CliError, Command.Environment | Output> = internal.run

/**
 * The exit code of a run: 0 on success, the code of a `CliExit`, 2 for a refused command line, 130 when
 * interrupted (Ctrl-C), 1 otherwise. See `ExitCode`.
 *
 * @example
 * ```ts
 * import { Cli, CliError } from "@effect-personalize/cli"
 * import { Exit } from "effect"
 *
 * assert.strictEqual(Cli.exitCode(Exit.void), 0)
 * assert.strictEqual(Cli.exitCode(Exit.fail(new CliError.CliExit({ code: 5 }))), 5)
 * assert.strictEqual(Cli.exitCode(Exit.interrupt()), 130)
 * ```
 *
 * @since 1.0.0
 * @category running
 */
export const exitCode: <A, E>(exit: Exit.Exit<A, E>) => number = errors.exitCodeOfExit

/**
 * A `teardown` for `NodeRuntime.runMain` that exits with `exitCode`.
 *
 * @example
 * ```ts
 * import { Cli, CliError } from "@effect-personalize/cli"
 * import { Exit } from "effect"
 *
 * Cli.teardown(Exit.fail(new CliError.CliExit({ code: 4 })), (code) => assert.strictEqual(code, 4))
 * ```
 *
 * @since 1.0.0
 * @category running
 */
export const teardown: Runtime.Teardown = (exit, onExit) => onExit(errors.exitCodeOfExit(exit))
