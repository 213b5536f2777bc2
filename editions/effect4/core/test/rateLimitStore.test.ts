// RateLimit.layerStore's shared limit, on the test clock: several limiters on one Redis stand for several processes.
// The Redis is a fake in memory (utils/redis.ts); the tests against a real redis-server are in the aws package
// (manyProcesses.test.ts).
import { ListBatchSegmentJobs, PersonalizeError, RateLimit } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import type { Duration } from "effect"
import { Clock, Effect, Exit, Fiber, Layer, Logger, Random, References, Stream } from "effect"
import * as Redis from "effect/persistence/Redis"
import { TestClock } from "effect/testing"
import * as FakeRedis from "./utils/redis.js"
import { arn, busiestWindow, service } from "./utils/service.js"

const drive = <A, E>(effect: Effect.Effect<A, E>, step: Duration.Input = "10 millis") =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(Random.withSeed(effect, "rateLimitStore.test"))
    while (fiber.pollUnsafe() === undefined) yield* TestClock.adjust(step)
    return yield* Fiber.await(fiber)
  })

const account = "111122223333"
const region = "us-east-1"

const process = (redis: FakeRedis.FakeRedis, options?: Partial<RateLimit.StoreOptions>) =>
  RateLimit.makeStore({ requestsPerSecond: 20, account, region, ...options }).pipe(
    Effect.provideService(Redis.Redis, redis.redis),
    Effect.orDie
  )

const requests = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ solutionVersionArn: arn(from + i) }))

// `streams` streams under `limiter`, each listing one solution version
const run = (limiter: RateLimit.Limiter, from: number, streams: number) =>
  Effect.forEach(requests(from, streams), (request) => Stream.runDrain(ListBatchSegmentJobs.stream(request)), {
    concurrency: "unbounded",
    discard: true
  }).pipe(Effect.provideService(RateLimit.CurrentLimiter, limiter))

