/** @internal */
import type { PersonalizeClientConfig } from "@aws-sdk/client-personalize"
import { ListBatchSegmentJobsCommand, PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import * as PersonalizeClient from "@effect-personalize/core/PersonalizeClient"
import type * as PersonalizeError from "@effect-personalize/core/PersonalizeError"
import type { Redact } from "@effect-personalize/protocol/Redact"
import { makeRedact } from "@effect-personalize/protocol/Redact"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type { Credentials, Options } from "../PersonalizeAws.js"
import * as Endpoint from "./endpoint.js"
import { fromSdkError } from "./errors.js"

/** @internal */
export type ClientConfig = Omit<PersonalizeClientConfig, "region" | "endpoint" | "maxAttempts">

/** @internal */
export interface MakeOptions {
  /** Where requests go when the request itself does not say (used in `TransportError`). */
  readonly endpoint?: string | undefined
  /** Values that must never appear in an error: secret keys, session tokens. */
  readonly secrets?: ReadonlyArray<string> | undefined
  /** Runs on the calling fiber before each call, with the call's signal (the HttpClient transport reads the span). */
  readonly onCall?: ((signal: AbortSignal) => Effect.Effect<void>) | undefined
}

const describeRequest = (request: unknown): string | undefined => {
  if (!Predicate.hasProperty(request, "hostname") || typeof request.hostname !== "string") return undefined
  const protocol = Predicate.hasProperty(request, "protocol") && typeof request.protocol === "string"
    ? request.protocol
    : "https:"
  const port = Predicate.hasProperty(request, "port") && typeof request.port === "number" ? `:${request.port}` : ""
  const path = Predicate.hasProperty(request, "path") && typeof request.path === "string" ? request.path : "/"
  return `${protocol}//${request.hostname}${port}${path}`
}

const send = (
  client: SdkClient,
  request: PersonalizeClient.WireRequest,
  signal: AbortSignal,
  fallbackEndpoint: string | undefined,
  redact: Redact
): Effect.Effect<PersonalizeClient.RawResponse, PersonalizeError.PersonalizeError> =>
  Effect.suspend(() => {
    let endpoint = fallbackEndpoint
    let started = false
    let sent = false
    const command = new ListBatchSegmentJobsCommand(request)
    // The SDK's handling has begun: the credential chain runs after this (its identity is resolved while the request
    // is serialized), and may fail with another service's error (STS, SSO).
    command.middlewareStack.add(
      (next) => (args) => {
        started = true
        return next(args)
      },
      { step: "initialize", name: "effectPersonalizeStartedMiddleware", priority: "high" }
    )
    // The innermost step, right before the HTTP handler: the signed request goes out. Records where it really goes
    // (after endpoint resolution), for `TransportError`.
    command.middlewareStack.add(
      (next) => (args) => {
        sent = true
        endpoint = describeRequest(args.request) ?? endpoint
        return next(args)
      },
      { step: "deserialize", name: "effectPersonalizeSentMiddleware", priority: "low" }
    )
    return Effect.tryPromise({
      // `PersonalizeClient.make` aborts the signal when the calling fiber is interrupted.
      try: () => client.send(command, { abortSignal: signal }),
      catch: (error) => fromSdkError(error, { endpoint, redact, nothingSent: started && !sent })
    }).pipe(
      Effect.map(({ $metadata, ...body }): PersonalizeClient.RawResponse => ({
        body,
        requestId: $metadata.requestId === "" ? undefined : $metadata.requestId
      }))
    )
  })

const staticSecrets = (credentials: unknown): Array<string> => {
  const out: Array<string> = []
  if (Predicate.hasProperty(credentials, "secretAccessKey") && typeof credentials.secretAccessKey === "string") {
    out.push(credentials.secretAccessKey)
  }
  if (Predicate.hasProperty(credentials, "sessionToken") && typeof credentials.sessionToken === "string") {
    out.push(credentials.sessionToken)
  }
  return out
}

/** @internal */
export const make = (client: SdkClient, options?: MakeOptions): PersonalizeClient.PersonalizeClient.Service => {
  // A client built with static credentials keeps them in `initConfig` (its `config` only has a provider).
  const initial = Predicate.hasProperty(client.initConfig, "credentials") ? client.initConfig.credentials : undefined
  const redact = makeRedact([...(options?.secrets ?? []), ...staticSecrets(initial)])
  const endpoint = options?.endpoint
  const onCall = options?.onCall
  return PersonalizeClient.make((request, signal) =>
    onCall === undefined
      ? send(client, request, signal, endpoint, redact)
      : Effect.zipRight(onCall(signal), send(client, request, signal, endpoint, redact))
  )
}

/** @internal */
export const defaultEndpoint = (region: string): string => `https://personalize.${region}.amazonaws.com/`

/** @internal */
export const sdkConfig = (options: Options): PersonalizeClientConfig => {
  const config: PersonalizeClientConfig = {
    ...options.clientConfig,
    region: options.region,
    maxAttempts: options.maxAttempts ?? 1
  }
  if (options.endpoint !== undefined) config.endpoint = options.endpoint
  if (options.profile !== undefined) config.profile = options.profile
  if (options.credentials !== undefined) {
    const { accessKeyId, secretAccessKey, sessionToken } = options.credentials
    config.credentials = sessionToken === undefined
      ? { accessKeyId, secretAccessKey: Redacted.value(secretAccessKey) }
      : { accessKeyId, secretAccessKey: Redacted.value(secretAccessKey), sessionToken: Redacted.value(sessionToken) }
  }
  return config
}

/** @internal */
export const secretsOf = (options: Options): Array<string> => {
  const out = staticSecrets(options.clientConfig?.credentials)
  if (options.credentials !== undefined) {
    out.push(Redacted.value(options.credentials.secretAccessKey))
    if (options.credentials.sessionToken !== undefined) out.push(Redacted.value(options.credentials.sessionToken))
  }
  return out
}

/**
 * A new SDK client for a layer: its endpoint checked first (a refused one fails the layer before any client
 * exists), guarded against an insecure endpoint that the SDK finds by itself, destroyed with the layer's scope.
 *
 * @internal
 */
export const acquireClient = (
  options: Options,
  config: PersonalizeClientConfig = sdkConfig(options)
): Effect.Effect<SdkClient, ConfigError.ConfigError, Scope.Scope> =>
  Effect.zipRight(
    Endpoint.check(options),
    Effect.acquireRelease(
      Effect.sync(() => {
        const client = new SdkClient(config)
        if (options.allowInsecureEndpoint !== true) Endpoint.guard(client)
        return client
      }),
      (client) => Effect.sync(() => client.destroy())
    )
  )

/** @internal */
export const layer = (options: Options): Layer.Layer<PersonalizeClient.PersonalizeClient, ConfigError.ConfigError> =>
  Layer.scoped(
    PersonalizeClient.PersonalizeClient,
    Effect.map(acquireClient(options), (client) =>
      make(client, {
        endpoint: options.endpoint ?? defaultEndpoint(options.region),
        secrets: secretsOf(options)
      }))
  )

/** @internal */
export const layerFromClient = (client: SdkClient): Layer.Layer<PersonalizeClient.PersonalizeClient> =>
  Layer.sync(PersonalizeClient.PersonalizeClient, () => make(client))

const nonEmpty = (name: string): Config.Config<string> =>
  Config.string(name).pipe(
    Config.validate({ message: `${name} must not be empty`, validation: (s) => s.trim().length > 0 })
  )

const endpointConfig = (name: string): Config.Config<string> =>
  nonEmpty(name).pipe(
    Config.validate({
      message: `${name} must be an absolute URL such as http://127.0.0.1:4566`,
      validation: (s) => URL.canParse(s)
    })
  )

const credentialsConfig: Config.Config<Credentials | undefined> = Config.all({
  accessKeyId: Config.option(nonEmpty("AWS_ACCESS_KEY_ID")),
  secretAccessKey: Config.option(Config.redacted("AWS_SECRET_ACCESS_KEY")),
  sessionToken: Config.option(Config.redacted("AWS_SESSION_TOKEN"))
}).pipe(
  Config.mapOrFail(({ accessKeyId, secretAccessKey, sessionToken }) => {
    if (Option.isNone(accessKeyId) && Option.isNone(secretAccessKey)) return Either.right(undefined)
    if (Option.isNone(accessKeyId)) {
      return Either.left(
        ConfigError.MissingData(["AWS_ACCESS_KEY_ID"], "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
      )
    }
    if (Option.isNone(secretAccessKey)) {
      return Either.left(
        ConfigError.MissingData(["AWS_SECRET_ACCESS_KEY"], "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
      )
    }
    return Either.right({
      accessKeyId: accessKeyId.value,
      secretAccessKey: secretAccessKey.value,
      sessionToken: Option.getOrUndefined(sessionToken)
    })
  })
)

const regionConfig: Config.Config<string> = Config.all([
  Config.option(nonEmpty("AWS_REGION")),
  Config.option(nonEmpty("AWS_DEFAULT_REGION"))
]).pipe(
  Config.mapOrFail(([region, defaultRegion]) =>
    Option.orElse(region, () => defaultRegion).pipe(
      Either.fromOption(() =>
        ConfigError.MissingData(
          ["AWS_REGION"],
          "Set AWS_REGION (or AWS_DEFAULT_REGION) to the region of Amazon Personalize, e.g. us-east-1"
        )
      )
    )
  )
)

// Both are read (and validated) so that a malformed service-specific URL is reported, not silently replaced.
const endpointOption: Config.Config<string | undefined> = Config.all([
  Config.option(endpointConfig("AWS_ENDPOINT_URL_PERSONALIZE")),
  Config.option(endpointConfig("AWS_ENDPOINT_URL"))
]).pipe(Config.map(([service, global]) => Option.getOrUndefined(Option.orElse(service, () => global))))

/** @internal */
export const config: Config.Config<Options> = Config.all({
  region: regionConfig,
  endpoint: endpointOption,
  credentials: credentialsConfig
})

/** @internal */
export const layerConfig = (
  options: Config.Config<Options> = config
): Layer.Layer<PersonalizeClient.PersonalizeClient, ConfigError.ConfigError> =>
  Layer.unwrapEffect(Effect.map(options, layer))
