import { PersonalizeAws } from "@effect-personalize/aws"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { call, region } from "./utils/fixtures.js"
import * as TestServer from "./utils/TestServer.js"

/** Every variable through which the SDK's default chain could find credentials outside the test's files. */
const credentialVariables = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_CONFIG_FILE",
  "AWS_EC2_METADATA_DISABLED"
]

/**
 * For the test's scope: shared files in a fresh temporary directory (a credentials file with the given text and an
 * empty config file), no credentials in the environment, no instance metadata service; all restored afterwards.
 */
const sharedFiles = (credentials: string, env: Record<string, string> = {}) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const saved = new Map(credentialVariables.map((name) => [name, process.env[name]]))
      const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "effect-personalize-aws-"))
      Fs.writeFileSync(Path.join(dir, "credentials"), credentials)
      Fs.writeFileSync(Path.join(dir, "config"), "")
      for (const name of credentialVariables) delete process.env[name]
      Object.assign(process.env, {
        AWS_SHARED_CREDENTIALS_FILE: Path.join(dir, "credentials"),
        AWS_CONFIG_FILE: Path.join(dir, "config"),
        AWS_EC2_METADATA_DISABLED: "true",
        ...env
      })
      return { dir, saved }
    }),
    ({ dir, saved }) =>
      Effect.sync(() => {
        for (const [name, value] of saved) {
          if (value === undefined) delete process.env[name]
          else process.env[name] = value
        }
        Fs.rmSync(dir, { recursive: true, force: true })
      })
  )

const profiles = [
  "[default]",
  "aws_access_key_id = AKIDDEFAULTPROFILE",
  "aws_secret_access_key = default-secret",
  "",
  "[analytics]",
  "aws_access_key_id = AKIDANALYTICSPROFILE",
  "aws_secret_access_key = analytics-secret",
  ""
].join("\n")

/** The access key id that signed a request. */
const signedWith = (request: TestServer.Received): string | undefined =>
  /Credential=([^/]+)\//.exec(request.headers["authorization"] ?? "")?.[1]

const emptyPage = TestServer.respond(200, { batchSegmentJobs: [] })

describe("profile", () => {
  it.effect("the credentials of the named profile sign the request; without it, those of the default profile", () =>
    Effect.gen(function*() {
      yield* sharedFiles(profiles)
      const server = yield* TestServer.make(emptyPage)
      yield* call({}).pipe(Effect.provide(PersonalizeAws.layer({ region, endpoint: server.endpoint })))
      yield* call({}).pipe(
        Effect.provide(PersonalizeAws.layer({ region, endpoint: server.endpoint, profile: "analytics" }))
      )
      assert.deepStrictEqual(server.requests.map(signedWith), ["AKIDDEFAULTPROFILE", "AKIDANALYTICSPROFILE"])
    }))

  it.effect("the option wins over AWS_PROFILE, and leaves AWS_PROFILE as it was", () =>
    Effect.gen(function*() {
      yield* sharedFiles(profiles, { AWS_PROFILE: "default" })
      const server = yield* TestServer.make(emptyPage)
      yield* call({}).pipe(
        Effect.provide(PersonalizeAws.layer({ region, endpoint: server.endpoint, profile: "analytics" }))
      )
      assert.strictEqual(signedWith(server.requests[0]), "AKIDANALYTICSPROFILE")
      assert.strictEqual(process.env.AWS_PROFILE, "default")
    }))

  it.effect("static credentials win over the profile", () =>
    Effect.gen(function*() {
      yield* sharedFiles(profiles)
      const server = yield* TestServer.make(emptyPage)
      yield* call({}).pipe(
        Effect.provide(PersonalizeAws.layer({
          region,
          endpoint: server.endpoint,
          profile: "analytics",
          credentials: { accessKeyId: "AKIDSTATIC", secretAccessKey: Redacted.make("static-secret") }
        }))
      )
      assert.strictEqual(signedWith(server.requests[0]), "AKIDSTATIC")
    }))

  it.effect("a profile that does not exist: AccessDeniedException, origin client, nothing sent", () =>
    Effect.gen(function*() {
      yield* sharedFiles(profiles)
      const server = yield* TestServer.make(emptyPage)
      const error = yield* call({}).pipe(
        Effect.provide(PersonalizeAws.layer({ region, endpoint: server.endpoint, profile: "nobody" })),
        Effect.flip
      )
      assert.strictEqual(error._tag, "AccessDeniedException", error.message)
      if (error._tag === "AccessDeniedException") {
        assert.strictEqual(error.origin, "client")
        assert.strictEqual(error.code, "CredentialsProviderError")
      }
      assert.include(error.message, "Nothing was sent")
      assert.strictEqual(server.requests.length, 0)
    }))
})

describe("no credentials anywhere", () => {
  it.effect("the SDK's default chain finds nothing: AccessDeniedException, origin client, nothing sent", () =>
    Effect.gen(function*() {
      yield* sharedFiles("")
      const server = yield* TestServer.make(emptyPage)
      const error = yield* call({}).pipe(
        Effect.provide(PersonalizeAws.layer({ region, endpoint: server.endpoint })),
        Effect.flip
      )
      assert.strictEqual(error._tag, "AccessDeniedException", error.message)
      if (error._tag === "AccessDeniedException") {
        assert.strictEqual(error.origin, "client")
        assert.strictEqual(error.code, "CredentialsProviderError")
        assert.isUndefined(error.status)
      }
      assert.include(error.message, "No AWS credentials could be loaded")
      assert.include(error.message, "Nothing was sent to Amazon Personalize")
      assert.notInclude(error.message, "Access denied by Amazon Personalize")
      assert.strictEqual(server.requests.length, 0)
    }))
})
