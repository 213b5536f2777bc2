/**
 * Where the jobs come from: AWS (the standard AWS environment, `--region`, `--endpoint`, `--profile`) or the
 * embedded emulator (`--emulator`), and the reference that turns a connection into a `PersonalizeClient`.
 *
 * @since 0.1.0
 */
import type { PersonalizeClient } from "@effect-personalize/core/PersonalizeClient"
import * as Context from "effect/Context"
import type * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { CliError } from "./CliError.js"
import * as internal from "./internal/source.js"
import type { Output } from "./Output.js"

/**
 * The connection options of a command line. A plain `http://` endpoint (`--endpoint` or the environment's) is
 * refused unless it is on this machine or `allowInsecureEndpoint` is set: the AWS layer refuses it when it is built,
 * before anything is sent.
 *
 * @example
 * ```ts
 * import { Connection } from "@effect-personalize/cli"
 * import { Option } from "effect"
 *
 * // personalize-jobs list --emulator
 * const emulator: Connection.Connection = {
 *   region: Option.none(),
 *   endpoint: Option.none(),
 *   profile: Option.none(),
 *   emulator: true,
 *   allowInsecureEndpoint: false
 * }
 * const Client = Connection.layer(emulator, "list")
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Connection {
  readonly region: Option.Option<string>
  readonly endpoint: Option.Option<string>
  readonly profile: Option.Option<string>
  readonly emulator: boolean
  /** `--allow-insecure-endpoint`: a plain `http://` endpoint on another machine than this one is accepted. */
  readonly allowInsecureEndpoint: boolean
}

/**
 * What a command wants a client for: `watch` for a watch that goes on until stopped, with which the embedded
 * emulator also starts a new job now and then; `list` for anything that is to end (a listing, `watch --once`,
 * `watch --until-terminal`, which new jobs would keep from ending).
 *
 * @example
 * ```ts
 * import type { Cli, Connection } from "@effect-personalize/cli"
 *
 * const purpose = (args: Cli.ListArgs | Cli.WatchArgs): Connection.Purpose => "interval" in args ? "watch" : "list"
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Purpose = "list" | "watch"

/**
 * How a `Connection` becomes a `PersonalizeClient`.
 *
 * @example
 * ```ts
 * import { PersonalizeClient } from "@effect-personalize/core"
 * import type { Connection } from "@effect-personalize/cli"
 * import { Effect } from "effect"
 *
 * // every command answered with one empty page, whatever its flags
 * const empty: Connection.Provider = () =>
 *   PersonalizeClient.layerTest(() => Effect.succeed({ body: { batchSegmentJobs: [] } }))
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Provider = (connection: Connection, purpose: Purpose) => Layer.Layer<PersonalizeClient, CliError, Output>

/**
 * The default provider: the embedded emulator with `--emulator`, else the AWS SDK configured from the standard AWS
 * environment with the command line's flags on top (a missing region is a `ConfigError`).
 *
 * @example
 * ```ts
 * import { Connection } from "@effect-personalize/cli"
 * import { Option } from "effect"
 *
 * // personalize-jobs list --region eu-west-1 --profile analytics
 * const Client = Connection.layer({
 *   region: Option.some("eu-west-1"),
 *   endpoint: Option.none(),
 *   profile: Option.some("analytics"),
 *   emulator: false,
 *   allowInsecureEndpoint: false
 * }, "list")
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Provider = (connection, purpose) =>
  connection.emulator ? internal.emulatorLayer(purpose, ignoredWithEmulator(connection)) : internal.awsLayer(connection)

const ignoredWithEmulator = (connection: Connection): ReadonlyArray<string> => [
  ...(Option.isSome(connection.region) ? ["--region"] : []),
  ...(Option.isSome(connection.endpoint) ? ["--endpoint"] : []),
  ...(Option.isSome(connection.profile) ? ["--profile"] : []),
  ...(connection.allowInsecureEndpoint ? ["--allow-insecure-endpoint"] : [])
]

/**
 * The `Provider` the commands use, `layer` unless replaced: tests run the commands against an in-memory fake.
 *
 * @example
 * ```ts
 * import { Cli, Connection } from "@effect-personalize/cli"
 * import { PersonalizeEmulator } from "@effect-personalize/emulator"
 * import { Effect, Layer } from "effect"
 *
 * const inMemory = Cli.run(["node", "personalize-jobs", "list"]).pipe(
 *   Effect.provideService(Connection.ClientProvider, () =>
 *     PersonalizeEmulator.layerClient({ generate: { solutionVersions: 2, jobsPerVersion: 5 } }).pipe(Layer.orDie))
 * )
 * ```
 *
 * @since 0.1.0
 * @category references
 */
export class ClientProvider extends Context.Reference<ClientProvider>()("@effect-personalize/cli/ClientProvider", {
  defaultValue: (): Provider => layer
}) {}