describe("RateLimit.layerStore: one limit for many processes", () => {
  it.effect("4 processes x 4 streams at a shared 20/s: never above 20 in any second, as fast as 20/s", () =>
    Effect.gen(function*() {
      const store = yield* FakeRedis.make
      const svc = service({ pages: 10, pageSize: 1 })
      const limiters = yield* Effect.forEach([0, 1, 2, 3], () => process(store))
      const exit = yield* drive(
        Effect.forEach(limiters, (limiter, p) => run(limiter, 4 * p, 4), { concurrency: "unbounded" }).pipe(
          Effect.provide(svc.layer)
        )
      )
      assert.isTrue(Exit.isSuccess(exit))
      assert.strictEqual(svc.counts.requests, 160)
      assert.isAtMost(busiestWindow(svc.times, 1000), 20 + 1)
      const total = Math.max(...svc.times) - Math.min(...svc.times)
      const ideal = (160 - 1) / 20 * 1000
      assert.isAtMost(total, 1.05 * ideal, `${total} ms for 160 requests, ideal ${ideal} ms`)
    }))

  it.effect("each process under its own RateLimit.layer sends 4 times as much: what the shared limit is for", () =>
    Effect.gen(function*() {
      const svc = service({ pages: 10, pageSize: 1 })
      const limiters = yield* Effect.forEach([0, 1, 2, 3], () => RateLimit.make({ requestsPerSecond: 20 }))
      yield* drive(
        Effect.forEach(limiters, (limiter, p) => run(limiter, 4 * p, 4), { concurrency: "unbounded" }).pipe(
          Effect.provide(svc.layer)
        )
      )
      assert.isAtLeast(busiestWindow(svc.times, 1000), 4 * 20 - 4)
    }))

  it.effect("processes of different accounts, or regions, never share: each gets the whole rate", () =>
    Effect.gen(function*() {
      const store = yield* FakeRedis.make
      const a = service({ pages: 20, pageSize: 1 })
      const b = service({ pages: 20, pageSize: 1 })
      const c = service({ pages: 20, pageSize: 1 })
      const inA = yield* process(store)
      const inB = yield* process(store, { account: "444455556666" })
      const inC = yield* process(store, { region: "eu-west-1" })
      yield* drive(
        Effect.all([
          run(inA, 0, 2).pipe(Effect.provide(a.layer)),
          run(inB, 0, 2).pipe(Effect.provide(b.layer)),
          run(inC, 0, 2).pipe(Effect.provide(c.layer))
        ], { concurrency: "unbounded" })
      )
      for (const svc of [a, b, c]) {
        assert.strictEqual(svc.counts.requests, 40)
        // 40 requests at 20/s each: two seconds, not six
        assert.isAtMost(Math.max(...svc.times), 2000)
      }
      // a throttle in one account does not lower the rate of another
      yield* TestClock.adjust("1 second")
      yield* inA.throttled
      yield* Effect.forEach([inA, inB], (limiter) => limiter.take, { discard: true })
      assert.isBelow(yield* inA.rate, 10)
      assert.strictEqual(yield* inB.rate, 20)
    }))

  it.effect("a throttle seen by one process lowers the rate of all, and it recovers as the in-process limit does", () =>
    Effect.gen(function*() {
      const store = yield* FakeRedis.make
      const [seen, other] = yield* Effect.forEach([0, 1], () => process(store))
      // the in-process limit, having let 20 requests through in the last second (what the shared rate in force is)
      const alone = yield* RateLimit.make({ requestsPerSecond: 20 })
      for (let i = 0; i < 20; i++) {
        yield* alone.succeeded
        yield* TestClock.adjust("45 millis")
      }
      yield* Effect.all([seen.throttled, alone.throttled])
      // the other process reads the new rate before each request (these are far enough apart not to wait)
      const rates = []
      for (const after of [0, 250, 1000, 3000, 9000, 12_000, 16_000]) {
        yield* TestClock.setTime(after + 900)
        yield* other.take
        rates.push([after, yield* other.rate, yield* alone.rate])
      }
      for (const [after, shared, own] of rates) assert.closeTo(shared!, own!, 0.05, `${after} ms after the throttle`)
      // half of 95% of 20/s at once, back to 95% within seconds, then slowly to 20/s
      assert.closeTo(rates[0]![1]!, 9.5, 0.5)
      assert.closeTo(rates[3]![1]!, 19, 0.1)
      assert.closeTo(rates[5]![1]!, 19.4, 0.1)
      assert.closeTo(rates[6]![1]!, 20, 1e-9)
    }))

  it.effect("throttles of the same second, from any process, count once; the next second's count again", () =>
    Effect.gen(function*() {
      const store = yield* FakeRedis.make
      const [a, b, c] = yield* Effect.forEach([0, 1, 2], () => process(store))
      yield* Effect.all([a.throttled, b.throttled, c.throttled])
      yield* TestClock.adjust("500 millis")
      yield* b.throttled
      yield* c.take
      const once = yield* c.rate
      // one throttle: the rate started from 9.5/s and climbs back to 19 (it is 15.5 half a second later)
      assert.closeTo(once, 19 - 9.5 * Math.exp(-1), 0.1)
      yield* TestClock.adjust("600 millis")
      yield* a.throttled
      yield* c.take
      assert.isBelow(yield* c.rate, 9.5, "a throttle after the second lowers it again")
    }))

  it.effect("its keys expire: once the rate has recovered, nothing of it is left in the store", () =>
    Effect.gen(function*() {
      const store = yield* FakeRedis.make
      const limiter = yield* process(store)
      yield* limiter.take
      yield* limiter.throttled
      const key = RateLimit.storeKey({ requestsPerSecond: 20, account, region })
      assert.deepStrictEqual(
        (yield* store.live).map(([key]) => key).sort(),
        [key, `${key}:adaptive`, `${key}:refill`, `${key}:throttle`]
      )
      for (const [, ttl] of yield* store.live) assert.isAtMost(ttl, 30_000)
      yield* TestClock.adjust("2 minutes")
      assert.deepStrictEqual(yield* store.live, [])
      assert.strictEqual(yield* limiter.rate, 20)
    }))
})

