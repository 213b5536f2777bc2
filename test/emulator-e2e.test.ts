import { PersonalizeAws } from "@effect-personalize/aws"
import type { PersonalizeError } from "@effect-personalize/core"
import { ListBatchSegmentJobs, PersonalizeClient, Retry } from "@effect-personalize/core"
import { PersonalizeEmulator } from "@effect-personalize/emulator"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Chunk, Context, Effect, Exit, Fiber, Layer, Redacted, Stream, TestClock, TestServices } from "effect"

/** How the AWS SDK client of the aws layer sends its requests to the emulator's HTTP face. */
interface Transport {
  readonly name: string
  readonly layer: (
    endpoint: string,
    credentials?: PersonalizeAws.Credentials
  ) => Layer.Layer<PersonalizeClient.PersonalizeClient>
}

const options = (endpoint: string, credentials: PersonalizeAws.Credentials = PersonalizeEmulator.testCredentials) => ({
  region: "us-east-1",
  endpoint,
  credentials
})

const transports: ReadonlyArray<Transport> = [
  {
    name: "sdk handler",
    layer: (endpoint, credentials) => Layer.orDie(PersonalizeAws.layer(options(endpoint, credentials)))
  },
  {
    name: "HttpClient",
    layer: (endpoint, credentials) =>
      PersonalizeAws.layerHttpClient(options(endpoint, credentials)).pipe(
        Layer.provide(NodeHttpClient.layerUndici),
        Layer.orDie
      )
  }
]

/**
 * One emulator, both faces: the AWS SDK over HTTP (through the aws layer and the transport), and the in-memory
 * client. `wrap` stands between the emulator and both faces (as `PersonalizeEmulator.Request` documents it).
 */
const setup = (
  transport: Transport,
  emulatorOptions: PersonalizeEmulator.Options,
  wrap: (emulator: PersonalizeEmulator.Emulator.Service) => PersonalizeEmulator.Emulator.Service = (e) => e
) =>
  Effect.gen(function*() {
    const emulator = Context.get(
      yield* Layer.build(PersonalizeEmulator.layer(emulatorOptions)),
      PersonalizeEmulator.Emulator
    )
    const faces = Layer.succeed(PersonalizeEmulator.Emulator, wrap(emulator))
    const serverContext = yield* Layer.build(PersonalizeEmulator.layerServerFromEmulator().pipe(Layer.provide(faces)))
    const { url } = Context.get(serverContext, PersonalizeEmulator.EmulatorServer)
    const http = transport.layer(url)
    const memory = PersonalizeEmulator.layerClientFromEmulator.pipe(Layer.provide(faces))
    const portOf = (layer: Layer.Layer<PersonalizeClient.PersonalizeClient>) =>
      Effect.map(Layer.build(layer), Context.get(PersonalizeClient.PersonalizeClient))
    return {
      emulator,
      url,
      http,
      memory,
      ports: { http: yield* portOf(http), memory: yield* portOf(memory) }
    }
  })

const jobs = (request: ListBatchSegmentJobs.Request, pageSize: number) =>
  ListBatchSegmentJobs.stream(request, { pageSize }).pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))

/** What a handler of the error can see and act on: everything but request ids, endpoints and texts. */
const shape = (exit: Exit.Exit<unknown, unknown>) => {
  if (Exit.isSuccess(exit)) return { success: true }
  const error = Cause.squash(exit.cause) as Partial<Record<string, unknown>>
  return {
    _tag: error._tag,
    field: error.field,
    code: error.code,
    status: error.status,
    origin: error.origin,
    fault: error.fault,
    reason: error.reason,
    path: error.path
  }
}

const failure = (exit: Exit.Exit<unknown, PersonalizeError.PersonalizeError>): PersonalizeError.PersonalizeError => {
  assert.isTrue(Exit.isFailure(exit), "expected a failure")
  return Cause.squash((exit as Exit.Failure<unknown, unknown>).cause) as PersonalizeError.PersonalizeError
}

