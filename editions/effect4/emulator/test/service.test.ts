import { ListBatchSegmentJobsCommand } from "@aws-sdk/client-personalize"
import { ListBatchSegmentJobs, PersonalizeClient, PersonalizeError } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Context, Effect, Layer, Option } from "effect"
import { PersonalizeEmulator } from "../src/index.js"
import { fixedJobs, post, sdk } from "./utils.js"

// Both faces over one `Emulator.Service`, whichever implements it.
const faces = (service: PersonalizeEmulator.Emulator.Service, options?: PersonalizeEmulator.ServerOptions) =>
  Effect.gen(function*() {
    const emulator = Layer.succeed(PersonalizeEmulator.Emulator, service)
    const context = yield* Layer.build(
      PersonalizeEmulator.layerServerFromEmulator(options).pipe(Layer.provide(emulator))
    )
    const client = yield* PersonalizeClient.PersonalizeClient.pipe(
      Effect.provide(PersonalizeEmulator.layerClientFromEmulator.pipe(Layer.provide(emulator)))
    )
    return { url: Context.get(context, PersonalizeEmulator.EmulatorServer).url, client }
  })

const unused = Effect.die(new Error("not part of this test double"))

describe("Emulator.Service", () => {
  it.effect("another implementation serves both faces: the faces use nothing but handle", () =>
    Effect.gen(function*() {
      const seen: Array<PersonalizeEmulator.Request> = []
      let n = 0
      const fixed: PersonalizeEmulator.Emulator.Service = {
        handle: (request) =>
          Effect.sync((): PersonalizeEmulator.Answer => {
            seen.push(request)
            const requestId = `fixed-${++n}`
            return request.refused !== undefined
              ? { _tag: "Failure", requestId, failure: request.refused }
              : {
                _tag: "Success",
                requestId,
                body: {
                  batchSegmentJobs: [{
                    batchSegmentJobArn: "arn:aws:personalize:us-east-1:123456789012:batch-segment-job/only",
                    status: "ACTIVE",
                    creationDateTime: 1735689600.25
                  }]
                }
              }
          }),
        seed: () => unused,
        seedFile: () => unused,
        generate: () => unused,
        createJob: () => unused,
        clear: unused,
        jobs: unused,
        stats: unused,
        requestLog: unused,
        setFaults: () => unused,
        setRateLimit: () => unused,
        advance: () => unused,
        now: unused
      }
      const { client, url } = yield* faces(fixed)

      const page = yield* ListBatchSegmentJobs.list({ maxResults: 5 }).pipe(
        Effect.provideService(PersonalizeClient.PersonalizeClient, client)
      )
      assert.deepStrictEqual(page.batchSegmentJobs.map((job) => [job.batchSegmentJobArn, job.creationDateTime]), [
        ["arn:aws:personalize:us-east-1:123456789012:batch-segment-job/only", new Date(1735689600250)]
      ])
      assert.strictEqual(Option.getOrUndefined(page.requestId), "fixed-1")

      const sdkClient = yield* sdk(url)
      const out = yield* Effect.promise(() => sdkClient.send(new ListBatchSegmentJobsCommand({ maxResults: 5 })))
      assert.strictEqual(out.batchSegmentJobs![0].creationDateTime!.getTime(), 1735689600250)
      assert.strictEqual(out.$metadata.requestId, "fixed-2")
      // The HTTP face's own checks become refusals that the service answers (and could log).
      const unsigned = yield* post(url, {})
      assert.strictEqual(unsigned.status, 403)
      assert.strictEqual(unsigned.headers.get("x-amzn-requestid"), "fixed-3")

      assert.deepStrictEqual(seen.map((request) => [request.face, request.body, request.refused?.code]), [
        ["client", { maxResults: 5 }, undefined],
        ["http", { maxResults: 5 }, undefined],
        ["http", undefined, "MissingAuthenticationTokenException"]
      ])
    }))

  it.effect("one that wraps the emulator's keeps its log, counters and faults, and may answer in its place", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.make({ seed: fixedJobs(3) })
      const wrapped: PersonalizeEmulator.Emulator.Service = {
        ...emulator,
        handle: (request) =>
          typeof request.body === "object" && request.body !== null && "solutionVersionArn" in request.body
            ? emulator.handle({
              ...request,
              refused: { status: 403, code: "AccessDeniedException", message: "not this one" }
            })
            : emulator.handle(request)
      }
      const { client, url } = yield* faces(wrapped, { verifySignatures: false })
      assert.strictEqual((yield* post(url, {})).json.batchSegmentJobs.length, 3)
      const page = yield* client.listBatchSegmentJobs({})
      assert.strictEqual((page.body as any).batchSegmentJobs.length, 3)
      const denied = yield* Effect.flip(
        client.listBatchSegmentJobs({ solutionVersionArn: "arn:aws:personalize:us-east-1:1:solution/s/1" })
      )
      if (denied._tag !== "AccessDeniedException") return assert.fail(denied._tag)
      assert.strictEqual(denied.status, 403)
      assert.strictEqual(denied.origin, "service")
      const log = yield* emulator.requestLog
      assert.deepStrictEqual(log.map((entry) => [entry.face, entry.status, entry.error ?? null]), [
        ["http", 200, null],
        ["client", 200, null],
        ["client", 403, "AccessDeniedException"]
      ])
      assert.deepInclude(yield* emulator.stats, { requests: 3, faultsInjected: 0, aborted: 0 })
    }))
})

