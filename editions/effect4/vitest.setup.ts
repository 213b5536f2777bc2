import { addEqualityTesters } from "@effect/vitest"
import { Arbitrary } from "effect"

addEqualityTesters()

// Property tests are seeded, as the Effect 3 edition's are (its vitest.setup.ts): every run tries the same cases, so a
// test passes or fails the same way on every machine (a property's own `seed` overrides this one).
Arbitrary.configureGlobal({ check: { seed: 20261203 }, sample: { seed: 20261203 } })
