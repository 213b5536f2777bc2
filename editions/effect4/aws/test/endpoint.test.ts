import { PersonalizeAws } from "@effect-personalize/aws"
import type { PersonalizeClient } from "@effect-personalize/core"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Config, ConfigProvider, Effect, Exit, Layer, Result } from "effect"
import type { Transport } from "./utils/fixtures.js"
import { accessKeyId, call, credentials, region, secretAccessKey, transports } from "./utils/fixtures.js"
import * as TestServer from "./utils/TestServer.js"

const withEnv = (env: Record<string, string>) =>
  Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnvRecord(env))

/** Every layer constructor that takes an endpoint, as a function of the endpoint options. */
const constructors: ReadonlyArray<{
  readonly name: string
  readonly layer: (
    options: { readonly endpoint: string; readonly allowInsecureEndpoint?: boolean }
  ) => Layer.Layer<PersonalizeClient.PersonalizeClient, Config.ConfigError>
}> = [
  { name: "layer", layer: (options) => PersonalizeAws.layer({ region, credentials, ...options }) },
  {
    name: "layerHttpClient",
    layer: (options) =>
      PersonalizeAws.layerHttpClient({ region, credentials, ...options }).pipe(
        Layer.provide(NodeHttpClient.layerUndici)
      )
  },
  {
    name: "layerConfig",
    layer: ({ allowInsecureEndpoint, endpoint }) =>
      PersonalizeAws.layerConfig(
        allowInsecureEndpoint === true
          ? PersonalizeAws.config.pipe(Config.map((options) => ({ ...options, allowInsecureEndpoint })))
          : undefined
      ).pipe(Layer.provide(ConfigProvider.layer(environment(endpoint))))
  },
  {
    name: "layerHttpClientConfig",
    layer: ({ allowInsecureEndpoint, endpoint }) =>
      PersonalizeAws.layerHttpClientConfig(
        allowInsecureEndpoint === true
          ? PersonalizeAws.config.pipe(Config.map((options) => ({ ...options, allowInsecureEndpoint })))
          : undefined
      ).pipe(
        Layer.provide(NodeHttpClient.layerUndici),
        Layer.provide(ConfigProvider.layer(environment(endpoint)))
      )
  }
]

function environment(endpoint: string) {
  return ConfigProvider.fromEnvRecord({
    AWS_REGION: region,
    AWS_ENDPOINT_URL_PERSONALIZE: endpoint,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey
  })
}

const build = (layer: Layer.Layer<PersonalizeClient.PersonalizeClient, Config.ConfigError>) =>
  Effect.exit(Effect.scoped(Layer.build(layer)))

// On Linux (and macOS), a connection to 0.0.0.0 reaches this machine: a host that is not loopback by name, where the
// test server still answers. So a request that the check lets through really arrives.
const notLoopback = (server: TestServer.TestServer) => `http://0.0.0.0:${server.port}`

describe.each(constructors)("endpoint safety: PersonalizeAws.$name", ({ layer }) => {
  it.effect("plain http:// to another host is refused when the layer is built: a ConfigError naming the opt-in", () =>
    Effect.gen(function*() {
      const exit = yield* build(layer({ endpoint: "http://personalize.internal.example:4566" }))
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isSuccess(exit)) return
      const found = Cause.findError(exit.cause)
      const error = Result.isSuccess(found) ? found.success : undefined
      assert.instanceOf(error, Config.ConfigError, String(exit.cause))
      if (error === undefined) return
      assert.include(error.message, "endpoint")
      assert.include(error.message, "http://personalize.internal.example:4566")
      assert.include(error.message, "unencrypted")
      assert.include(error.message, "https://")
      assert.include(error.message, "allowInsecureEndpoint: true")
    }))

  it.effect("the refused endpoint is never contacted", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, { batchSegmentJobs: [] }))
      const exit = yield* call({}).pipe(Effect.provide(layer({ endpoint: notLoopback(server) })), Effect.exit)
      assert.isTrue(Exit.isFailure(exit))
      assert.strictEqual(server.requests.length, 0)
    }))

  it.effect("with allowInsecureEndpoint: true the same endpoint is used", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, { batchSegmentJobs: [] }))
      yield* call({}).pipe(
        Effect.provide(Layer.orDie(layer({ endpoint: notLoopback(server), allowInsecureEndpoint: true })))
      )
      assert.strictEqual(server.requests.length, 1)
    }))

  it.effect("loopback over http:// and any host over https:// are accepted", () =>
    Effect.gen(function*() {
      for (
        const endpoint of [
          "http://127.0.0.1:4566",
          "http://127.8.9.10:4566",
          "http://127.1:4566",
          "http://localhost:4566",
          "http://LOCALHOST:4566/",
          "http://[::1]:4566",
          "https://personalize.us-east-1.amazonaws.com",
          "https://personalize.internal.example:8443"
        ]
      ) {
        const exit = yield* build(layer({ endpoint }))
        assert.isTrue(Exit.isSuccess(exit), `${endpoint}: ${Exit.isFailure(exit) ? String(exit.cause) : ""}`)
      }
    }))
})

