import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs, PersonalizeClient, Retry } from "@effect-personalize/core"
import { PersonalizeEmulator } from "@effect-personalize/emulator"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Context, Effect, Layer, Stream } from "effect"

// One emulator, both faces: the AWS SDK over HTTP (through the aws layer), and the in-memory client.
const setup = (options: PersonalizeEmulator.Options) =>
  Effect.gen(function*() {
    const emulatorContext = yield* Layer.build(PersonalizeEmulator.layer(options))
    const emulator = Layer.succeedContext(emulatorContext)
    const serverContext = yield* Layer.build(
      PersonalizeEmulator.layerServerFromEmulator().pipe(Layer.provide(emulator))
    )
    const { url } = Context.get(serverContext, PersonalizeEmulator.EmulatorServer)
    const http: Layer.Layer<PersonalizeClient.PersonalizeClient> = PersonalizeAws.layer({
      region: "us-east-1",
      endpoint: url,
      credentials: PersonalizeEmulator.testCredentials
    })
    const memory = PersonalizeEmulator.layerClientFromEmulator.pipe(Layer.provide(emulator))
    return { emulator: Context.get(emulatorContext, PersonalizeEmulator.Emulator), http, memory }
  })

const jobs = (request: ListBatchSegmentJobs.Request, pageSize: number) =>
  ListBatchSegmentJobs.stream(request, { pageSize }).pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))

describe("emulator end to end: the core over HTTP and in memory", () => {
  it.scoped("the same jobs, in the same order, through both faces", () =>
    Effect.gen(function*() {
      const { emulator, http, memory } = yield* setup({
        generate: { solutionVersions: 4, jobsPerVersion: 23, seed: 8 }
      })
      const all = yield* emulator.jobs
      const solutionVersionArn = all[0].solutionVersionArn!
      for (const request of [{}, { solutionVersionArn }]) {
        for (const pageSize of [1, 7, 100]) {
          const overHttp = yield* jobs(request, pageSize).pipe(Effect.provide(http))
          const inMemory = yield* jobs(request, pageSize).pipe(Effect.provide(memory))
          assert.deepStrictEqual(overHttp, inMemory)
          assert.deepStrictEqual(
            overHttp.map((job) => job.batchSegmentJobArn),
            all.filter((job) =>
              request.solutionVersionArn === undefined || job.solutionVersionArn === solutionVersionArn
            )
              .map((job) => job.batchSegmentJobArn)
          )
        }
      }
    }))

  it.scoped("the same errors through both faces", () =>
    Effect.gen(function*() {
      const { emulator, http, memory } = yield* setup({ generate: { solutionVersions: 2, jobsPerVersion: 5, seed: 1 } })
      const noRetry = <A, E, R>(effect: Effect.Effect<A, E, R>) => Retry.withPolicy(effect, Retry.none)
      const token = "not-a-token-of-this-emulator"
      const viaHttp = yield* Effect.flip(
        noRetry(ListBatchSegmentJobs.list({ nextToken: token })).pipe(Effect.provide(http))
      )
      const viaMemory = yield* Effect.flip(
        noRetry(ListBatchSegmentJobs.list({ nextToken: token })).pipe(Effect.provide(memory))
      )
      assert.strictEqual(viaHttp._tag, "InvalidNextTokenException")
      assert.strictEqual(viaMemory._tag, "InvalidNextTokenException")

      for (const kind of ["throttle", "tooManyRequests", "internalError", "serviceUnavailable"] as const) {
        yield* emulator.setFaults({ script: () => kind })
        const a = yield* Effect.flip(noRetry(ListBatchSegmentJobs.list({})).pipe(Effect.provide(http)))
        const b = yield* Effect.flip(noRetry(ListBatchSegmentJobs.list({})).pipe(Effect.provide(memory)))
        assert.strictEqual(a._tag, b._tag, kind)
        assert.strictEqual((a as any).code, (b as any).code, kind)
        assert.strictEqual((a as any).status, (b as any).status, kind)
      }
      yield* emulator.setFaults(undefined)
    }))

  it.scoped("every validation and token rule, sent past the core's own checks, comes back as the right class", () =>
    Effect.gen(function*() {
      const { emulator, http } = yield* setup({ generate: { solutionVersions: 2, jobsPerVersion: 5, seed: 1 } })
      // The port itself, over the aws layer: the core would refuse these requests before sending them.
      const port = yield* PersonalizeClient.PersonalizeClient.pipe(Effect.provide(http))
      const send = (request: PersonalizeClient.WireRequest) =>
        Effect.flip(port.listBatchSegmentJobs(request, new AbortController().signal))
      const arn = "arn:aws:personalize:us-east-1:123456789012:solution/x/"
      const invalid: ReadonlyArray<[PersonalizeClient.WireRequest, RegExp]> = [
        [{ maxResults: 0 }, /Value '0' at 'maxResults' failed to satisfy constraint: .* greater than or equal to 1/],
        [{ maxResults: 101 }, /Value '101' at 'maxResults' failed to satisfy constraint: .* less than or equal to 100/],
        [{ solutionVersionArn: arn + "v".repeat(257 - arn.length) }, /at 'solutionVersionArn' .* length less than/],
        [{ solutionVersionArn: "arn:aws:s3:::bucket" }, /at 'solutionVersionArn' .* regular expression pattern/],
        [{ nextToken: "t".repeat(1501) }, /at 'nextToken' .* length less than or equal to 1500/]
      ]
      for (const [request, message] of invalid) {
        const error = yield* send(request)
        assert.strictEqual(error._tag, "InvalidInputException", JSON.stringify(request))
        if (error._tag !== "InvalidInputException") continue
        assert.strictEqual(error.origin, "service")
        assert.match(error.detail, message)
        assert.isString(error.requestId)
      }

      const first = yield* port.listBatchSegmentJobs({ maxResults: 2 }, new AbortController().signal)
      const token = (first.body as { nextToken: string }).nextToken
      const other = (yield* emulator.jobs)[0].solutionVersionArn!
      const tampered = token.slice(0, -2) + (token.endsWith("A") ? "BB" : "AA")
      for (const request of [{ nextToken: tampered }, { nextToken: token, solutionVersionArn: other }]) {
        const error = yield* send(request)
        assert.strictEqual(error._tag, "InvalidNextTokenException", JSON.stringify(request))
        if (error._tag === "InvalidNextTokenException") assert.strictEqual(error.origin, "service")
      }
      yield* emulator.advance("25 hours")
      const expired = yield* send({ nextToken: token })
      assert.strictEqual(expired._tag, "InvalidNextTokenException")
    }))
})
