/**
 * The AWS SDK for JavaScript v3 (`@aws-sdk/client-personalize`) as the `PersonalizeClient` port of
 * `@effect-personalize/core`.
 *
 * Every SDK failure becomes exactly one `PersonalizeError`; credential values never appear in an error; interrupting
 * the calling fiber aborts the HTTP request. The SDK's own retries are off by default (`maxAttempts: 1`): the core
 * retries one page call with an Effect `Schedule`, so attempts never multiply.
 *
 * Two transports: the SDK's own Node.js handler (`layer`, `layerConfig`), or an Effect `HttpClient` from the context
 * (`layerHttpClient`, `layerHttpClientConfig`). A plain `http://` endpoint is accepted only on this machine, unless
 * `allowInsecureEndpoint` says otherwise.
 *
 * @since 1.0.0
 */
import type { PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import type * as PersonalizeClient from "@effect-personalize/core/PersonalizeClient"
import type * as Config from "effect/Config"
import type * as HttpClient from "effect/http/HttpClient"
import type * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import * as internal from "./internal/client.js"
import * as internalHttp from "./internal/httpHandler.js"

/**
 * Static credentials. The secret and the session token are `Redacted`: they print as `<redacted>` and never
 * appear in an error, a log line or a span.
 *
 * @example
 * ```ts
 * import { PersonalizeAws } from "@effect-personalize/aws"
 * import { Redacted } from "effect"
 *
 * const credentials: PersonalizeAws.Credentials = { accessKeyId: "test", secretAccessKey: Redacted.make("test") }
 * assert.strictEqual(String(credentials.secretAccessKey), "<redacted>")
 * ```
 *
 * @since 1.0.0
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
 * @example
 * ```ts
 * import { PersonalizeAws } from "@effect-personalize/aws"
 *
 * // the SDK's own logs, and at most 5 seconds of silence on a socket
 * const clientConfig: PersonalizeAws.ClientConfig = { logger: console, requestHandler: { requestTimeout: 5_000 } }
 * const Personalize = PersonalizeAws.layer({ region: "eu-west-1", clientConfig })
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export type ClientConfig = internal.ClientConfig

/**
 * The options of `layer`: the region, and where needed the endpoint, the credentials and the SDK's settings.
 *
 * @example
 * ```ts
 * import { PersonalizeAws } from "@effect-personalize/aws"
 *
 * // the credentials of the profile "analytics", for this client only
 * const options: PersonalizeAws.Options = { region: "eu-west-1", profile: "analytics" }
 * const Personalize = PersonalizeAws.layer(options)
 * ```
 *
 * @since 1.0.0
 * @category models
 */
export interface Options {
  /** The AWS region, e.g. `"us-east-1"`. */
  readonly region: string
  /**
   * Another endpoint than the region's, e.g. the emulator's `"http://127.0.0.1:4566"`: an absolute `https://` URL,
   * or `http://` on this machine (`localhost`, `127.0.0.0/8`, `[::1]`). Plain `http://` to any other host is
   * refused when the layer is built (a `ConfigError` at `endpoint`), unless `allowInsecureEndpoint` is `true`.
   */
  readonly endpoint?: string | undefined
  /**
   * Allows a plain `http://` endpoint on a host other than this machine. Without it, such an endpoint is refused
   * when the layer is built, and a request to one that the SDK found by itself (`AWS_ENDPOINT_URL_PERSONALIZE`,
   * `AWS_ENDPOINT_URL`, the shared config file's `endpoint_url`) fails with `InvalidInputException` (`origin:
   * "client"`, `field: "endpoint"`) before anything is signed or sent: over plain HTTP, the session token and the
   * signed request travel unencrypted. Set it only for a network you trust, e.g. an emulator on another host.
   * Default `false`.
   *
   * @since 1.0.0
   */
  readonly allowInsecureEndpoint?: boolean | undefined
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
   * @since 1.0.0
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
 * @example
 * ```ts
 * import { PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
 * import { PersonalizeClient } from "@effect-personalize/core"
 * import { PersonalizeAws } from "@effect-personalize/aws"
 * import { Layer } from "effect"
 *
 * // an SDK client that the program owns: the layer neither creates nor destroys it
 * const sdk = new SdkClient({ region: "eu-west-1", maxAttempts: 1 })
 * const Personalize = Layer.succeed(PersonalizeClient.PersonalizeClient, PersonalizeAws.make(sdk))
 * ```
 *
 * @since 1.0.0
 * @category constructors
 */
export const make: (client: SdkClient) => PersonalizeClient.PersonalizeClient.Service = (client) =>
  internal.make(client)

/**
 * A `PersonalizeClient` backed by a new SDK client, created when the layer is built and destroyed
 * (`client.destroy()`, which closes its sockets) when the layer's scope closes.
 *
 * Building the layer fails with a `ConfigError` (`InvalidData` at `endpoint`) when `endpoint` is not an absolute
 * `http(s)://` URL, or is plain `http://` to a host other than this machine without `allowInsecureEndpoint: true`.
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
 * @since 1.0.0
 * @category layers
 */
export const layer: (options: Options) => Layer.Layer<PersonalizeClient.PersonalizeClient, Config.ConfigError> =
  internal.layer

/**
 * The options as the standard AWS environment gives them:
 *
 * - `region`: `AWS_REGION`, else `AWS_DEFAULT_REGION` (one is required);
 * - `endpoint`: `AWS_ENDPOINT_URL_PERSONALIZE`, else `AWS_ENDPOINT_URL` (validated as URLs);
 * - `credentials`: `AWS_ACCESS_KEY_ID` with `AWS_SECRET_ACCESS_KEY` and the optional `AWS_SESSION_TOKEN`, the
 *   secrets read with `Config.Redacted`. When neither key is set, the SDK's default credential chain is used
 *   (profiles, SSO, container and instance roles); when only one is set, it is a `ConfigError`.
 *
 * `AWS_MAX_ATTEMPTS` is deliberately not read: the core owns retrying.
 *
 * @example
 * ```ts
 * import { PersonalizeAws } from "@effect-personalize/aws"
 * import { ConfigProvider, Effect } from "effect"
 *
 * const environment = ConfigProvider.fromUnknown({ AWS_REGION: "eu-west-1" })
 * const options = Effect.runSync(Effect.provideService(PersonalizeAws.config, ConfigProvider.ConfigProvider, environment))
 * assert.strictEqual(options.region, "eu-west-1")
 * ```
 *
 * @since 1.0.0
 * @category config
 */
export const config: Config.Config<Options> = internal.config

/**
 * `layer` with its options read from Effect `Config`, by default `config` (the standard AWS environment variables).
 * A missing or malformed value fails building the layer with the `ConfigError` in the error channel, before any
 * client exists, and so does an endpoint that `layer` refuses (plain `http://` off this machine). Pass another
 * `Config` to read other names or to add options, such as `allowInsecureEndpoint`.
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
 * // an emulator on another host of a trusted network, over plain HTTP
 * const TrustedNetwork = PersonalizeAws.layerConfig(
 *   Config.map(PersonalizeAws.config, (options) => ({ ...options, allowInsecureEndpoint: true }))
 * )
 *
 * const program = ListBatchSegmentJobs.list({}).pipe(Effect.provide(FromEnvironment))
 * ```
 *
 * @since 1.0.0
 * @category layers
 */
export const layerConfig: (
  options?: Config.Config<Options>
) => Layer.Layer<PersonalizeClient.PersonalizeClient, Config.ConfigError> = internal.layerConfig

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
 * @since 1.0.0
 * @category layers
 */
export const layerFromClient: (client: SdkClient) => Layer.Layer<PersonalizeClient.PersonalizeClient> =
  internal.layerFromClient

/**
 * A `PersonalizeClient` backed by a new SDK client whose HTTP requests go through the `HttpClient` of the context
 * (`FetchHttpClient.layer` of `effect/http`, `NodeHttpClient.layerUndici` of `@effect/platform-node`, or your own with
 * middleware), instead of the SDK's
 * Node.js handler. The SDK still serializes, resolves the endpoint and the credentials, and signs (SigV4); the
 * `HttpClient` only carries the bytes.
 *
 * - Interrupting a call aborts its HTTP request (the `HttpClient`'s fiber is interrupted), as over the SDK's handler.
 * - The `HttpClient`'s span (`POST`) is a child of the calling fiber's span (the core's
 *   `ListBatchSegmentJobs.page` or `.list`); the `x-amz-security-token` header is redacted in its attributes, as
 *   `authorization` already is.
 * - Failures become the same `PersonalizeError`s as over the SDK's handler. No response (`HttpClientError`
 *   `TransportError`) is a `TransportError` whose `reason` comes from the error under it (`ECONNREFUSED`:
 *   `ConnectionRefused`; `ECONNRESET`, undici's `UND_ERR_SOCKET`: `ConnectionReset`; `ENOTFOUND`: `DNS`; undici's
 *   timeouts, or an Effect `Cause.TimeoutError` from the client's middleware: `Timeout`). A response
 *   that middleware such as `HttpClient.filterStatusOk` turned into an error is read as the response it is.
 * - The `HttpClient`'s effects run with the context of the fiber that built the layer (its clock, tracer, logger).
 * - Options as for `layer`; `clientConfig.requestHandler` is replaced. Timeouts are the `HttpClient`'s: an
 *   `Effect.timeout` in its middleware, the dispatcher's, or the core's per-attempt timeout.
 *
 * @example
 * ```ts
 * import { ListBatchSegmentJobs } from "@effect-personalize/core"
 * import { PersonalizeAws } from "@effect-personalize/aws"
 * import { Effect, Layer, Redacted } from "effect"
 * import { FetchHttpClient } from "effect/http"
 *
 * const Personalize = PersonalizeAws.layerHttpClient({
 *   region: "us-east-1",
 *   endpoint: "http://127.0.0.1:4566",
 *   credentials: { accessKeyId: "test", secretAccessKey: Redacted.make("test") }
 * }).pipe(Layer.provide(FetchHttpClient.layer))
 *
 * const program = ListBatchSegmentJobs.list({ maxResults: 10 }).pipe(Effect.provide(Personalize))
 * ```
 *
 * @since 1.0.0
 * @category layers
 */
export const layerHttpClient: (
  options: Options
) => Layer.Layer<PersonalizeClient.PersonalizeClient, Config.ConfigError, HttpClient.HttpClient> =
  internalHttp.layerHttpClient

/**
 * `layerHttpClient` with its options read from Effect `Config`, by default `config` (the standard AWS environment
 * variables), as `layerConfig` reads them for `layer`.
 *
 * @example
 * ```ts
 * import { PersonalizeAws } from "@effect-personalize/aws"
 * import { Layer } from "effect"
 * import { FetchHttpClient } from "effect/http"
 *
 * // AWS_REGION, AWS_ENDPOINT_URL_PERSONALIZE, AWS_ACCESS_KEY_ID, ... over fetch
 * const Personalize = PersonalizeAws.layerHttpClientConfig().pipe(Layer.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 1.0.0
 * @category layers
 */
export const layerHttpClientConfig: (
  options?: Config.Config<Options>
) => Layer.Layer<PersonalizeClient.PersonalizeClient, Config.ConfigError, HttpClient.HttpClient> =
  internalHttp.layerHttpClientConfig