describe("endpoint safety: what is not an endpoint", () => {
  for (
    const [endpoint, expected] of [
      [
        "127.0.0.1:4566",
        "\"127.0.0.1:4566\" is not an absolute URL; use e.g. https://personalize.us-east-1.amazonaws.com or http://127.0.0.1:4566"
      ],
      ["localhost:4566", "not an http:// or https:// URL"],
      ["ftp://personalize.example", "not an http:// or https:// URL"]
    ] as const
  ) {
    it.effect(`${endpoint}: ConfigError at endpoint`, () =>
      Effect.gen(function*() {
        const error = yield* Layer.build(PersonalizeAws.layer({ region, endpoint })).pipe(Effect.scoped, Effect.flip)
        assert.instanceOf(error, Config.ConfigError)
        assert.include(String(error), expected)
        assert.include(String(error), "endpoint")
      }))
  }

  it.effect("layerConfig refuses it before any other check is needed, with the ConfigError of the layer", () =>
    Effect.gen(function*() {
      const error = yield* Layer.build(PersonalizeAws.layerConfig()).pipe(
        Effect.scoped,
        withEnv({ AWS_REGION: region, AWS_ENDPOINT_URL: "http://10.1.2.3:4566" }),
        Effect.flip
      )
      assert.include(String(error), "allowInsecureEndpoint: true")
    }))
})

/**
 * Without an `endpoint` option, the SDK reads `AWS_ENDPOINT_URL_PERSONALIZE` itself, at the first request: the layer
 * cannot see it when it is built, the request can.
 */
const endpointVariables = ["AWS_ENDPOINT_URL_PERSONALIZE", "AWS_ENDPOINT_URL", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]
const sdkEnvironment = (endpoint: string) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const saved = new Map(endpointVariables.map((name) => [name, process.env[name]]))
      for (const name of endpointVariables) delete process.env[name]
      process.env.AWS_ENDPOINT_URL_PERSONALIZE = endpoint
      return saved
    }),
    (saved) =>
      Effect.sync(() => {
        for (const [name, value] of saved) {
          if (value === undefined) delete process.env[name]
          else process.env[name] = value
        }
      })
  )

describe.each(transports)(
  "endpoint safety of an endpoint the SDK finds itself, over the $name",
  (transport: Transport) => {
    it.effect("an insecure one fails the call with InvalidInputException at endpoint; nothing is sent", () =>
      Effect.gen(function*() {
        const server = yield* TestServer.make(TestServer.respond(200, { batchSegmentJobs: [] }))
        yield* sdkEnvironment(notLoopback(server))
        const error = yield* call({}).pipe(
          Effect.provide(Layer.orDie(transport.layer({ region, credentials }))),
          Effect.flip
        )
        assert.strictEqual(error._tag, "InvalidInputException")
        if (error._tag !== "InvalidInputException") return
        assert.strictEqual(error.origin, "client")
        assert.strictEqual(error.field, "endpoint")
        assert.include(error.message, "AWS_ENDPOINT_URL_PERSONALIZE")
        assert.include(error.message, "allowInsecureEndpoint: true")
        assert.include(error.message, `http://0.0.0.0:${server.port} is plain http://`)
        assert.strictEqual(server.requests.length, 0)
      }))

    it.effect("IPv6 loopback ([::1]) is this machine: let through (here to a closed port)", () =>
      Effect.gen(function*() {
        const closed = yield* TestServer.closedPort
        yield* sdkEnvironment(`http://[::1]:${closed}`)
        const error = yield* call({}).pipe(
          Effect.provide(Layer.orDie(transport.layer({ region, credentials }))),
          Effect.flip
        )
        assert.strictEqual(error._tag, "TransportError", error.message)
      }))

    it.effect("with allowInsecureEndpoint: true it is used; a loopback one always is", () =>
      Effect.gen(function*() {
        const server = yield* TestServer.make(TestServer.respond(200, { batchSegmentJobs: [] }))
        yield* sdkEnvironment(notLoopback(server))
        yield* call({}).pipe(
          Effect.provide(Layer.orDie(transport.layer({ region, credentials, allowInsecureEndpoint: true })))
        )
        assert.strictEqual(server.requests.length, 1)
        process.env.AWS_ENDPOINT_URL_PERSONALIZE = server.endpoint
        yield* call({}).pipe(Effect.provide(Layer.orDie(transport.layer({ region, credentials }))))
        assert.strictEqual(server.requests.length, 2)
      }))
  }
)
