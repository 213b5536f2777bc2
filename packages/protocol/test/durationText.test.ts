import { DurationText } from "@effect-personalize/protocol"
import { assert, describe, it } from "@effect/vitest"
import { Duration, FastCheck, Option } from "effect"

// The CLI of both editions reads durations with DurationText, which follows the grammar of Effect's own
// `Duration.decode` (the same in Effect 3 and 4) without depending on it: checked here against Effect 3's.
describe("DurationText", () => {
  it("reads a long form as Effect's Duration.decode does, to the millisecond", () => {
    const units = ["nano", "micro", "milli", "second", "minute", "hour", "day", "week"]
    const text = FastCheck.tuple(
      FastCheck.oneof(FastCheck.nat({ max: 100_000 }), FastCheck.double({ min: 0, max: 10_000, noNaN: true })),
      FastCheck.constantFrom(...units),
      FastCheck.boolean()
    ).map(([n, unit, plural]) => `${Number.isInteger(n) ? n : n.toFixed(3)} ${unit}${plural ? "s" : ""}`)
    FastCheck.assert(
      FastCheck.property(text, (input) => {
        const effect = Option.map(Duration.decodeUnknown(input), Duration.toMillis)
        const ours = DurationText.parse(input)
        if (Option.isSome(effect) && effect.value > 0) {
          assert.strictEqual(ours._tag, "Right", input)
          if (ours._tag === "Right") assert.closeTo(ours.value, effect.value, 1e-12 * Math.max(1, effect.value), input)
        } else {
          assert.strictEqual(ours._tag, "Left", input)
        }
      }),
      { seed: 20261203, numRuns: 2000 }
    )
  })

  it("a fraction of a nano or a micro is rounded to whole nanoseconds, as Effect does: 0.001 nanos is no time", () => {
    assert.deepStrictEqual(DurationText.parse("0.001 nano"), {
      _tag: "Left",
      detail: "expected a positive duration, got '0.001 nano'"
    })
    assert.deepStrictEqual(DurationText.parse("0.0004 micros"), {
      _tag: "Left",
      detail: "expected a positive duration, got '0.0004 micros'"
    })
    assert.deepStrictEqual(DurationText.parse("1.5 nanos"), { _tag: "Right", value: 2e-6 })
    assert.deepStrictEqual(DurationText.parse("2.5 micros"), { _tag: "Right", value: 2.5e-3 })
  })

  it("short forms, no unit, not positive, not a duration: what the command line says", () => {
    assert.deepStrictEqual(DurationText.parse("90s"), { _tag: "Right", value: 90_000 })
    assert.deepStrictEqual(DurationText.parse("500ms"), { _tag: "Right", value: 500 })
    assert.deepStrictEqual(DurationText.parse(" 1  Minute "), { _tag: "Right", value: 60_000 })
    assert.deepStrictEqual(DurationText.parse("30"), {
      _tag: "Left",
      detail: "'30' has no unit: write \"30 seconds\" (or 30s)"
    })
    assert.deepStrictEqual(DurationText.parse("0s"), { _tag: "Left", detail: "expected a positive duration, got '0s'" })
    assert.strictEqual(DurationText.parse("soon")._tag, "Left")
    assert.deepStrictEqual(DurationText.parseSince("2023-11-14 22:13:25"), {
      _tag: "Right",
      value: { _tag: "At", date: new Date("2023-11-14T22:13:25Z") }
    })
    assert.deepStrictEqual(DurationText.parseSince("7 days"), {
      _tag: "Right",
      value: { _tag: "Ago", millis: 604_800_000 }
    })
  })
})
