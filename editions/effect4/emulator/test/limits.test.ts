import { ListBatchSegmentJobsCommand } from "@aws-sdk/client-personalize"
import { ListBatchSegmentJobs, PersonalizeClient } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Context, Duration, Effect, Exit, Fiber, Layer, Option, Redacted } from "effect"
import { TestClock } from "effect/testing"
import * as V8 from "node:v8"
import * as Vm from "node:vm"
import { PersonalizeEmulator } from "../src/index.js"
import * as Cli from "../src/internal/cli.js"
import { fixedJobs, post, sdk } from "./utils.js"

/** A full garbage collection, then the heap in use, in bytes. */
const heapCollector = () => {
  V8.setFlagsFromString("--expose-gc")
  const gc = Vm.runInNewContext("gc") as () => void
  return () => {
    gc()
    gc()
    return process.memoryUsage().heapUsed
  }
}

const call = (request: PersonalizeClient.WireRequest = {}) =>
  Effect.flatMap(PersonalizeClient.PersonalizeClient, (client) => client.listBatchSegmentJobs(request))

/** Sends `count` requests at once through the in-memory face and gives what each got: a status or an error tag. */
const burst = (count: number) =>
  Effect.forEach(
    Array.from({ length: count }),
    () => Effect.match(call(), { onFailure: (e) => e._tag, onSuccess: () => "ok" }),
    { concurrency: "unbounded" }
  )

const setupServer = (options?: PersonalizeEmulator.Options & PersonalizeEmulator.ServerOptions) =>
  Effect.gen(function*() {
    const context = yield* Layer.build(PersonalizeEmulator.layerServer(options))
    return {
      url: Context.get(context, PersonalizeEmulator.EmulatorServer).url,
      emulator: Context.get(context, PersonalizeEmulator.Emulator)
    }
  })

const sdkError = <A>(promise: () => Promise<A>) =>
  Effect.flip(Effect.tryPromise({ try: promise, catch: (e) => e as Error & { $metadata?: any; $response?: any } }))

