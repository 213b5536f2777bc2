import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Config, ConfigProvider, Effect, Layer, Redacted } from "effect"
import { inspect } from "node:util"
import { accessKeyId, call, secretAccessKey, sessionToken } from "./utils/fixtures.js"
import * as TestServer from "./utils/TestServer.js"

const withEnv = (env: Record<string, string>) =>
  Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnvRecord(env))

const credentialOf = (request: TestServer.Received): string =>
  /Credential=([^,]+),/.exec(request.headers["authorization"] ?? "")?.[1] ?? ""

const configErrorOf = (env: Record<string, string>) =>
  Layer.build(PersonalizeAws.layerConfig()).pipe(Effect.scoped, withEnv(env), Effect.flip)

describe("PersonalizeAws.layerConfig", () => {
  it.effect("reads AWS_REGION, AWS_ENDPOINT_URL_PERSONALIZE and the static keys", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, { batchSegmentJobs: [] }))
      yield* call({}).pipe(
        Effect.provide(PersonalizeAws.layerConfig()),
        withEnv({
          AWS_REGION: "ap-southeast-2",
          AWS_ENDPOINT_URL_PERSONALIZE: server.endpoint,
          AWS_ACCESS_KEY_ID: accessKeyId,
          AWS_SECRET_ACCESS_KEY: secretAccessKey,
          AWS_SESSION_TOKEN: sessionToken
        })
      )
      const [request] = server.requests
      assert.match(credentialOf(request), new RegExp(`^${accessKeyId}/\\d{8}/ap-southeast-2/personalize/aws4_request$`))
      assert.strictEqual(request.headers["x-amz-security-token"], sessionToken)
      assert.strictEqual(request.headers["amz-sdk-request"], "attempt=1; max=1")
    }))

  it.effect("falls back to AWS_DEFAULT_REGION and AWS_ENDPOINT_URL", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, { batchSegmentJobs: [] }))
      const page = yield* ListBatchSegmentJobs.list({}).pipe(
        Effect.provide(PersonalizeAws.layerConfig()),
        withEnv({
          AWS_DEFAULT_REGION: "us-west-2",
          AWS_ENDPOINT_URL: server.endpoint,
          AWS_ACCESS_KEY_ID: accessKeyId,
          AWS_SECRET_ACCESS_KEY: secretAccessKey
        })
      )
      assert.deepStrictEqual(page.batchSegmentJobs, [])
      const [request] = server.requests
      assert.match(credentialOf(request), /\/us-west-2\/personalize\/aws4_request$/)
      assert.isUndefined(request.headers["x-amz-security-token"])
    }))

  it.effect("the service-specific endpoint and AWS_REGION win over the general ones", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, { batchSegmentJobs: [] }))
      const closed = yield* TestServer.closedPort
      yield* call({}).pipe(
        Effect.provide(PersonalizeAws.layerConfig()),
        withEnv({
          AWS_REGION: "eu-central-1",
          AWS_DEFAULT_REGION: "us-east-1",
          AWS_ENDPOINT_URL_PERSONALIZE: server.endpoint,
          AWS_ENDPOINT_URL: `http://127.0.0.1:${closed}`,
          AWS_ACCESS_KEY_ID: accessKeyId,
          AWS_SECRET_ACCESS_KEY: secretAccessKey
        })
      )
      assert.match(credentialOf(server.requests[0]), /\/eu-central-1\//)
    }))

  it.effect("the options: secrets are Redacted, no keys means the SDK's default chain", () =>
    Effect.gen(function*() {
      const withKeys = yield* PersonalizeAws.config.pipe(
        withEnv({
          AWS_REGION: "eu-west-1",
          AWS_ACCESS_KEY_ID: accessKeyId,
          AWS_SECRET_ACCESS_KEY: secretAccessKey,
          AWS_SESSION_TOKEN: sessionToken
        })
      )
      assert.strictEqual(withKeys.region, "eu-west-1")
      assert.isUndefined(withKeys.endpoint)
      assert.strictEqual(withKeys.credentials?.accessKeyId, accessKeyId)
      assert.isTrue(Redacted.isRedacted(withKeys.credentials?.secretAccessKey))
      assert.isTrue(Redacted.isRedacted(withKeys.credentials?.sessionToken))
      assert.strictEqual(Redacted.value(withKeys.credentials!.secretAccessKey), secretAccessKey)
      const printed = inspect(withKeys, { depth: Infinity }) + JSON.stringify(withKeys)
      assert.notInclude(printed, secretAccessKey)
      assert.notInclude(printed, sessionToken)

      const withoutKeys = yield* PersonalizeAws.config.pipe(withEnv({ AWS_REGION: "eu-west-1" }))
      assert.isUndefined(withoutKeys.credentials)
    }))

  it.effect("no region: ConfigError naming AWS_REGION, no client built", () =>
    Effect.gen(function*() {
      const error = yield* configErrorOf({ AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey })
      assert.instanceOf(error, Config.ConfigError)
      assert.include(String(error), "AWS_REGION")
    }))

  it.effect("an access key without its secret: ConfigError, not a silent fallback to the default chain", () =>
    Effect.gen(function*() {
      const error = yield* configErrorOf({ AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: accessKeyId })
      assert.instanceOf(error, Config.ConfigError)
      assert.include(String(error), "AWS_SECRET_ACCESS_KEY")
      const other = yield* configErrorOf({ AWS_REGION: "eu-west-1", AWS_SECRET_ACCESS_KEY: secretAccessKey })
      assert.include(String(other), "AWS_ACCESS_KEY_ID")
      assert.notInclude(String(other), secretAccessKey)
    }))

  it.effect("a malformed endpoint URL: ConfigError", () =>
    Effect.gen(function*() {
      const error = yield* configErrorOf({ AWS_REGION: "eu-west-1", AWS_ENDPOINT_URL_PERSONALIZE: "not a url" })
      assert.instanceOf(error, Config.ConfigError)
      assert.include(String(error), "AWS_ENDPOINT_URL_PERSONALIZE")
    }))

  it.effect("each ConfigError says what to set, in words a person can act on", () =>
    Effect.gen(function*() {
      const keys = { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey }
      const says = (env: Record<string, string>) => Effect.map(configErrorOf(env), String)
      assert.include(
        yield* says(keys),
        "Set AWS_REGION (or AWS_DEFAULT_REGION) to the region of Amazon Personalize, e.g. us-east-1"
      )
      for (const name of ["AWS_REGION", "AWS_DEFAULT_REGION"]) {
        const blank = yield* says({ ...keys, [name]: "  " })
        assert.include(blank, `${name} must not be empty`)
      }
      assert.include(
        yield* says({ AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: accessKeyId }),
        "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
      )
      assert.include(
        yield* says({ AWS_REGION: "eu-west-1", AWS_SECRET_ACCESS_KEY: secretAccessKey }),
        "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"
      )
      assert.include(
        yield* says({ AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: " ", AWS_SECRET_ACCESS_KEY: secretAccessKey }),
        "AWS_ACCESS_KEY_ID must not be empty"
      )
      for (const name of ["AWS_ENDPOINT_URL_PERSONALIZE", "AWS_ENDPOINT_URL"]) {
        assert.include(
          yield* says({ ...keys, AWS_REGION: "eu-west-1", [name]: "127.0.0.1:4566/x y" }),
          `${name} must be an absolute URL such as http://127.0.0.1:4566`
        )
        assert.include(yield* says({ ...keys, AWS_REGION: "eu-west-1", [name]: " " }), `${name} must not be empty`)
      }
    }))

  it.effect("AWS_DEFAULT_REGION alone is the region; AWS_REGION wins over it", () =>
    Effect.gen(function*() {
      const options = yield* PersonalizeAws.config.pipe(withEnv({ AWS_DEFAULT_REGION: "us-west-2" }))
      assert.strictEqual(options.region, "us-west-2")
      assert.isUndefined(options.credentials)
      const both = yield* PersonalizeAws.config.pipe(withEnv({ AWS_REGION: "eu-north-1", AWS_DEFAULT_REGION: "x" }))
      assert.strictEqual(both.region, "eu-north-1")
    }))

  it.effect("another Config can adjust the options (here: the SDK's own attempts)", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, { batchSegmentJobs: [] }))
      const layer = PersonalizeAws.layerConfig(
        Config.map(PersonalizeAws.config, (options) => ({ ...options, maxAttempts: 2 }))
      )
      yield* call({}).pipe(
        Effect.provide(layer),
        withEnv({
          AWS_REGION: "eu-west-1",
          AWS_ENDPOINT_URL: server.endpoint,
          AWS_ACCESS_KEY_ID: accessKeyId,
          AWS_SECRET_ACCESS_KEY: secretAccessKey
        })
      )
      assert.strictEqual(server.requests[0].headers["amz-sdk-request"], "attempt=1; max=2")
    }))
})
