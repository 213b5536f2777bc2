import { RateLimit } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"

// The Effect 3 edition's rateLimit.test.ts, as far as it is mirrored here (its limiter tests are in limits.test.ts).

describe("RateLimit.layer's checks", () => {
  const build = (options: RateLimit.Options) => Effect.result(Layer.build(RateLimit.layer(options)).pipe(Effect.scoped))

  it.effect("refuses each rate and burst that makes no sense, saying what it needs and what it got", () =>
    Effect.gen(function*() {
      const cases = [
        [{ requestsPerSecond: 0 }, "requestsPerSecond", "a positive number of requests per second, got 0"],
        [{ requestsPerSecond: -1 }, "requestsPerSecond", "a positive number of requests per second, got -1"],
        [{ requestsPerSecond: Number.NaN }, "requestsPerSecond", "a positive number of requests per second, got NaN"],
        [
          { requestsPerSecond: Infinity },
          "requestsPerSecond",
          "a positive number of requests per second, got Infinity"
        ],
        [{ requestsPerSecond: 1, burst: 0 }, "burst", "a burst that is a whole number of at least 1, got 0"],
        [{ requestsPerSecond: 1, burst: 1.5 }, "burst", "a burst that is a whole number of at least 1, got 1.5"],
        [
          { requestsPerSecond: 1, burst: 2 ** 53 },
          "burst",
          "a burst that is a whole number of at least 1, got 9007199254740992"
        ]
      ] as const
      for (const [options, field, needs] of cases) {
        const result = yield* build(options)
        assert.isTrue(result._tag === "Failure", JSON.stringify(options))
        if (result._tag === "Failure") {
          assert.deepInclude(result.failure, { origin: "client", field, detail: `RateLimit.layer needs ${needs}` })
        }
      }
    }))

  it.effect("takes the smallest rate and burst that make sense", () =>
    Effect.gen(function*() {
      for (const options of [{ requestsPerSecond: 0.001 }, { requestsPerSecond: 1, burst: 1 }]) {
        assert.strictEqual((yield* build(options))._tag, "Success", JSON.stringify(options))
      }
    }))
})
