import { PersonalizeAws } from "@effect-personalize/aws"
import type { PersonalizeError } from "@effect-personalize/core"
import { PersonalizeClient } from "@effect-personalize/core"
import { NodeHttpClient } from "@effect/platform-node"
import type { Config } from "effect"
import { Effect, Layer, Redacted } from "effect"
import { FetchHttpClient } from "effect/http"
import type { TestServer } from "./TestServer.js"

export const region = "eu-west-1"
export const accessKeyId = "AKIDEFFECTPERSONALIZE"
export const secretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY0001"
export const sessionToken = "FwoGZXIvYXdzSESSIONTOKEN0002/abcdefghijklmnop+qrstuvwxyz=="

export const credentials: PersonalizeAws.Credentials = {
  accessKeyId,
  secretAccessKey: Redacted.make(secretAccessKey),
  sessionToken: Redacted.make(sessionToken)
}

/** A way for the SDK client to send its requests: the layer of the port for the given options. */
export interface Transport {
  readonly name: string
  readonly layer: (
    options: PersonalizeAws.Options
  ) => Layer.Layer<PersonalizeClient.PersonalizeClient, Config.ConfigError>
}

export const sdkHandler: Transport = { name: "sdk handler", layer: PersonalizeAws.layer }

export const httpClientUndici: Transport = {
  name: "HttpClient (undici)",
  layer: (options) => PersonalizeAws.layerHttpClient(options).pipe(Layer.provide(NodeHttpClient.layerUndici))
}

export const httpClientFetch: Transport = {
  name: "HttpClient (fetch)",
  layer: (options) => PersonalizeAws.layerHttpClient(options).pipe(Layer.provide(FetchHttpClient.layer))
}

/** The two transports every behaviour is shown over. */
export const transports: ReadonlyArray<Transport> = [sdkHandler, httpClientUndici]

/** The layer of a transport pointed at a test server (on loopback: building it cannot fail). */
export const layerFor = (
  server: Pick<TestServer, "endpoint">,
  options: Partial<PersonalizeAws.Options> = {},
  transport: Transport = sdkHandler
): Layer.Layer<PersonalizeClient.PersonalizeClient> =>
  Layer.orDie(transport.layer({ region, endpoint: server.endpoint, credentials, ...options }))

/** One call through the port. */
export const call = (
  request: PersonalizeClient.WireRequest = {}
): Effect.Effect<
  PersonalizeClient.RawResponse,
  PersonalizeError.PersonalizeError,
  PersonalizeClient.PersonalizeClient
> =>
  Effect.flatMap(Effect.service(PersonalizeClient.PersonalizeClient), (client) => client.listBatchSegmentJobs(request))
