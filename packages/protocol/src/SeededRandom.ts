/**
 * A small deterministic random generator (mulberry32), for the emulators of both editions: the same seed gives the
 * same jobs, the same outcomes and the same faults on every machine and in every edition, which `Math.random`
 * cannot promise.
 *
 * @since 0.1.0
 */

/**
 * A stream of numbers from a seed.
 *
 * @example
 * ```ts
 * import { SeededRandom } from "@effect-personalize/protocol"
 *
 * const random: SeededRandom.Prng = SeededRandom.make(42)
 * const roll = random.int(1, 6)
 * assert.ok(roll >= 1 && roll <= 6)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Prng {
  /** A float in [0, 1). */
  readonly next: () => number
  /** An integer in [min, max]. */
  readonly int: (min: number, max: number) => number
  /** One of `items`. */
  readonly pick: <A>(items: ReadonlyArray<A>) => A
  /** `length` hexadecimal digits. */
  readonly hex: (length: number) => string
}

/**
 * A generator from a seed (a 32-bit integer; other numbers are truncated to one).
 *
 * @example
 * ```ts
 * import { SeededRandom } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(SeededRandom.make(7).hex(8), SeededRandom.make(7).hex(8))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (seed: number): Prng => {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)],
    hex: (length) => {
      let s = ""
      for (let i = 0; i < length; i++) s += int(0, 15).toString(16)
      return s
    }
  }
}

/**
 * A float in [0, 1) that depends only on the seed and the key: for decisions that must not depend on the order in
 * which things happen (a job's outcome, the fault of request number n).
 *
 * @example
 * ```ts
 * import { SeededRandom } from "@effect-personalize/protocol"
 *
 * // the fault of request 3 under seed 1, whatever came before it
 * assert.strictEqual(SeededRandom.unit(1, "fault:3"), SeededRandom.unit(1, "fault:3"))
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const unit = (seed: number, key: string | number): number => {
  let h = (seed ^ 0x9e3779b9) >>> 0
  const text = String(key)
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x85ebca6b) >>> 0
    h ^= h >>> 13
  }
  return make(h).next()
}
