import { addEqualityTesters } from "@effect/vitest"
import { FastCheck } from "effect"

addEqualityTesters()

// Property tests are seeded: every run tries the same cases, so a test passes or fails the same way on every machine
// (a property's own `seed` overrides this one).
FastCheck.configureGlobal({ seed: 20261203 })