describe("rate limit", () => {
  it.effect("a token bucket on the clock: burst at once, then the rate; beyond it ThrottlingException", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.Emulator
      assert.deepStrictEqual(yield* burst(4), ["ok", "ok", "ThrottlingException", "ThrottlingException"])
      // 5 a second: one permit every 200 ms
      yield* TestClock.adjust("199 millis")
      assert.deepStrictEqual(yield* burst(1), ["ThrottlingException"])
      yield* TestClock.adjust("1 millis")
      assert.deepStrictEqual(yield* burst(2), ["ok", "ThrottlingException"])
      // a quiet spell refills up to the burst, not beyond
      yield* TestClock.adjust("1 hour")
      assert.deepStrictEqual(yield* burst(3), ["ok", "ok", "ThrottlingException"])
      const stats = yield* emulator.stats
      assert.deepInclude(stats, { requests: 10, throttled: 5, faultsInjected: 0, pages: 5 })
      assert.deepStrictEqual(stats.errors, { ThrottlingException: 5 })
      const log = yield* emulator.requestLog
      assert.deepStrictEqual(
        log.map((entry) => [entry.status, entry.error ?? null, entry.throttled, entry.fault ?? null]).slice(0, 3),
        [[200, null, false, null], [200, null, false, null], [400, "ThrottlingException", true, null]]
      )
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ rateLimit: { requestsPerSecond: 5, burst: 2 } }))))

  it.effect("the burst is one second's worth by default; a fraction of a request per second works", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.Emulator
      const first = yield* burst(8)
      assert.strictEqual(first.filter((r) => r === "ok").length, 5)
      yield* emulator.setRateLimit({ requestsPerSecond: 0.5 })
      assert.deepStrictEqual(yield* burst(2), ["ok", "ThrottlingException"])
      yield* TestClock.adjust("1999 millis")
      assert.deepStrictEqual(yield* burst(1), ["ThrottlingException"])
      yield* TestClock.adjust("1 millis")
      assert.deepStrictEqual(yield* burst(1), ["ok"])
      yield* emulator.setRateLimit(undefined)
      assert.deepStrictEqual(yield* burst(3), ["ok", "ok", "ok"])
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ rateLimit: { requestsPerSecond: 4.5 } }))))

  it.effect("a permit refilled in small steps is whole: no throttle lost to floating point", () =>
    Effect.gen(function*() {
      const answered: Array<number> = []
      // a request every 10 ms at 10/s: ten refills of 0.1, which floating point sums to 0.9999999999999999
      for (let i = 0; i < 30; i++) {
        if ((yield* burst(1))[0] === "ok") answered.push(i * 10)
        yield* TestClock.adjust("10 millis")
      }
      assert.deepStrictEqual(answered, [0, 100, 200])
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ rateLimit: { requestsPerSecond: 10, burst: 1 } }))))

  it.effect("the in-memory face hands the Retry-After to the core, which waits at least that long", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.Emulator
      const error = yield* Effect.flip(Effect.andThen(call(), call()))
      if (error._tag !== "ThrottlingException") return assert.fail(error._tag)
      assert.strictEqual(error.code, "ThrottlingException")
      assert.strictEqual(error.status, 400)
      assert.match(error.message, /Rate exceeded/)
      // 1.2 seconds is sent as 2 whole seconds
      assert.deepStrictEqual(error.retryAfter, Duration.seconds(2))
      const fiber = yield* Effect.forkChild(ListBatchSegmentJobs.list({}))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      const at = (yield* emulator.requestLog).map((entry) => entry.at.getTime())
      // the third request is throttled at 0; its retry comes 2 s later, not after the policy's 500 ms
      assert.deepStrictEqual(at.slice(2).map((t) => t - at[0]), [0, 2000])
    }).pipe(
      Effect.provide(
        PersonalizeEmulator.layerClient({
          rateLimit: { requestsPerSecond: 1, burst: 1, retryAfter: "1200 millis" }
        })
      )
    ))

  it.effect("options that make no sense are a defect that says why", () =>
    Effect.gen(function*() {
      for (
        const [options, message] of [
          [{ requestsPerSecond: 0 }, /positive number of requests per second, got 0/],
          [{ requestsPerSecond: Number.NaN }, /positive number of requests per second, got NaN/],
          [{ requestsPerSecond: 1, burst: 1.5 }, /burst that is a whole number of at least 1, got 1.5/],
          [{ requestsPerSecond: 1, retryAfter: Duration.infinity }, /finite retryAfter/]
        ] as const
      ) {
        const exit = yield* Effect.exit(PersonalizeEmulator.make({ rateLimit: options }))
        assert.isTrue(Exit.isFailure(exit) && Cause.hasDies(exit.cause))
        assert.match(Exit.isFailure(exit) ? Cause.pretty(exit.cause) : "", message)
      }
      const emulator = yield* PersonalizeEmulator.make()
      const exit = yield* Effect.exit(emulator.setRateLimit({ requestsPerSecond: -1 }))
      assert.isTrue(Exit.isFailure(exit) && Cause.hasDies(exit.cause))
    }))

  describe("over HTTP", () => {
    it.effect("answers 400 ThrottlingException \"Rate exceeded\" as the service does, with Retry-After if set", () =>
      Effect.gen(function*() {
        const { emulator, url } = yield* setupServer({
          seed: fixedJobs(3),
          verifySignatures: false,
          rateLimit: { requestsPerSecond: 1, burst: 1 }
        })
        assert.strictEqual((yield* post(url, {})).status, 200)
        const throttled = yield* post(url, {})
        assert.strictEqual(throttled.status, 400)
        assert.deepStrictEqual(throttled.json, { __type: "ThrottlingException", message: "Rate exceeded" })
        assert.strictEqual(throttled.headers.get("x-amzn-errortype"), "ThrottlingException")
        assert.isString(throttled.headers.get("x-amzn-requestid"))
        assert.isNull(throttled.headers.get("retry-after"))

        yield* emulator.setRateLimit({ requestsPerSecond: 1, burst: 1, retryAfter: "3 seconds" })
        assert.strictEqual((yield* post(url, {})).status, 200)
        const withRetryAfter = yield* post(url, {})
        assert.strictEqual(withRetryAfter.status, 400)
        assert.strictEqual(withRetryAfter.headers.get("retry-after"), "3")
        assert.deepInclude(yield* emulator.stats, { requests: 4, throttled: 2, pages: 2 })
      }))

    it.effect("the AWS SDK sees ThrottlingException and the Retry-After header", () =>
      Effect.gen(function*() {
        const { url } = yield* setupServer({
          seed: fixedJobs(3),
          rateLimit: { requestsPerSecond: 1, burst: 1, retryAfter: "1 second" }
        })
        const client = yield* sdk(url)
        yield* Effect.promise(() => client.send(new ListBatchSegmentJobsCommand({})))
        const e = yield* sdkError(() => client.send(new ListBatchSegmentJobsCommand({})))
        assert.strictEqual(e.name, "ThrottlingException")
        assert.strictEqual(e.message, "Rate exceeded")
        assert.strictEqual(e.$metadata.httpStatusCode, 400)
        assert.strictEqual(e.$response.headers["retry-after"], "1")
      }))

    it.effect("one bucket per account: keys of other accounts are not throttled by this one's requests", () =>
      Effect.gen(function*() {
        const other = {
          accessKeyId: "AKIAOTHERACCOUNT0001",
          secretAccessKey: "other-secret",
          accountId: "210987654321"
        }
        const sameAccount = { accessKeyId: "AKIASAMEACCOUNT00001", secretAccessKey: "same-secret" }
        const { emulator, url } = yield* setupServer({
          seed: fixedJobs(3),
          credentials: [PersonalizeEmulator.testCredentials, other, sameAccount],
          rateLimit: { requestsPerSecond: 1, burst: 2 }
        })
        const mine = yield* sdk(url)
        const theirs = yield* sdk(url, other)
        const colleague = yield* sdk(url, sameAccount)
        const send = (client: typeof mine) =>
          Effect.promise(() => client.send(new ListBatchSegmentJobsCommand({})).then(() => "ok", (e: Error) => e.name))
        assert.deepStrictEqual([yield* send(mine), yield* send(mine), yield* send(mine)], [
          "ok",
          "ok",
          "ThrottlingException"
        ])
        // a key of the emulator's account shares its bucket; another account has its own
        assert.strictEqual(yield* send(colleague), "ThrottlingException")
        assert.deepStrictEqual([yield* send(theirs), yield* send(theirs), yield* send(theirs)], [
          "ok",
          "ok",
          "ThrottlingException"
        ])
        assert.strictEqual((yield* emulator.stats).throttled, 3)
      }))

    it.effect("requests the face refuses take no permit", () =>
      Effect.gen(function*() {
        const { emulator, url } = yield* setupServer({
          seed: fixedJobs(3),
          rateLimit: { requestsPerSecond: 1, burst: 1 }
        })
        assert.strictEqual((yield* post(url, {})).status, 403, "unsigned")
        assert.strictEqual((yield* post(url, {}, { sign: true })).status, 200)
        assert.deepInclude(yield* emulator.stats, { requests: 2, throttled: 0 })
      }))
  })
})

