/**
 * The AWS SDK for JavaScript v3 (`@aws-sdk/client-personalize`) as the `PersonalizeClient` port of
 * `@effect-personalize/core`.
 *
 * Every SDK failure becomes exactly one `PersonalizeError`; credential values never appear in an error; interrupting
 * the calling fiber aborts the HTTP request. The SDK's own retries are off by default (`maxAttempts: 1`): the core
 * retries one page call with an Effect `Schedule`, so attempts never multiply.
 *
 * @since 0.1.0
 */
import type { PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import type * as PersonalizeClient from "@effect-personalize/core/PersonalizeClient"
import type * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import type * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import * as internal from "./internal/client.js"

/**
 * Static credentials. The secret and the session token are `Redacted`: they print as `<redacted>` and never
 * appear in an error, a log line or a span.
 *
 * @since 0.1.0
 * @category models
 */
export interface Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: Redacted.Redacted<string>
  readonly sessionToken?: Redacted.Redacted<string> | undefined
}

/**
 * Extra configuration for the SDK client (request handler, timeouts, a credential provider, a logger, ...).
 * `region`, `endpoint` and `maxAttempts` are options of their own; `credentials` and `profile` here are used only
 * when `Options.credentials` and `Options.profile` are not given.
 *
 * @since 0.1.0
 * @category models
 */
export type ClientConfig = internal.ClientConfig

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The AWS region, e.g. `"us-east-1"`. */
  readonly region: string
  /** Another endpoint than the region's, e.g. the emulator's `"http://127.0.0.1:4566"`. */
  readonly endpoint?: string | undefined
  /** Static credentials; without them the SDK's default credential chain is used. */
  readonly credentials?: Credentials | undefined
  /**
   * A named profile of the shared AWS files (`~/.aws/credentials` and `~/.aws/config`, or the files that
   * `AWS_SHARED_CREDENTIALS_FILE` and `AWS_CONFIG_FILE` name), the SDK client's `profile`: the default credential
   * chain takes the credentials of this profile instead of `AWS_PROFILE`'s or `default`. It applies to this client
   * only; unlike setting `AWS_PROFILE`, it changes nothing else in the process. With `credentials` given, those are
   * used instead. A profile that does not exist, or has no credentials, fails each call with
   * `AccessDeniedException` (`origin: "client"`), and nothing is sent.
   *
   * @since 0.2.0
   */
  readonly profile?: string | undefined
  /** The SDK's own attempts per call. Default `1`: retrying is the core's job (`Retry`). */
  readonly maxAttempts?: number | undefined
  /** Escape hatch: any other SDK client configuration. */
  readonly clientConfig?: ClientConfig | undefined
}

/**
 * The port implementation over an SDK client, built with `PersonalizeClient.make`: one
 * `ListBatchSegmentJobsCommand` per call, sent with the `AbortSignal` that `make` aborts when the calling fiber is
 * interrupted, failures mapped to `PersonalizeError`. The client is not destroyed.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: (client: SdkClient) => PersonalizeClient.PersonalizeClient.Service = (client) =>
  internal.make(client)

/**
 * A `PersonalizeClient` backed by a new SDK client, created when the layer is built and destroyed
 * (`client.destroy()`, which closes its sockets) when the layer's scope closes.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { PersonalizeAws } from "@effect-personalize/aws"
 * import { Effect, Redacted } from "effect"
 *
 * const Personalize = PersonalizeAws.layer({
 *   region: "us-east-1",
 *   endpoint: "http://127.0.0.1:4566",
 *   credentials: { accessKeyId: "test", secretAccessKey: Redacted.make("test") }
 * })
 *
 * const program = ListBatchSegmentJobs.list({ maxResults: 10 }).pipe(Effect.provide(Personalize))
 *
 * // the credentials of the profile "analytics" of ~/.aws/credentials, for this client only
 * const AsAnalytics = PersonalizeAws.layer({ region: "eu-west-1", profile: "analytics" })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: (options: Options) => Layer.Layer<PersonalizeClient.PersonalizeClient> = internal.layer

/**
 * The options as the standard AWS environment gives them:
 *
 * - `region`: `AWS_REGION`, else `AWS_DEFAULT_REGION` (one is required);
 * - `endpoint`: `AWS_ENDPOINT_URL_PERSONALIZE`, else `AWS_ENDPOINT_URL` (validated as URLs);
 * - `credentials`: `AWS_ACCESS_KEY_ID` with `AWS_SECRET_ACCESS_KEY` and the optional `AWS_SESSION_TOKEN`, the
 *   secrets read with `Config.redacted`. When neither key is set, the SDK's default credential chain is used
 *   (profiles, SSO, container and instance roles); when only one is set, it is a `ConfigError`.
 *
 * `AWS_MAX_ATTEMPTS` is deliberately not read: the core owns retrying.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Options> = internal.config

/**
 * `layer` with its options read from Effect `Config`, by default `config` (the standard AWS environment variables).
 * A missing or malformed value fails building the layer with the `ConfigError` in the error channel, before any
 * client exists. Pass another `Config` to read other names or to add options.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { PersonalizeAws } from "@effect-personalize/aws"
 * import { Config, Effect } from "effect"
 *
 * // AWS_REGION, AWS_ENDPOINT_URL_PERSONALIZE, AWS_ACCESS_KEY_ID, ... from the environment
 * const FromEnvironment = PersonalizeAws.layerConfig()
 *
 * // the same variables, with the SDK allowed three attempts of its own
 * const WithSdkRetries = PersonalizeAws.layerConfig(
 *   Config.map(PersonalizeAws.config, (options) => ({ ...options, maxAttempts: 3 }))
 * )
 *
 * const program = ListBatchSegmentJobs.list({}).pipe(Effect.provide(FromEnvironment))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig: (
  options?: Config.Config<Options>
) => Layer.Layer<PersonalizeClient.PersonalizeClient, ConfigError.ConfigError> = internal.layerConfig

/**
 * A `PersonalizeClient` over an SDK client that the caller owns: it is never destroyed by this layer.
 *
 * @example
 * ```ts
 * import { PersonalizeClient } from "@aws-sdk/client-personalize"
 * import { PersonalizeAws } from "@effect-personalize/aws"
 *
 * const client = new PersonalizeClient({ region: "eu-west-1" })
 * const Personalize = PersonalizeAws.layerFromClient(client)
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromClient: (client: SdkClient) => Layer.Layer<PersonalizeClient.PersonalizeClient> =
  internal.layerFromClient
