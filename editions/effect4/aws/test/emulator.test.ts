import { PersonalizeAws } from "@effect-personalize/aws"
import type { PersonalizeClient } from "@effect-personalize/core"
import { ListBatchSegmentJobs, PersonalizeError, Retry } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Layer, Option, Stream } from "effect"
import { FetchHttpClient } from "effect/http"
import { closedPort, start, testCredentials } from "./utils/emulator.js"

const transports: ReadonlyArray<
  readonly [string, (endpoint: string) => Layer.Layer<PersonalizeClient.PersonalizeClient, unknown>]
> = [
  [
    "the SDK's handler",
    (endpoint) => PersonalizeAws.layer({ region: "us-east-1", endpoint, credentials: testCredentials })
  ],
  [
    "an effect 4 HttpClient (fetch)",
    (endpoint) =>
      PersonalizeAws.layerHttpClient({ region: "us-east-1", endpoint, credentials: testCredentials }).pipe(
        Layer.provide(FetchHttpClient.layer)
      )
  ]
]

for (const [name, transport] of transports) {
  describe(`against this edition's emulator over HTTP, through ${name}`, () => {
    it.live("lists one page, then every job of every page, each once, in order", () =>
      Effect.gen(function*() {
        const emulator = yield* start(["--generate", "3:40", "--random-seed", "7"])
        const layer = transport(emulator.endpoint)
        const page = yield* ListBatchSegmentJobs.list({ maxResults: 25 }).pipe(Effect.provide(layer))
        assert.strictEqual(page.batchSegmentJobs.length, 25)
        assert.isTrue(Option.isSome(page.nextToken))
        assert.isTrue(Option.isSome(page.requestId))
        assert.instanceOf(page.batchSegmentJobs[0]!.creationDateTime, Date)
        const jobs = yield* Stream.runCollect(ListBatchSegmentJobs.stream({}, { pageSize: 7 })).pipe(
          Effect.provide(layer)
        )
        assert.strictEqual(jobs.length, 120)
        assert.strictEqual(new Set(jobs.map((job) => job.batchSegmentJobArn)).size, 120)
        const pages = yield* Stream.runCollect(ListBatchSegmentJobs.pages({}, { pageSize: 50, prefetch: 1 })).pipe(
          Effect.provide(layer)
        )
        assert.deepStrictEqual(pages.map((p) => p.batchSegmentJobs.length), [50, 50, 20])
      }).pipe(Effect.scoped), { timeout: 60_000 })

    it.live(
      "the service's errors arrive classified: a token it does not know is InvalidNextTokenException",
      () =>
        Effect.gen(function*() {
          const emulator = yield* start(["--generate", "1:3"])
          const error = yield* Effect.flip(
            ListBatchSegmentJobs.list({ nextToken: "not-a-token-of-this-service" }, { retry: Retry.none })
          ).pipe(Effect.provide(transport(emulator.endpoint)))
          assert.strictEqual(error._tag, "InvalidNextTokenException")
          assert.strictEqual(error._tag === "InvalidNextTokenException" && error.origin, "service")
          assert.isTrue(PersonalizeError.isPersonalizeError(error))
        }).pipe(Effect.scoped),
      { timeout: 60_000 }
    )

    it.live(
      "wrong credentials are an AccessDeniedException from the service, not retried",
      () =>
        Effect.gen(function*() {
          const emulator = yield* start(["--generate", "1:3"])
          const layer = name === "the SDK's handler"
            ? PersonalizeAws.layer({
              region: "us-east-1",
              endpoint: emulator.endpoint,
              credentials: { ...testCredentials, accessKeyId: "AKIAWRONGWRONGWRONG0" }
            })
            : PersonalizeAws.layerHttpClient({
              region: "us-east-1",
              endpoint: emulator.endpoint,
              credentials: { ...testCredentials, accessKeyId: "AKIAWRONGWRONGWRONG0" }
            }).pipe(Layer.provide(FetchHttpClient.layer))
          const error = yield* Effect.flip(ListBatchSegmentJobs.list({})).pipe(Effect.provide(layer))
          assert.strictEqual(error._tag, "AccessDeniedException")
          assert.strictEqual(error._tag === "AccessDeniedException" && error.origin, "service")
          assert.notInclude(error.message, "wJalrXUtnFEMI")
        }).pipe(Effect.scoped),
      { timeout: 60_000 }
    )

    it.live(
      "interrupting a call in flight aborts it (the emulator answers after 10 s; the call ends at once)",
      () =>
        Effect.gen(function*() {
          const emulator = yield* start(["--generate", "1:3", "--response-time", "10000"])
          const fiber = yield* ListBatchSegmentJobs.list({}).pipe(
            Effect.provide(transport(emulator.endpoint)),
            Effect.forkChild
          )
          yield* Effect.sleep("300 millis")
          const started = Date.now()
          yield* Fiber.interrupt(fiber)
          const exit = yield* Fiber.await(fiber)
          assert.isTrue(Exit.hasInterrupts(exit))
          assert.isBelow(Date.now() - started, 5_000)
        }).pipe(Effect.scoped),
      { timeout: 60_000 }
    )

    it.live("nothing listens: TransportError ConnectionRefused with the endpoint", () =>
      Effect.gen(function*() {
        const port = yield* closedPort
        const endpoint = `http://127.0.0.1:${port}`
        const error = yield* Effect.flip(ListBatchSegmentJobs.list({}, { retry: Retry.none })).pipe(
          Effect.provide(transport(endpoint))
        )
        assert.strictEqual(error._tag, "TransportError")
        if (error._tag !== "TransportError") return
        assert.strictEqual(error.reason, "ConnectionRefused")
        assert.include(error.endpoint ?? "", `127.0.0.1:${port}`)
      }).pipe(Effect.scoped), { timeout: 60_000 })
  })
}