describe("request log", () => {
  it.effect("keeps the newest requests only, while every counter counts every request", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.Emulator
      yield* emulator.setFaults({
        script: ({ index }) => index % 4 === 0 ? "throttle" : index % 4 === 1 ? "serviceUnavailable" : undefined
      })
      for (let i = 0; i < 23; i++) yield* Effect.result(call({ maxResults: 2 }))
      const log = yield* emulator.requestLog
      assert.deepStrictEqual(log.map((entry) => entry.index), [19, 20, 21, 22, 23])
      assert.deepStrictEqual(log.map((entry) => entry.status), [200, 400, 503, 200, 200])
      assert.deepStrictEqual(yield* emulator.stats, {
        requests: 23,
        inFlight: 0,
        faultsInjected: 11,
        aborted: 0,
        throttled: 0,
        pages: 12,
        jobs: 24,
        errors: { ServiceUnavailable: 6, ThrottlingException: 5 },
        faults: { serviceUnavailable: 6, throttle: 5 }
      })
    }).pipe(Effect.provide(PersonalizeEmulator.layerClient({ seed: fixedJobs(5), requestLogSize: 5 }))))

  it.effect(`keeps ${PersonalizeEmulator.defaultRequestLogSize} requests by default; 0 keeps none`, () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.make({ seed: fixedJobs(1) })
      const none = yield* PersonalizeEmulator.make({ seed: fixedJobs(1), requestLogSize: 0 })
      const requests = PersonalizeEmulator.defaultRequestLogSize + 7
      for (let i = 0; i < requests; i++) {
        yield* emulator.handle({ face: "client", body: {} })
        yield* none.handle({ face: "client", body: {} })
      }
      const log = yield* emulator.requestLog
      assert.strictEqual(log.length, PersonalizeEmulator.defaultRequestLogSize)
      assert.strictEqual(log[0].index, 8)
      assert.strictEqual(log.at(-1)!.index, requests)
      assert.deepStrictEqual(yield* none.requestLog, [])
      for (const e of [emulator, none]) {
        assert.deepInclude(yield* e.stats, { requests, pages: requests, jobs: requests })
      }
      const exit = yield* Effect.exit(PersonalizeEmulator.make({ requestLogSize: -1 }))
      assert.match(Exit.isFailure(exit) ? Cause.pretty(exit.cause) : "", /whole number of at least 0, got -1/)
    }))

  it.effect("an entry keeps the members of the operation that the body set, each cut to its longest valid value", () =>
    Effect.gen(function*() {
      const { emulator, url } = yield* setupServer({ seed: fixedJobs(3), verifySignatures: false })
      const arn = `arn:aws:personalize:us-east-1:123456789012:solution/${"s".repeat(300)}`
      const padding = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, {}]))
      yield* post(url, { ...padding, maxResults: 5, nextToken: "t".repeat(3000), solutionVersionArn: arn, other: "x" })
      yield* post(url, { maxResults: { a: 1, b: [] }, nextToken: [1, 2, 3], solutionVersionArn: null })
      yield* post(url, [1, 2])
      const text = `not JSON ${"x".repeat(1000)}`
      yield* post(url, text)
      const first = yield* post(url, { maxResults: 1 })
      yield* post(url, { maxResults: 1, nextToken: first.json.nextToken })
      const log = yield* emulator.requestLog
      assert.deepStrictEqual(log.map((entry) => entry.body), [
        {
          maxResults: 5,
          nextToken: `${"t".repeat(1500)}… (3000 characters)`,
          solutionVersionArn: `${arn.slice(0, 256)}… (${arn.length} characters)`
        },
        { maxResults: "an object of 2 members", nextToken: "an array of 3 values", solutionVersionArn: null },
        "an array of 2 values",
        `${text.slice(0, 256)}… (${text.length} characters)`,
        { maxResults: 1 },
        // a valid token is kept whole
        { maxResults: 1, nextToken: first.json.nextToken }
      ])
      assert.deepStrictEqual(log.map((entry) => entry.status), [400, 400, 400, 400, 200, 200])
    }))

  it.effect("many huge requests keep the log small: in the entries it gives, and in the heap", () =>
    Effect.gen(function*() {
      const gc = heapCollector()
      const requests = 300
      const emulator = yield* PersonalizeEmulator.make({ seed: fixedJobs(1) })
      // about 60 KB each: 2000 members that are not the operation's, and a token far longer than any valid one
      const padding = Array.from({ length: 2000 }, (_, i) => `"k${i}":{}`).join(",")
      const heapBefore = gc()
      for (let i = 0; i < requests; i++) {
        const text = `{${padding},"maxResults":${i % 100 + 1},"nextToken":"${"t".repeat(20_000)}${i}"}`
        yield* emulator.handle({ face: "http", body: JSON.parse(text) })
      }
      const heapAfter = gc()
      const log = yield* emulator.requestLog
      assert.strictEqual(log.length, requests)
      // what a user sees: each entry is small (the token cut to 1500 characters, ids, the answer)
      const bytes = JSON.stringify(log).length
      assert.isBelow(bytes, requests * 2000, `${bytes} bytes of JSON`)
      // and nothing else is held: neither the bodies nor the part of the token that was cut off
      const grown = heapAfter - heapBefore
      assert.isBelow(grown, 3 * 2 ** 20, `the heap grew by ${(grown / 2 ** 20).toFixed(1)} MB`)
    }))

  it.effect("a request in flight when it leaves the log still settles and counts", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.Emulator
      const hung = yield* Effect.forkChild(call())
      yield* Effect.yieldNow
      for (let i = 0; i < 3; i++) yield* call()
      assert.deepStrictEqual((yield* emulator.requestLog).map((entry) => entry.index), [3, 4])
      assert.deepInclude(yield* emulator.stats, { requests: 4, inFlight: 1, aborted: 0 })
      yield* Fiber.interrupt(hung)
      assert.deepInclude(yield* emulator.stats, { requests: 4, inFlight: 0, aborted: 1, pages: 3 })
    }).pipe(
      Effect.provide(
        PersonalizeEmulator.layerClient({ requestLogSize: 2, faults: { script: [{ on: 1, kind: "hang" }] } })
      )
    ))
})

