import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { PersonalizeEmulator } from "@effect-personalize/emulator"
import { assert, it } from "@effect/vitest"
import { Effect, Stream } from "effect"

it.live("lists through the AWS SDK", () =>
  Effect.gen(function*() {
    const { url } = yield* PersonalizeEmulator.EmulatorServer
    const count = yield* Stream.runCount(ListBatchSegmentJobs.stream({})).pipe(
      Effect.provide(
        PersonalizeAws.layer({ region: "us-east-1", endpoint: url, credentials: PersonalizeEmulator.testCredentials })
      )
    )
    assert.strictEqual(count, 40)
  }).pipe(
    Effect.provide(PersonalizeEmulator.layerServer({ generate: { solutionVersions: 2, jobsPerVersion: 20 } })),
    Effect.scoped
  ))