/** Waits, in real time, until the emulator's counters say so (a request over HTTP takes real time). */
const until = (
  emulator: PersonalizeEmulator.Emulator.Service,
  done: (stats: PersonalizeEmulator.Stats) => boolean
): Effect.Effect<void> =>
  Effect.flatMap(
    emulator.stats,
    (stats) =>
      done(stats)
        ? Effect.void
        : Effect.zipRight(TestServices.provideLive(Effect.sleep("5 millis")), until(emulator, done))
  )

describe.each(transports)("emulator end to end over the $name: the core over HTTP and in memory", (transport) => {
  it.scoped("the same jobs, in the same order, through both faces", () =>
    Effect.gen(function*() {
      const { emulator, http, memory } = yield* setup(transport, {
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

  it.scoped("the same request sent to the port through both faces fails with the same class, field, code and status", () =>
    Effect.gen(function*() {
      const { emulator, ports } = yield* setup(transport, {
        generate: { solutionVersions: 2, jobsPerVersion: 5, seed: 1 }
      })
      // Through the port itself: the core would refuse these requests before sending them.
      const both = (request: PersonalizeClient.WireRequest) =>
        Effect.all([
          Effect.exit(ports.http.listBatchSegmentJobs(request)),
          Effect.exit(ports.memory.listBatchSegmentJobs(request))
        ])
      const first = yield* ports.memory.listBatchSegmentJobs({ maxResults: 2 })
      const token = (first.body as { nextToken: string }).nextToken
      const tampered = token.slice(0, -2) + (token.endsWith("A") ? "BB" : "AA")
      const arn = "arn:aws:personalize:us-east-1:123456789012:solution/x/"
      const other = (yield* emulator.jobs)[0].solutionVersionArn!
      const cases: ReadonlyArray<readonly [PersonalizeClient.WireRequest, string, string | undefined]> = [
        [{ maxResults: 0 }, "InvalidInputException", "maxResults"],
        [{ maxResults: 101 }, "InvalidInputException", "maxResults"],
        [{ solutionVersionArn: "arn:aws:s3:::bucket" }, "InvalidInputException", "solutionVersionArn"],
        [{ solutionVersionArn: arn + "v".repeat(257 - arn.length) }, "InvalidInputException", "solutionVersionArn"],
        [{ nextToken: "t".repeat(1501) }, "InvalidInputException", "nextToken"],
        [{ nextToken: tampered }, "InvalidNextTokenException", undefined],
        [{ nextToken: token, solutionVersionArn: other }, "InvalidNextTokenException", undefined]
      ]
      for (const [request, tag, field] of cases) {
        const [viaHttp, inMemory] = yield* both(request)
        const name = JSON.stringify(request).slice(0, 80)
        assert.deepStrictEqual(shape(viaHttp), shape(inMemory), name)
        const error = failure(viaHttp)
        assert.strictEqual(error._tag, tag, name)
        assert.strictEqual("field" in error ? error.field : undefined, field, name)
        assert.strictEqual("origin" in error ? error.origin : undefined, "service", name)
        assert.isString("requestId" in error ? error.requestId : undefined, name)
      }
      yield* emulator.advance("25 hours")
      const [expiredHttp, expiredMemory] = yield* both({ nextToken: token })
      assert.deepStrictEqual(shape(expiredHttp), shape(expiredMemory))
      assert.strictEqual(failure(expiredHttp)._tag, "InvalidNextTokenException")
    }))

  it.scoped("every fault kind of the emulator comes out of both faces alike", () =>
    Effect.gen(function*() {
      const { emulator, ports } = yield* setup(transport, {
        generate: { solutionVersions: 2, jobsPerVersion: 5, seed: 1 }
      })
      const first = yield* ports.memory.listBatchSegmentJobs({ maxResults: 2 })
      // with a token, so that repeatToken applies
      const request = { maxResults: 2, nextToken: (first.body as { nextToken: string }).nextToken }
      const expected: Record<PersonalizeEmulator.FaultKind, Partial<ReturnType<typeof shape>>> = {
        throttle: { _tag: "ThrottlingException", code: "ThrottlingException", status: 400 },
        tooManyRequests: { _tag: "ThrottlingException", code: "TooManyRequestsException", status: 429 },
        internalError: { _tag: "PersonalizeServiceException", code: "InternalServerError", status: 500 },
        serviceUnavailable: { _tag: "PersonalizeServiceException", code: "ServiceUnavailable", status: 503 },
        connectionReset: { _tag: "TransportError", reason: "ConnectionReset" },
        malformedBody: { _tag: "ResponseDecodeError" },
        // answers that are not errors of the port: the first two are read by the core's decoder, below
        wrongTypes: { success: true },
        repeatToken: { success: true },
        latency: { success: true },
        hang: { _tag: "TimeoutException" }
      }
      assert.sameMembers(Object.keys(expected), [...PersonalizeEmulator.faultKinds])

      // One call through the port of a face under the fault, on the test's clock: the latency is waited for and
      // the hanging answer given up on (the emulator counts it as aborted) when the test moves the clock.
      const under = (port: PersonalizeClient.PersonalizeClient.Service, kind: PersonalizeEmulator.FaultKind) =>
        Effect.gen(function*() {
          const before = yield* emulator.stats
          const fiber = yield* port.listBatchSegmentJobs(request).pipe(
            Effect.timeout("10 seconds"),
            Effect.exit,
            Effect.fork
          )
          yield* until(emulator, (stats) => stats.requests > before.requests)
          yield* TestClock.adjust("10 seconds")
          const exit = yield* Fiber.join(fiber)
          // the HTTP face learns that the client went away when the socket closes, a moment later
          if (kind === "hang") yield* until(emulator, (stats) => stats.aborted > before.aborted)
          const after = yield* emulator.stats
          return { exit, aborted: after.aborted - before.aborted }
        })

      for (const kind of PersonalizeEmulator.faultKinds) {
        yield* emulator.setFaults({ script: () => ({ kind, latency: "2 seconds" }) })
        const viaHttp = yield* under(ports.http, kind)
        const inMemory = yield* under(ports.memory, kind)
        assert.deepStrictEqual(shape(viaHttp.exit), shape(inMemory.exit), kind)
        assert.deepInclude(shape(viaHttp.exit), expected[kind], kind)
        assert.strictEqual(viaHttp.aborted, inMemory.aborted, kind)
        if (Exit.isSuccess(viaHttp.exit) && Exit.isSuccess(inMemory.exit)) {
          // tokens carry the time they were issued at: equal only where the fault repeats the request's
          const token = (response: PersonalizeClient.RawResponse) =>
            (response.body as { nextToken?: unknown }).nextToken
          assert.strictEqual(typeof token(viaHttp.exit.value), typeof token(inMemory.exit.value), kind)
          if (kind === "repeatToken") {
            assert.strictEqual(token(viaHttp.exit.value), request.nextToken)
            assert.strictEqual(token(inMemory.exit.value), request.nextToken)
          }
        }
      }
      yield* emulator.setFaults(undefined)
    }))

  it.scoped("a body of the wrong types and a repeated token fail alike in the core, through both faces", () =>
    Effect.gen(function*() {
      const { emulator, http, memory } = yield* setup(transport, {
        generate: { solutionVersions: 2, jobsPerVersion: 5, seed: 1 }
      })
      const once = <A, E>(effect: Effect.Effect<A, E, PersonalizeClient.PersonalizeClient>) =>
        Effect.all([
          Effect.exit(Retry.withPolicy(effect, Retry.none).pipe(Effect.provide(http))),
          Effect.exit(Retry.withPolicy(effect, Retry.none).pipe(Effect.provide(memory)))
        ])
      yield* emulator.setFaults({ script: () => "wrongTypes" })
      const [a, b] = yield* once(ListBatchSegmentJobs.list({}))
      assert.deepStrictEqual(shape(a), shape(b))
      assert.strictEqual(shape(a)._tag, "ResponseDecodeError")

      yield* emulator.setFaults({
        script: (request) =>
          (request.body as { nextToken?: string }).nextToken === undefined ? undefined : "repeatToken"
      })
      const [c, d] = yield* once(Stream.runDrain(ListBatchSegmentJobs.pages({ maxResults: 2 })))
      assert.deepStrictEqual(shape(c), shape(d))
      assert.strictEqual(shape(c)._tag, "PaginationLoopError")
      yield* emulator.setFaults(undefined)
    }))

  it.scoped("refusals of the caller (authentication) come out of both faces alike", () =>
    Effect.gen(function*() {
      let refusal: PersonalizeEmulator.ServiceFailure | undefined
      const { ports } = yield* setup(
        transport,
        { generate: { solutionVersions: 1, jobsPerVersion: 3, seed: 1 } },
        (emulator) => ({
          ...emulator,
          handle: (request) => emulator.handle(refusal === undefined ? request : { ...request, refused: refusal })
        })
      )
      const refusals: ReadonlyArray<PersonalizeEmulator.ServiceFailure> = [
        {
          status: 400,
          code: "UnrecognizedClientException",
          message: "The security token included in the request is invalid."
        },
        {
          status: 400,
          code: "InvalidSignatureException",
          message: "The request signature we calculated does not match"
        },
        { status: 403, code: "MissingAuthenticationTokenException", message: "Missing Authentication Token" },
        {
          status: 400,
          code: "ExpiredTokenException",
          message: "The security token included in the request is expired"
        },
        {
          status: 403,
          code: "AccessDeniedException",
          type: "com.amazon.coral.service#AccessDeniedException",
          message: "User is not authorized to perform: personalize:ListBatchSegmentJobs"
        }
      ]
      for (const failure of refusals) {
        refusal = failure
        const viaHttp = yield* Effect.exit(ports.http.listBatchSegmentJobs({}))
        const inMemory = yield* Effect.exit(ports.memory.listBatchSegmentJobs({}))
        assert.deepStrictEqual(shape(viaHttp), shape(inMemory), failure.code)
        assert.deepInclude(shape(viaHttp), {
          _tag: "AccessDeniedException",
          code: failure.code,
          status: failure.status,
          origin: "service"
        })
      }
    }))

  it.scoped("a signature the HTTP face really refuses is the same error as that refusal in memory", () =>
    Effect.gen(function*() {
      let refusal: PersonalizeEmulator.ServiceFailure | undefined
      const { emulator, ports, url } = yield* setup(
        transport,
        { generate: { solutionVersions: 1, jobsPerVersion: 3, seed: 1 } },
        (emulator) => ({
          ...emulator,
          handle: (request) =>
            emulator.handle(
              request.face === "client" && refusal !== undefined ? { ...request, refused: refusal } : request
            )
        })
      )
      const wrong: ReadonlyArray<PersonalizeAws.Credentials> = [
        { accessKeyId: "AKIANOTKNOWNTOTHEEMU", secretAccessKey: Redacted.make("whatever") },
        { accessKeyId: PersonalizeEmulator.testCredentials.accessKeyId, secretAccessKey: Redacted.make("wrong secret") }
      ]
      for (const credentials of wrong) {
        const port = Context.get(
          yield* Layer.build(transport.layer(url, credentials)),
          PersonalizeClient.PersonalizeClient
        )
        const viaHttp = yield* Effect.exit(port.listBatchSegmentJobs({}))
        const logged = (yield* emulator.requestLog).at(-1)!
        assert.isString(logged.error)
        refusal = { status: logged.status!, code: logged.error!, message: "refused" }
        const inMemory = yield* Effect.exit(ports.memory.listBatchSegmentJobs({}))
        assert.deepStrictEqual(shape(viaHttp), shape(inMemory), logged.error)
        assert.strictEqual(shape(viaHttp)._tag, "AccessDeniedException")
      }
    }))
})
