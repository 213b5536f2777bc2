/**
 * A Redis in memory, on the Clock, for the tests of `RateLimit.layerStore` under `TestClock`: effect's `Redis`
 * service with what the shared limit uses, `GET`, `SET` (`NX`, `PX`) and the token bucket script of effect's
 * `RateLimiter` Redis store (its Lua, written out in TypeScript). Keys expire as in Redis. The tests against a real
 * redis-server are in the aws package (manyProcesses.test.ts).
 */
import { Clock, Effect } from "effect"
import * as Redis from "effect/persistence/Redis"

export interface FakeRedis {
  readonly redis: Redis.Redis["Service"]
  /** The keys that have not expired, with the milliseconds each has left. */
  readonly live: Effect.Effect<ReadonlyArray<readonly [key: string, ttl: number]>>
  /** While set, no command is answered (a Redis that hangs); with `"fail"`, every command fails at once. */
  down: false | "hang" | "fail"
}

export const make: Effect.Effect<FakeRedis> = Effect.sync(() => {
  const entries = new Map<string, { value: string; expires: number }>()
  const get = (key: string, now: number): string | undefined => {
    const entry = entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expires <= now) {
      entries.delete(key)
      return undefined
    }
    return entry.value
  }
  const set = (key: string, value: string, now: number, px: number) => {
    entries.set(key, { value, expires: now + px })
  }

  const command = (name: string, args: ReadonlyArray<string>, now: number): unknown => {
    switch (name) {
      case "GET":
        return get(args[0]!, now) ?? null
      case "SET": {
        const [key, value, ...rest] = args
        const px = rest.indexOf("PX")
        if (px < 0) throw new Error("the fake Redis keeps nothing forever: SET needs PX")
        if (rest.includes("NX") && get(key!, now) !== undefined) return null
        set(key!, value!, now, Number(rest[px + 1]))
        return "OK"
      }
      default:
        throw new Error(`the fake Redis does not know ${name}`)
    }
  }

  // effect's RateLimiter Redis store, `tokenBucketScript`, line by line
  const tokenBucket = (
    key: string,
    lastRefillKey: string,
    tokens: number,
    refillMs: number,
    limit: number,
    now: number,
    overflow: 0 | 1
  ): readonly [string, string] => {
    let current = Number(get(key, now) ?? Number.NaN)
    let lastRefill = Number(get(lastRefillKey, now) ?? Number.NaN)
    if (Number.isNaN(current)) current = limit
    if (Number.isNaN(lastRefill)) lastRefill = now
    let elapsed = now - lastRefill
    const refillAmount = Math.floor(elapsed / refillMs)
    if (refillAmount > 0) {
      current = Math.min(current + refillAmount, limit)
      lastRefill = lastRefill + refillAmount * refillMs
    }
    if (current >= limit) lastRefill = now
    const next = current - tokens
    const stored = next >= 0 || overflow === 1 ? next : current
    elapsed = Math.max(0, now - lastRefill)
    const ttl = Math.max(1, Math.ceil(Math.ceil(limit - stored) * refillMs - elapsed))
    set(key, String(stored), now, ttl)
    set(lastRefillKey, String(lastRefill), now, ttl)
    return [String(next), String(elapsed)]
  }

  const self: FakeRedis = {
    down: false,
    live: Effect.map(
      Clock.currentTimeMillis,
      (now) =>
        [...entries.keys()].flatMap((key) =>
          get(key, now) === undefined ? [] : [[key, entries.get(key)!.expires - now] as const]
        )
    ),
    redis: Redis.Redis.of({
      send: <A>(name: string, ...args: ReadonlyArray<string>) =>
        Effect.flatMap(Clock.currentTimeMillis, (now): Effect.Effect<A, Redis.RedisError> => {
          if (self.down === "hang") return Effect.never
          if (self.down === "fail") return Effect.fail(new Redis.RedisError({ cause: new Error("connection refused") }))
          return Effect.succeed(command(name, args, now) as A)
        }),
      eval:
        ((script: Redis.Script<{ params: ReadonlyArray<unknown>; result: unknown }>) =>
        (...params: ReadonlyArray<unknown>) =>
          Effect.flatMap(Clock.currentTimeMillis, (now) => {
            if (self.down === "hang") return Effect.never
            if (self.down === "fail") {
              return Effect.fail(new Redis.RedisError({ cause: new Error("connection refused") }))
            }
            if (!script.lua.includes("last_refill_key")) return Effect.die("the fake Redis runs the token bucket only")
            const [key, lastRefillKey, tokens, refillMs, limit, , overflow] = params as unknown as Parameters<
              typeof tokenBucket
            >
            // the script is given the caller's clock; the fake's is the same
            return Effect.succeed(tokenBucket(key, lastRefillKey, tokens, refillMs, limit, now, overflow))
          })) as Redis.Redis["Service"]["eval"],
      subscribe: () => Effect.die("the fake Redis has no pub/sub"),
      reserve: Effect.die("the fake Redis has no reserved connections")
    })
  }
  return self
})
