/**
 * `--rate-limit-store`: the core's `RateLimit.layerStore` (one limit for every process of an account and region,
 * kept in Redis) under the command's `--max-rps`, instead of the in-process `RateLimit.layer`.
 *
 * @internal
 */
import { RateLimitStoreError } from "@effect-personalize/core/PersonalizeError"
import * as RateLimit from "@effect-personalize/core/RateLimit"
import * as NodeRedis from "@effect/platform-node/NodeRedis"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as LogLevel from "effect/LogLevel"
import * as References from "effect/References"
import type { RateLimitStoreUrl } from "../Cli.js"
import type { CliError } from "../CliError.js"
import { UsageError } from "../CliError.js"
import { Output } from "../Output.js"

type StoreUrl = RateLimitStoreUrl

const shape = /^(rediss?):\/\/(?:[^@/?#]*@)?(\[[^\]/?#]*\]|[^:/@?#[\]]+)(?::([^/?#]*))?(?:\/([^/?#]*))?$/

/**
 * The URL as a usage error may echo it: whatever stands before the last `@` of its authority (a user and password)
 * is `***`, so that a password typed into a malformed URL is not printed.
 */
const shown = (text: string): string => {
  const scheme = text.indexOf("://")
  const start = scheme === -1 ? 0 : scheme + 3
  const end = text.slice(start).search(/[/?#]/)
  const authority = end === -1 ? text.slice(start) : text.slice(start, start + end)
  const at = authority.lastIndexOf("@")
  return at === -1 ? text : `${text.slice(0, start)}***${text.slice(start + at)}`
}

/**
 * `redis://HOST:PORT[/DB]` (or `rediss://` for TLS, with `USER:PASSWORD@` before the host if the server wants it;
 * port 6379 and database 0 when left out), or what is wrong with it, in the words of a usage error.
 *
 * @internal
 */
export const parseUrl = (
  text: string
): { readonly _tag: "Right"; readonly value: StoreUrl } | { readonly _tag: "Left"; readonly detail: string } => {
  const m = shape.exec(text.trim())
  if (m === null) {
    return {
      _tag: "Left",
      detail: `expected a Redis URL, redis://HOST:PORT[/DB] (rediss:// for TLS), got '${shown(text)}'`
    }
  }
  const [, , host, port, db] = m
  if (port !== undefined && port !== "" && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    return { _tag: "Left", detail: `the port of a Redis URL is a whole number from 1 to 65535, got '${port}'` }
  }
  if (port === "") return { _tag: "Left", detail: `the Redis URL '${shown(text)}' has ':' but no port after it` }
  if (db !== undefined && db !== "" && !/^\d{1,9}$/.test(db)) {
    return { _tag: "Left", detail: `the database of a Redis URL is a whole number from 0 up (as /0), got '${db}'` }
  }
  return { _tag: "Right", value: { url: text.trim(), address: `${host}:${port ?? 6379}` } }
}

const accountOfArn = (arn: string): string | undefined => arn.split(":")[4]

/**
 * The account whose quota the limit is: `--rate-limit-account`, or the account that every `--solution-version-arn`
 * names; a usage error that says what to pass when there is none, or more than one.
 *
 * @internal
 */
export const accountOf = (
  given: string | undefined,
  arns: ReadonlyArray<string>
): Effect.Effect<string, UsageError> => {
  const named = [...new Set(arns.map((arn) => accountOfArn(arn) ?? ""))]
  if (given !== undefined) {
    const other = named.filter((account) => account !== given)
    return other.length === 0 ? Effect.succeed(given) : Effect.fail(
      new UsageError({
        detail: `--rate-limit-account ${given} is not the account of every --solution-version-arn (${
          other.map((account) => account === "" ? "none" : account).join(", ")
        }): one shared limit is one account's quota. List each account's in a command of its own.`
      })
    )
  }
  if (named.length === 1 && /^\d{12}$/.test(named[0]!)) return Effect.succeed(named[0]!)
  return Effect.fail(
    new UsageError({
      detail: named.length > 1
        ? `--rate-limit-store shares one account's quota, and the --solution-version-arn ARNs name ${named.length} ` +
          `accounts (${named.join(", ")}). List each account's in a command of its own.`
        : "--rate-limit-store needs the AWS account whose quota the processes share: pass --rate-limit-account " +
          "with its 12 digits (or a --solution-version-arn, whose ARN names it)."
    })
  )
}

/**
 * The core's warnings about the store (it failed, it is back) are printed at least at warning level, whatever
 * `--log-level` leaves out: going on without the shared limit is to be said.
 */
const visible = (level: LogLevel.LogLevel) =>
  Layer.effect(
    RateLimit.CurrentLimiter,
    Effect.map(RateLimit.CurrentLimiter, (limiter): RateLimit.Limiter | undefined =>
      limiter === undefined ? undefined : {
        ...limiter,
        take: Effect.provideService(limiter.take, References.MinimumLogLevel, level),
        throttled: Effect.provideService(limiter.throttled, References.MinimumLogLevel, level)
      })
  )

/**
 * `RateLimit.layerStore` over node-redis (without its offline queue: a command fails at once while Redis is down).
 * A Redis that cannot be reached when the command starts is, with `local`, a warning on stderr and this process's
 * own `RateLimit.layer` to the end of the command; with `fail`, `RateLimitStoreError` before anything is sent.
 *
 * @internal
 */
export const layer = (options: {
  readonly store: StoreUrl
  readonly onStoreFailure: "local" | "fail"
  readonly requestsPerSecond: number
  readonly account: string
  readonly region: string
  readonly logLevel: LogLevel.LogLevel
}): Layer.Layer<never, CliError, Output> => {
  const storeOptions: RateLimit.StoreOptions = {
    requestsPerSecond: options.requestsPerSecond,
    account: options.account,
    region: options.region,
    onStoreFailure: options.onStoreFailure
  }
  const key = RateLimit.storeKey(storeOptions)
  return visible(options.logLevel).pipe(
    Layer.provide(RateLimit.layerStore(storeOptions)),
    Layer.provide(NodeRedis.layer({ url: options.store.url, disableOfflineQueue: true })),
    Layer.catchTag("RedisError", (error): Layer.Layer<never, CliError, Output> => {
      const cause: unknown = error.cause
      const detail = `connecting to ${options.store.address}: ${cause instanceof Error ? cause.message : String(cause)}`
      return options.onStoreFailure === "fail"
        ? Layer.effectDiscard(Effect.fail(new RateLimitStoreError({ key, detail, cause })))
        : Layer.merge(
          RateLimit.layer({ requestsPerSecond: options.requestsPerSecond }),
          Layer.effectDiscard(Output.use((output) =>
            output.stderr(
              `Warning: the shared rate limit's store did not answer (${detail}). This command goes on under its own ` +
                `limit of ${options.requestsPerSecond} requests a second (--max-rps) to its end.\n`
            )
          ))
        )
    })
  )
}
