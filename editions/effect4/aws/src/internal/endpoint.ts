/**
 * Endpoint safety: a request signed with the caller's credentials, sent in the clear to another machine, gives away
 * its session token (`X-Amz-Security-Token`) and its body to anyone on the way. Plain `http://` is fine for this
 * machine (the emulator, LocalStack on loopback) and refused anywhere else unless the caller opts in.
 *
 * @internal
 */
import type { PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import * as PersonalizeError from "@effect-personalize/core/PersonalizeError"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"

const ipv4Loopback = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/

/**
 * Loopback as the WHATWG URL parser leaves a host: `localhost`, `127.0.0.0/8` (already normalized from forms such as
 * `127.1` or `0x7f.1`), `[::1]`.
 *
 * @internal
 */
export const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.toLowerCase()
  return host === "localhost" || host === "[::1]" || host === "::1" || ipv4Loopback.test(host)
}

const optIn = "allowInsecureEndpoint: true"

const whyRefused = (shown: string): string =>
  `${shown} is plain http:// to a host that is not this machine (loopback: localhost, 127.0.0.0/8, ::1): ` +
  "the signed request, its session token and its body would travel unencrypted. Use https://, or, for a " +
  `network you trust (an emulator on another host), set the option ${optIn}`

/**
 * Why an endpoint option is refused, or `undefined` when it is acceptable: not an absolute `http:`/`https:` URL, or
 * plain HTTP off this machine without the opt-in.
 *
 * @internal
 */
export const problemOf = (endpoint: string, allowInsecure: boolean): string | undefined => {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return `${JSON.stringify(endpoint)} is not an absolute URL; use e.g. https://personalize.us-east-1.amazonaws.com ` +
      "or http://127.0.0.1:4566"
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `${JSON.stringify(endpoint)} is not an http:// or https:// URL`
  }
  if (url.protocol === "http:" && !allowInsecure && !isLoopbackHost(url.hostname)) {
    return whyRefused(url.origin)
  }
  return undefined
}

/**
 * Fails building a layer when its endpoint option is refused: a `Config.ConfigError` (its message names `endpoint`),
 * the error that the layers built from `Config` already have, so one handler covers both.
 *
 * @internal
 */
export const check = (
  options: { readonly endpoint?: string | undefined; readonly allowInsecureEndpoint?: boolean | undefined }
): Effect.Effect<void, Config.ConfigError> => {
  if (options.endpoint === undefined) return Effect.void
  const problem = problemOf(options.endpoint, options.allowInsecureEndpoint === true)
  return problem === undefined
    ? Effect.void
    : Effect.fail(configError(`endpoint: Refusing the endpoint: ${problem}.`))
}

/** A `Config.ConfigError` with this message, as the layers read from `Config` fail. @internal */
export const configError = (message: string): Config.ConfigError =>
  new Config.ConfigError(new ConfigProvider.SourceError({ message }))

const stringField = (u: unknown, key: string): string | undefined =>
  Predicate.hasProperty(u, key) && typeof u[key] === "string" ? u[key] : undefined

/**
 * The same rule for where a request really goes. Without an `endpoint` option the SDK finds one itself
 * (`AWS_ENDPOINT_URL_PERSONALIZE`, `AWS_ENDPOINT_URL`, `endpoint_url` of the shared config file), when the first
 * request is made: only the request knows it. Runs in the build step: after the SDK has resolved the endpoint (and
 * loaded the credentials, which it does first), before it signs and sends.
 *
 * @internal
 */
export const guard = (client: SdkClient): void => {
  client.middlewareStack.add(
    (next) => (args) => {
      const protocol = stringField(args.request, "protocol")
      const hostname = stringField(args.request, "hostname")
      if (protocol === "http:" && hostname !== undefined && !isLoopbackHost(hostname)) {
        const port = Predicate.hasProperty(args.request, "port") && typeof args.request.port === "number"
          ? `:${args.request.port}`
          : ""
        return Promise.reject(
          new PersonalizeError.InvalidInputException({
            origin: "client",
            field: "endpoint",
            detail: `nothing was sent: the endpoint that the AWS SDK resolved (from AWS_ENDPOINT_URL_PERSONALIZE, ` +
              `AWS_ENDPOINT_URL or the shared config file's endpoint_url), ${whyRefused(`http://${hostname}${port}`)}`
          })
        )
      }
      return next(args)
    },
    { step: "build", name: "effectPersonalizeEndpointGuard", priority: "high" }
  )
}
