// The module is internal; `awsOptions` is not marked so because the tests call it.
import * as PersonalizeAws from "@effect-personalize/aws/PersonalizeAws"
import type { PersonalizeClient } from "@effect-personalize/core/PersonalizeClient"
import { AccessDeniedException } from "@effect-personalize/core/PersonalizeError"
import * as CliDemo from "@effect-personalize/protocol/CliDemo"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import type { CliError } from "../CliError.js"
import { EmulatorError, UsageError } from "../CliError.js"
import type { Connection, Purpose } from "../Connection.js"
import { Output } from "../Output.js"

/** @internal */
export const emulatorLayer = (
  purpose: Purpose,
  ignored: ReadonlyArray<string> = []
): Layer.Layer<PersonalizeClient, CliError, Output> =>
  Layer.unwrapEffect(Effect.gen(function*() {
    // Loaded only when asked for: a listing against AWS never pays for the emulator's code.
    const PersonalizeEmulator = yield* Effect.promise(() => import("@effect-personalize/emulator/PersonalizeEmulator"))
    const server = PersonalizeEmulator.layerServer({
      host: "127.0.0.1",
      port: 0,
      generate: CliDemo.generate,
      lifecycle: CliDemo.lifecycle,
      // the same key on every run, as the data is the same (CliDemo.tokenSecret)
      tokenSecret: CliDemo.tokenSecret
    }).pipe(Layer.mapError((cause) => new EmulatorError({ detail: cause.message, cause })))
    return Layer.flatMap(server, (context) => {
      const { url } = Context.get(context, PersonalizeEmulator.EmulatorServer)
      const emulator = Context.get(context, PersonalizeEmulator.Emulator)
      const announce = Layer.effectDiscard(
        Effect.flatMap(Output, (output) => output.stderr(CliDemo.announcement(url, ignored)))
      )
      const activity = purpose === "watch"
        ? Layer.scopedDiscard(Effect.forkScoped(
          emulator.createJob().pipe(
            Effect.repeat(Schedule.spaced(CliDemo.newJobEvery)),
            Effect.delay(CliDemo.newJobEvery)
          )
        ))
        : Layer.empty
      const client = PersonalizeAws.layer({
        region: CliDemo.region,
        endpoint: url,
        credentials: PersonalizeEmulator.testCredentials
      })
      return Layer.mergeAll(client, announce, activity)
    })
  }))

/**
 * A region as the AWS SDK accepts it, a host name label: it becomes part of the endpoint's host name (the SDK
 * refuses anything else only when it first resolves the endpoint, while loading credentials).
 */
const isRegion = (region: string): boolean => /^(?!-)[a-zA-Z0-9-]{1,63}$/.test(region) && !region.endsWith("-")

/**
 * The options of the AWS SDK client: the standard AWS environment with the command line's flags on top
 * (`--allow-insecure-endpoint` is the layer's `allowInsecureEndpoint`). A named
 * profile is the client's own `profile` option: the SDK's default credential chain of that client then reads that
 * profile instead of the environment's access keys, and the process environment is left as it is.
 */
export const awsOptions = (
  connection: Connection
): Effect.Effect<PersonalizeAws.Options, ConfigError.ConfigError | UsageError> =>
  Effect.gen(function*() {
    const flags = new Map<string, string>()
    if (Option.isSome(connection.region)) flags.set("AWS_REGION", connection.region.value)
    if (Option.isSome(connection.endpoint)) flags.set("AWS_ENDPOINT_URL_PERSONALIZE", connection.endpoint.value)
    const options = yield* Effect.configProviderWith((current) =>
      Effect.withConfigProvider(
        PersonalizeAws.config,
        ConfigProvider.orElse(ConfigProvider.fromMap(flags), () => current)
      )
    )
    if (!isRegion(options.region)) {
      return yield* new UsageError({
        detail:
          `Invalid ${
            Option.isSome(connection.region) ? "--region" : "region in AWS_REGION or AWS_DEFAULT_REGION"
          } '${options.region}': expected a region name such as us-east-1 (letters, digits and '-', at most 63). ` +
          "Nothing was sent."
      })
    }
    const allowed: PersonalizeAws.Options = connection.allowInsecureEndpoint
      ? { ...options, allowInsecureEndpoint: true }
      : options
    return Option.match(connection.profile, {
      onNone: () => allowed,
      onSome: (profile): PersonalizeAws.Options => ({
        ...allowed,
        // the profile's credentials, not the ones of the environment
        credentials: undefined,
        profile
      })
    })
  })

/** The names of the profiles of an AWS config or credentials file's text (`[name]`, `[profile name]`). @internal */
export const profilesIn = (text: string): Array<string> =>
  [...text.matchAll(/^\s*\[\s*(?:profile\s+)?([^\]\s][^\]]*?)\s*\]\s*$/gm)].map((m) => m[1]!)

/**
 * `--profile` names a profile of the shared config or credentials file (`AWS_CONFIG_FILE`,
 * `AWS_SHARED_CREDENTIALS_FILE`, by default under ~/.aws): else the SDK would only say that no credentials could be
 * loaded, without naming the profile. Checked before anything is sent.
 */
const profileExists = (profile: string): Effect.Effect<void, CliError> =>
  Effect.gen(function*() {
    const file = (name: string, fallback: string) =>
      Config.string(name).pipe(
        Config.withDefault(fallback),
        Config.map((path) => path.startsWith("~/") ? Path.join(Os.homedir(), path.slice(2)) : path)
      )
    const files = yield* Effect.all([
      file("AWS_SHARED_CREDENTIALS_FILE", Path.join(Os.homedir(), ".aws", "credentials")),
      file("AWS_CONFIG_FILE", Path.join(Os.homedir(), ".aws", "config"))
    ])
    const profiles = files.flatMap((path) => {
      try {
        return profilesIn(Fs.readFileSync(path, "utf8"))
      } catch {
        return [] // a missing file has no profile
      }
    })
    if (profiles.includes(profile)) return
    return yield* new AccessDeniedException({
      origin: "client",
      code: "ProfileNotFound",
      detail: `there is no profile '${profile}' (--profile) in ${files.join(" or ")}${
        profiles.length === 0 ? "" : `, whose profiles are ${[...new Set(profiles)].join(", ")}`
      }`
    })
  })

/** The AWS SDK client of `awsOptions`, with the profile of `--profile` checked first. @internal */
export const awsLayer = (connection: Connection): Layer.Layer<PersonalizeClient, CliError> =>
  Layer.unwrapEffect(
    Effect.zipRight(
      Option.match(connection.profile, { onNone: () => Effect.void, onSome: profileExists }),
      Effect.map(awsOptions(connection), PersonalizeAws.layer)
    )
  )