describe("RateLimit.layerStore: a store that does not answer", () => {
  const logs = () => {
    const lines: Array<{ readonly level: string; readonly message: string }> = []
    const logger = Logger.make(({ logLevel, message }) => {
      lines.push({ level: logLevel, message: String(Array.isArray(message) ? message[0] : message) })
    })
    return { lines, layer: Logger.layer([logger]) }
  }

  it.effect("onStoreFailure \"fail\": the call fails with RateLimitStoreError after storeTimeout, and is not sent", () =>
    Effect.gen(function*() {
      const store = yield* FakeRedis.make
      const svc = service({ pages: 3, pageSize: 1 })
      const limiter = yield* process(store, { onStoreFailure: "fail", storeTimeout: "2 seconds" })
      store.down = "hang"
      const start = yield* Clock.currentTimeMillis
      const exit = yield* drive(Effect.flip(run(limiter, 0, 1).pipe(Effect.provide(svc.layer))))
      const failedAt = (yield* Clock.currentTimeMillis) - start
      assert.strictEqual(svc.counts.requests, 0)
      const failure = Exit.isSuccess(exit) ? exit.value : undefined
      assert.instanceOf(failure, PersonalizeError.RateLimitStoreError)
      assert.match(String(failure?.message), /no answer within 2s.*not sent.*onStoreFailure: "local"/)
      assert.isFalse(PersonalizeError.isRetryable(failure as PersonalizeError.PersonalizeError))
      assert.isAtMost(failedAt, 2100, "bounded by storeTimeout, not a hang")
    }))

  it.effect("onStoreFailure \"local\" (the default): one warning, the process goes on under its own limit, and back", () =>
    Effect.gen(function*() {
      const store = yield* FakeRedis.make
      const svc = service({ pages: 60, pageSize: 1 })
      const log = logs()
      const limiter = yield* process(store, { requestsPerSecond: 10 })
      const fiber = yield* Effect.forkChild(
        Random.withSeed(run(limiter, 0, 2), "rateLimitStore.test").pipe(Effect.provide([svc.layer, log.layer]))
      )
      yield* TestClock.adjust("2 seconds")
      store.down = "hang"
      for (let i = 0; i < 500; i++) yield* TestClock.adjust("10 millis")
      store.down = false
      while (fiber.pollUnsafe() === undefined) yield* TestClock.adjust("10 millis")
      assert.isTrue(Exit.isSuccess(yield* Fiber.await(fiber)))
      assert.strictEqual(svc.counts.requests, 120)
      // never above the rate, with or without the store
      assert.isAtMost(busiestWindow(svc.times, 1000), 10 + 1)
      // it went on while the store hung (a wait of storeTimeout, then its own limit)
      const during = svc.times.filter((t) => t >= 3000 && t < 7000).length
      assert.isAtLeast(during, 30, `${during} requests in the 4 s the store did not answer`)
      const warnings = log.lines.filter((l) => l.level === "Warn")
      assert.strictEqual(warnings.length, 1, JSON.stringify(warnings))
      assert.match(warnings[0]!.message, /shared store failed \(.*no answer within 1s\).*own limit of 10 requests/)
      assert.isTrue(log.lines.some((l) => l.level === "Info" && /answers again/.test(l.message)))
    }))

  // a Redis that is never asked
  const unused = Redis.Redis.of({
    send: () => Effect.die("not asked"),
    eval: () => () => Effect.die("not asked"),
    subscribe: () => Effect.die("not asked"),
    reserve: Effect.die("not asked")
  })

  it.effect("refuses an account, a region or a choice that makes no sense, with the field", () =>
    Effect.gen(function*() {
      const refused = (options: Partial<RateLimit.StoreOptions>) =>
        Effect.flip(
          Layer.build(RateLimit.layerStore({ requestsPerSecond: 5, account, region, ...options }))
        ).pipe(
          Effect.scoped,
          Effect.provideService(Redis.Redis, unused),
          Effect.map((error) => [error.field, error.message])
        )
      const cases = [
        [{ account: "12345" }, "account", /12 digits/],
        [{ region: "US East" }, "region", /us-east-1/],
        [{ onStoreFailure: "ignore" as "fail" }, "onStoreFailure", /"local" or "fail"/],
        [{ storeTimeout: "soon" as Duration.Input }, "storeTimeout", /positive, finite/],
        [{ requestsPerSecond: 0 }, "requestsPerSecond", /positive number/],
        // the whole text is the account, the region, the duration
        [{ account: "1234567890123" }, "account", /12 digits/],
        [{ account: "x123456789012" }, "account", /12 digits/],
        [{ region: "1eu-west-1" }, "region", /us-east-1/],
        [{ region: "eu-west-1x" }, "region", /us-east-1/],
        [{ region: "eu-west-123" }, "region", /us-east-1/],
        [{ storeTimeout: 0 }, "storeTimeout", /positive, finite/],
        [{ storeTimeout: "Infinity" }, "storeTimeout", /positive, finite/]
      ] as const
      for (const [options, field, message] of cases) {
        // the options are checked before the store is needed
        const [f, m] = yield* refused(options).pipe(Effect.provideService(References.MinimumLogLevel, "None"))
        assert.strictEqual(f, field)
        assert.match(String(m), message)
      }
    }))

  it.effect("accepts every region of the form, a stated \"local\", and a prefix of its own for the key", () =>
    Effect.gen(function*() {
      for (
        const options of [
          { region: "us-gov-west-1" },
          { region: "ap-southeast-5" },
          { onStoreFailure: "local" as const },
          { storeTimeout: "250 millis" as const }
        ]
      ) {
        const store = yield* FakeRedis.make
        const taken = yield* drive(
          RateLimit.makeStore({ requestsPerSecond: 5, account, region, ...options }).pipe(
            Effect.flatMap((limiter) => limiter.take),
            Effect.provideService(Redis.Redis, store.redis)
          )
        )
        assert.deepStrictEqual(taken, Exit.succeed(0), JSON.stringify(options))
      }
      assert.strictEqual(
        RateLimit.storeKey({ requestsPerSecond: 5, account, region, prefix: "billing:" }),
        `billing:${account}:${region}:ListBatchSegmentJobs`
      )
      assert.strictEqual(
        RateLimit.storeKey({ requestsPerSecond: 5, account, region }),
        `effect-personalize:rate-limit:${account}:${region}:ListBatchSegmentJobs`
      )
    }))

  it.effect("an adaptive rate in the store that is not its own (another program's, damaged) is read as none", () =>
    Effect.gen(function*() {
      const store = yield* FakeRedis.make
      const key = RateLimit.storeKey({ requestsPerSecond: 20, account, region })
      const limiter = yield* process(store)
      for (
        const text of ["not json", "{\"ceiling\":\"10\",\"low\":5,\"since\":0}", "{\"ceiling\":10,\"since\":0}", "7"]
      ) {
        yield* store.redis.send("SET", `${key}:adaptive`, text, "PX", "60000")
        assert.isTrue(Exit.isSuccess(yield* drive(limiter.take)), text)
        assert.strictEqual(yield* limiter.rate, 20, text)
      }
      // and one of its own is followed
      yield* store.redis.send(
        "SET",
        `${key}:adaptive`,
        JSON.stringify({ ceiling: 10, low: 5, since: 0 }),
        "PX",
        "60000"
      )
      assert.isTrue(Exit.isSuccess(yield* drive(limiter.take)))
      assert.isBelow(yield* limiter.rate, 20)
    }))
})
