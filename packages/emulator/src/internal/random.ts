/**
 * A small deterministic generator (mulberry32): the same seed gives the same jobs and the same faults on
 * every machine, which `Math.random` cannot promise.
 *
 * @internal
 */
export interface Prng {
  /** A float in [0, 1). */
  readonly next: () => number
  /** An integer in [min, max]. */
  readonly int: (min: number, max: number) => number
  readonly pick: <A>(items: ReadonlyArray<A>) => A
  readonly hex: (length: number) => string
}

/** @internal */
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
 * A float in [0, 1) that depends only on the seed and the key: decisions that must not depend on the order
 * in which things happen (a job's outcome, the fault of request number n).
 *
 * @internal
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
