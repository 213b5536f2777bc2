/**
 * Where the jobs come from (AWS, another endpoint, or the embedded emulator), and how that becomes a
 * `PersonalizeClient`. Tests replace the `ClientProvider` to list from a double.
 *
 * @since 1.0.0
 */
import type { PersonalizeClient } from "@effect-personalize/core/PersonalizeClient"
import * as Context from "effect/Context"
import type * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { CliError } from "./CliError.js"
import * as internal from "./internal/source.js"
import type { Output } from "./Output.js"

/**
 * The options of the command line that say where the jobs come from.
 *
 * @example
 * ```ts
 * import type { Connection } from "@effect-personalize/cli"
 * import { Option } from "effect"
 *
 * const local: Connection.Connection = {
 *   region: Option.some("us-east-1"),
 *   endpoint: Option.some("http://127.0.0.1:4566"),
 *   profile: Option.none(),
 *   emulator: false,
 *   allowInsecureEndpoint: false
 * }
 * ```
 *
 * @since 1.0.0
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
 * What the client is for: `watch` (a watch that goes on, for which the embedded emulator makes new jobs) or `list`
 * (a listing, or a watch that is to end).
 *
 * @example
 * ```ts
 * import type { Connection } from "@effect-personalize/cli"
 *
 * const purpose: Connection.Purpose = "list"
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type Purpose = "list" | "watch"

/**
 * Makes the client of a command from its connection options.
 *
 * @example
 * ```ts
 * import type { Connection } from "@effect-personalize/cli"
 * import { PersonalizeClient } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const empty: Connection.Provider = () =>
 *   PersonalizeClient.layerTest(() => Effect.succeed({ body: { batchSegmentJobs: [] } }))
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type Provider = (connection: Connection, purpose: Purpose) => Layer.Layer<PersonalizeClient, CliError, Output>

/**
 * The provider of the program: the AWS SDK client of the options and the standard AWS environment, or, with
 * `--emulator`, the embedded emulator (not in this edition yet: a usage error says so).
 *
 * @example
 * ```ts
 * import { Connection } from "@effect-personalize/cli"
 * import { Option } from "effect"
 *
 * const client = Connection.layer({
 *   region: Option.some("us-east-1"),
 *   endpoint: Option.none(),
 *   profile: Option.none(),
 *   emulator: false,
 *   allowInsecureEndpoint: false
 * }, "list")
 * ```
 *
 * @since 1.0.0
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
 * The `Provider` the commands use, `layer` unless another is provided.
 *
 * @example
 * ```ts
 * import { Connection } from "@effect-personalize/cli"
 * import { PersonalizeClient } from "@effect-personalize/core"
 * import { Effect } from "effect"
 *
 * const offline = Effect.provideService(
 *   Connection.ClientProvider,
 *   () => PersonalizeClient.layerTest(() => Effect.succeed({ body: {} }))
 * )
 * ```
 *
 * @since 1.0.0
 * @category tags
 */
export const ClientProvider: Context.Reference<Provider> = Context.Reference<Provider>(
  "@effect-personalize/cli/ClientProvider",
  { defaultValue: () => layer }
)