describe("random faults", () => {
  const kinds = [
    "throttle",
    "tooManyRequests",
    "internalError",
    "serviceUnavailable",
    "connectionReset",
    "latency",
    "hang"
  ] as const

  // What a client that gives up after 5 seconds sees of each request.
  const outcome = Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(Effect.result(call({ maxResults: 1 })))
    yield* TestClock.adjust("5 seconds")
    const done = fiber.pollUnsafe()
    if (done === undefined) {
      yield* Fiber.interrupt(fiber)
      return "no answer"
    }
    const result = yield* done
    if (result._tag === "Success") return "ok"
    const e = result.failure
    return e._tag === "ThrottlingException" || e._tag === "PersonalizeServiceException"
      ? `${e._tag} ${e.status}`
      : e._tag === "TransportError"
      ? `TransportError ${e.reason}`
      : e._tag
  })

  it.effect("every kind a client must survive, at a seeded rate, the same for the same seed", () =>
    Effect.gen(function*() {
      const run = (seed: number) =>
        Effect.gen(function*() {
          const emulator = yield* PersonalizeEmulator.Emulator
          const outcomes: Array<string> = []
          for (let i = 0; i < 200; i++) outcomes.push(yield* outcome)
          return { outcomes, stats: yield* emulator.stats, log: yield* emulator.requestLog }
        }).pipe(
          Effect.provide(
            PersonalizeEmulator.layerClient({
              seed: fixedJobs(3),
              faults: { rate: 0.35, seed, kinds, latency: "1 second" }
            })
          )
        )
      const a = yield* run(3)
      assert.deepStrictEqual(a.outcomes, (yield* run(3)).outcomes, "the same seed, the same faults")
      assert.notDeepEqual(a.outcomes, (yield* run(4)).outcomes)
      const expected: Record<string, string> = {
        throttle: "ThrottlingException 400",
        tooManyRequests: "ThrottlingException 429",
        internalError: "PersonalizeServiceException 500",
        serviceUnavailable: "PersonalizeServiceException 503",
        connectionReset: "TransportError ConnectionReset",
        latency: "ok",
        hang: "no answer"
      }
      a.log.forEach((entry, i) =>
        assert.strictEqual(a.outcomes[i], entry.fault === undefined ? "ok" : expected[entry.fault], `#${i + 1}`)
      )
      for (const kind of kinds) assert.isAtLeast(a.stats.faults[kind] ?? 0, 3, kind)
      assert.isTrue(a.stats.faultsInjected >= 50 && a.stats.faultsInjected <= 90, `${a.stats.faultsInjected}`)
      assert.strictEqual(a.stats.aborted, a.stats.faults.hang)
      // a latency fault answers after its delay, within the client's patience
      const slow = a.log.filter((entry) => entry.fault === "latency")
      assert.isTrue(slow.every((entry) => entry.status === 200))
    }))
})