describe("the in-memory face's errors", () => {
  // What the HTTP face sends for a request, through the core's classifier: what a transport over HTTP gives.
  const overHttp = (url: string, body: object) =>
    Effect.map(post(url, body), (response) =>
      PersonalizeError.fromServiceError({
        code: response.headers.get("x-amzn-errortype") ?? "",
        status: response.status,
        message: response.json.message,
        requestId: response.headers.get("x-amzn-requestid") ?? undefined
      }))

  const same = (a: PersonalizeError.PersonalizeError, b: PersonalizeError.PersonalizeError, what: string) => {
    const shape = (e: any) => ({
      _tag: e._tag,
      origin: e.origin,
      field: e.field,
      code: e.code,
      status: e.status,
      fault: e.fault,
      detail: e.detail
    })
    assert.deepStrictEqual(shape(a), shape(b), what)
  }

  it.effect("are those the core's classifier gives for what the HTTP face sends: class, field, code, status", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.make({ seed: fixedJobs(3) })
      const { client, url } = yield* faces(emulator, { verifySignatures: false })
      const bodies: ReadonlyArray<object> = [
        { maxResults: 0 },
        { maxResults: 101 },
        { maxResults: 0, solutionVersionArn: "x" },
        { solutionVersionArn: `arn:aws:personalize:us-east-1:123456789012:solution/${"x".repeat(205)}` },
        { nextToken: "a".repeat(1501) },
        { nextToken: "abc.def" },
        { maxResults: "10" },
        { nextToken: 5 }
      ]
      for (const body of bodies) {
        const expected = yield* overHttp(url, body)
        const actual = yield* Effect.flip(client.listBatchSegmentJobs(body as PersonalizeClient.WireRequest))
        same(actual, expected, JSON.stringify(body))
      }
      const maxResults = yield* Effect.flip(client.listBatchSegmentJobs({ maxResults: 0 }))
      if (maxResults._tag !== "InvalidInputException") return assert.fail(maxResults._tag)
      assert.strictEqual(maxResults.field, "maxResults")
      assert.strictEqual(maxResults.origin, "service")

      for (const kind of ["throttle", "tooManyRequests", "internalError", "serviceUnavailable"] as const) {
        yield* emulator.setFaults({ script: () => kind })
        same(yield* Effect.flip(client.listBatchSegmentJobs({})), yield* overHttp(url, {}), kind)
      }
    }))

  it.effect("a 403 is AccessDeniedException through both", () =>
    Effect.gen(function*() {
      const emulator = yield* PersonalizeEmulator.make()
      const forbidden: PersonalizeEmulator.Emulator.Service = {
        ...emulator,
        handle: (request) =>
          emulator.handle({ ...request, refused: { status: 403, code: "Forbidden", message: "go away" } })
      }
      const { client, url } = yield* faces(forbidden, { verifySignatures: false })
      const expected = yield* overHttp(url, {})
      const actual = yield* Effect.flip(client.listBatchSegmentJobs({}))
      assert.strictEqual(actual._tag, "AccessDeniedException")
      same(actual, expected, "403")
    }))
})
