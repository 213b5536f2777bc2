import { PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs, PersonalizeClient } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Context, Deferred, Effect, Exit, Fiber, Layer, Scope } from "effect"
import { vi } from "vitest"
import { accessKeyId, call, layerFor, region } from "./utils/fixtures.js"
import * as TestServer from "./utils/TestServer.js"

/** Builds the layer in the test's scope, so that only the call (not the client) is interrupted. */
const portOf = (layer: Layer.Layer<PersonalizeClient.PersonalizeClient>) =>
  Effect.map(Layer.build(layer), Context.get(PersonalizeClient.PersonalizeClient))

describe("interruption and abort", () => {
  it.scoped("interrupting the fiber aborts the request: the server sees its socket close, nothing else is sent", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.hold)
      // the SDK may not retry an aborted request, even when it is allowed to retry
      const port = yield* portOf(layerFor(server, { maxAttempts: 3 }))
      const fiber = yield* Effect.fork(port.listBatchSegmentJobs({}, new AbortController().signal))
      const received = yield* server.next
      const exit = yield* Fiber.interrupt(fiber)
      assert.isTrue(Exit.isInterrupted(exit))
      yield* Deferred.await(received.socketClosed)
      assert.strictEqual(server.requests.length, 1)
    }))

  it.scoped("aborting the signal aborts the request: TransportError Aborted, socket closed", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.hold)
      const port = yield* portOf(layerFor(server))
      const controller = new AbortController()
      const fiber = yield* Effect.fork(port.listBatchSegmentJobs({}, controller.signal))
      const received = yield* server.next
      controller.abort()
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag === "TransportError") {
        assert.strictEqual(error.reason, "Aborted")
        assert.strictEqual(error.endpoint, `${server.endpoint}/`)
      }
      yield* Deferred.await(received.socketClosed)
      assert.strictEqual(server.requests.length, 1)
    }))

  it.scoped("an already aborted signal sends nothing", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, { batchSegmentJobs: [] }))
      const port = yield* portOf(layerFor(server))
      const error = yield* Effect.flip(port.listBatchSegmentJobs({ maxResults: 1 }, AbortSignal.abort()))
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag === "TransportError") assert.strictEqual(error.reason, "Aborted")
      // a later call is the first and only request the server sees
      yield* port.listBatchSegmentJobs({ maxResults: 2 }, new AbortController().signal)
      assert.deepStrictEqual(server.requests.map((request) => request.body), ["{\"maxResults\":2}"])
    }))

  it.scoped("interrupting ListBatchSegmentJobs.list aborts the request the same way", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.hold)
      const port = yield* portOf(layerFor(server))
      const fiber = yield* ListBatchSegmentJobs.list({}).pipe(
        Effect.provideService(PersonalizeClient.PersonalizeClient, port),
        Effect.fork
      )
      const received = yield* server.next
      yield* Fiber.interrupt(fiber)
      yield* Deferred.await(received.socketClosed)
      assert.strictEqual(server.requests.length, 1)
    }))
})

describe("the SDK client's lifetime", () => {
  it.scoped("layer: one client per layer, destroyed when the layer's scope closes", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, { batchSegmentJobs: [] }))
      const destroy = vi.spyOn(SdkClient.prototype, "destroy")
      yield* Effect.addFinalizer(() => Effect.sync(() => destroy.mockRestore()))
      const scope = yield* Scope.make()
      const port = yield* portOf(layerFor(server)).pipe(Scope.extend(scope))
      yield* port.listBatchSegmentJobs({}, new AbortController().signal)
      yield* port.listBatchSegmentJobs({}, new AbortController().signal)
      assert.strictEqual(destroy.mock.calls.length, 0)
      // one client: both requests went over the same kept-alive connection
      assert.strictEqual(server.requests.length, 2)
      const [first] = server.requests
      yield* Scope.close(scope, Exit.void)
      assert.strictEqual(destroy.mock.calls.length, 1)
      // destroying the client closed its idle connection
      yield* Deferred.await(first.socketClosed)
    }))

  it.scoped("layerFromClient: the caller's client is never destroyed and stays usable", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, { batchSegmentJobs: [] }))
      const client = new SdkClient({
        region,
        endpoint: server.endpoint,
        credentials: { accessKeyId, secretAccessKey: "caller-secret" },
        maxAttempts: 1
      })
      const destroy = vi.spyOn(client, "destroy")
      yield* Effect.addFinalizer(() => Effect.sync(() => client.destroy()))
      yield* call({}).pipe(Effect.provide(PersonalizeAws.layerFromClient(client)))
      yield* call({}).pipe(Effect.provide(PersonalizeAws.layerFromClient(client)))
      assert.strictEqual(destroy.mock.calls.length, 0)
      assert.strictEqual(server.requests.length, 2)
    }))
})