describe("the command's options", () => {
  const config = {
    host: "127.0.0.1",
    port: Option.none(),
    generate: Option.none(),
    seedFile: Option.none(),
    randomSeed: Option.none(),
    accessKeyId: Option.none(),
    secretAccessKey: Option.none(),
    noVerifySignatures: false,
    faultRate: Option.none(),
    faultKinds: Option.none(),
    lifecycle: Option.none(),
    tokenTtl: Option.none(),
    responseTime: Option.none(),
    rateLimit: Option.none(),
    requestLogSize: Option.none()
  }
  const rateLimitOf = (text: string) =>
    Effect.map(Cli.toOptions({ ...config, rateLimit: Option.some(text) }), (options) => options.rateLimit)

  it.effect("--rate-limit takes REQUESTS/s, then burst= and retry-after=", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* rateLimitOf("5/s"), { requestsPerSecond: 5 })
      assert.deepStrictEqual(yield* rateLimitOf("100/s"), { requestsPerSecond: 100 })
      assert.deepStrictEqual(yield* rateLimitOf("0.5/s, burst=3"), { requestsPerSecond: 0.5, burst: 3 })
      assert.deepStrictEqual(yield* rateLimitOf("5/s,burst=10,retry-after=2"), {
        requestsPerSecond: 5,
        burst: 10,
        retryAfter: Duration.seconds(2)
      })
      for (
        const [text, why] of [
          ["5", /the rate must be a number of requests per second \(N\/s\) in "5"/],
          ["5/m", /N\/s/],
          ["-5/s", /N\/s/],
          ["0/s", /positive number of requests per second, got 0/],
          ["5/s,burst=0", /burst that is a whole number of at least 1, got 0/],
          ["5/s,burst=2.5", /burst needs a number, got "2.5"/],
          ["5/s,burst", /burst needs a number, got ""/],
          ["5/s,speed=3", /unknown setting "speed"/]
        ] as const
      ) {
        const error = yield* Effect.flip(rateLimitOf(text))
        assert.match(error.message, /^--rate-limit expects REQUESTS\/s\[,burst=N\]\[,retry-after=SECONDS\]/, text)
        assert.match(error.message, why, text)
      }
    }))

  it.effect("--rate-limit and --request-log-size become options", () =>
    Effect.gen(function*() {
      const options = yield* Cli.toOptions({
        ...config,
        rateLimit: Option.some("100/s"),
        requestLogSize: Option.some("50")
      })
      assert.deepStrictEqual(options.rateLimit, { requestsPerSecond: 100 })
      assert.strictEqual(options.requestLogSize, 50)
      const error = yield* Effect.flip(Cli.toOptions({ ...config, requestLogSize: Option.some("-1") }))
      assert.strictEqual(error.message, "--request-log-size expects a whole number of at least 0, got -1")
    }))

  it.effect("the secret access key stays Redacted; the options that a range bounds say the range", () =>
    Effect.gen(function*() {
      const options = yield* Cli.toOptions({
        ...config,
        accessKeyId: Option.some("AKIDTEST"),
        secretAccessKey: Option.some(Redacted.make("the-secret"))
      })
      const credentials = options.credentials as PersonalizeEmulator.Credentials
      assert.isTrue(Redacted.isRedacted(credentials.secretAccessKey))
      assert.notInclude(JSON.stringify(options), "the-secret")
      for (
        const [wrong, message] of [
          [
            { port: Option.some("65536") },
            "--port expects a whole number from 0 to 65535 (0 picks a free port), got 65536"
          ],
          [
            { port: Option.some("abc") },
            "--port expects a whole number from 0 to 65535 (0 picks a free port), got \"abc\""
          ],
          [{ faultRate: Option.some("NaN") }, "--fault-rate expects a number from 0 to 1, got \"NaN\""],
          [{ tokenTtl: Option.some("0") }, "--token-ttl expects a whole number of seconds of at least 1, got 0"],
          [
            { responseTime: Option.some("-1") },
            "--response-time expects a whole number of milliseconds of at least 0, got -1"
          ]
        ] as const
      ) {
        const error = yield* Effect.flip(Cli.toOptions({ ...config, ...wrong }))
        assert.strictEqual(error.message, message)
      }
    }))
})
