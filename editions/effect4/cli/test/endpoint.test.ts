import { PersonalizeError } from "@effect-personalize/core"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Effect, Exit, Layer, Option } from "effect"
import { Cli, Connection, ExitCode, Output } from "../src/index.js"
import { awsOptions } from "../src/internal/source.js"

// Addresses of the documentation range (RFC 5737): never routed. Nothing here builds more than the layer, which
// sends nothing; the refusal is checked before any client exists.
const insecure = "http://192.0.2.10:4566"

const environment = ConfigProvider.fromEnvRecord({
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "AKIAENVIRONMENT00001",
  AWS_SECRET_ACCESS_KEY: "s"
})

const connection = (endpoint: string, allowInsecureEndpoint: boolean): Connection.Connection => ({
  region: Option.none(),
  endpoint: Option.some(endpoint),
  profile: Option.none(),
  emulator: false,
  allowInsecureEndpoint
})

describe("endpoint safety", () => {
  const refusal = (args: ReadonlyArray<string>) =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Cli.run(["node", "personalize-jobs", ...args]))
      return { code: Cli.exitCode(exit), stderr: yield* (yield* Output.Capture).stderr }
    }).pipe(
      Effect.provideService(
        ConfigProvider.ConfigProvider,
        ConfigProvider.fromEnvRecord({ AWS_ENDPOINT_URL: insecure }).pipe(ConfigProvider.orElse(environment))
      ),
      Effect.provide(Layer.merge(Output.layerTest(), NodeServices.layer))
    )

  it.effect("plain http:// off this machine (--endpoint or the environment's): exit code 2, one line, the flag", () =>
    Effect.gen(function*() {
      for (const args of [["list", "--endpoint", insecure], ["list"], ["watch", "--once", "--endpoint", insecure]]) {
        const { code, stderr } = yield* refusal(args)
        assert.strictEqual(code, 2, args.join(" "))
        assert.include(
          stderr,
          "Error: Refusing the endpoint (--endpoint, AWS_ENDPOINT_URL_PERSONALIZE or AWS_ENDPOINT_URL)"
        )
        assert.include(stderr, "http://192.0.2.10:4566 is plain http://")
        assert.include(stderr, "pass --allow-insecure-endpoint")
        assert.include(stderr, "Nothing was sent.")
        assert.notInclude(stderr, "allowInsecureEndpoint")
        assert.strictEqual(stderr.split("\n").length, 2, stderr)
      }
    }))

  it.effect("--allow-insecure-endpoint: the AWS layer's allowInsecureEndpoint, and the layer builds", () =>
    Effect.gen(function*() {
      assert.isTrue((yield* awsOptions(connection(insecure, true))).allowInsecureEndpoint)
      assert.isUndefined((yield* awsOptions(connection(insecure, false))).allowInsecureEndpoint)
      const allowed = yield* Effect.exit(
        Effect.scoped(Layer.build(Connection.layer(connection(insecure, true), "list")))
      )
      assert.isTrue(Exit.isSuccess(allowed))
      const refused = yield* Effect.exit(
        Effect.scoped(Layer.build(Connection.layer(connection(insecure, false), "list")))
      )
      assert.isTrue(Exit.isFailure(refused))
      // this machine needs no flag
      const local = yield* Effect.exit(
        Effect.scoped(Layer.build(Connection.layer(connection("http://127.0.0.1:4566", false), "list")))
      )
      assert.isTrue(Exit.isSuccess(local))
    }).pipe(Effect.provideService(ConfigProvider.ConfigProvider, environment), Effect.provide(Output.layerTest())))

  it.effect("an insecure endpoint that the SDK found by itself (shared config file): exit code 2, the flag named", () =>
    Effect.sync(() => {
      const error = new PersonalizeError.InvalidInputException({
        origin: "client",
        field: "endpoint",
        detail: "nothing was sent: the endpoint that the AWS SDK resolved (from AWS_ENDPOINT_URL_PERSONALIZE, " +
          "AWS_ENDPOINT_URL or the shared config file's endpoint_url), http://192.0.2.10:4566 is plain http:// to a " +
          "host that is not this machine: ... Use https://, or, for a network you trust (an emulator on another " +
          "host), set the option allowInsecureEndpoint: true"
      })
      assert.strictEqual(ExitCode.fromError(error), 2)
      const line = ExitCode.message(error)
      assert.match(line, /^Refusing the endpoint: nothing was sent: /)
      assert.include(line, "pass --allow-insecure-endpoint.")
      assert.notInclude(line, "allowInsecureEndpoint")
    }))
})
