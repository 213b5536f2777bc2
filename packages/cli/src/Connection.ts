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
 * What a command wants a client for: with `watch`, the embedded emulator also starts a new job now and then.
 *
 * @since 0.1.0
 * @category models
 */
export type Purpose = "list" | "watch"

/**
 * How a `Connection` becomes a `PersonalizeClient`.
 *
 * @since 0.1.0
 * @category models
 */
export type Provider = (connection: Connection, purpose: Purpose) => Layer.Layer<PersonalizeClient, CliError, Output>

/**
 * The default provider: the embedded emulator with `--emulator`, else the AWS SDK configured from the standard AWS
 * environment with the command line's flags on top (a missing region is a `ConfigError`).
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
