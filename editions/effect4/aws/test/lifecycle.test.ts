import { PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs, PersonalizeClient } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Context, Deferred, Effect, Exit, Fiber, Layer, Scope } from "effect"
import { TestClock } from "effect/testing"
import { vi } from "vitest"
import type { Transport } from "./utils/fixtures.js"
import { accessKeyId, call, layerFor, region, transports } from "./utils/fixtures.js"
import * as TestServer from "./utils/TestServer.js"

/** Builds the layer in the test's scope, so that only the call (not the client) is interrupted. */
const portOf = (layer: Layer.Layer<PersonalizeClient.PersonalizeClient>) =>
  Effect.map(Layer.build(layer), Context.get(PersonalizeClient.PersonalizeClient))

describe.each(transports)("interruption and abort over the $name", (transport: Transport) => {
  it.effect("interrupting the fiber aborts the request: the server sees its socket close, nothing else is sent", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.hold)
      // the SDK may not retry an aborted request, even when it is allowed to retry
      const port = yield* portOf(layerFor(server, { maxAttempts: 3 }, transport))
      const fiber = yield* Effect.forkChild(port.listBatchSegmentJobs({}))
      const received = yield* server.next
      yield* Fiber.interrupt(fiber)
      assert.isTrue(Exit.hasInterrupts(yield* Fiber.await(fiber)))
      yield* Deferred.await(received.socketClosed)
      assert.strictEqual(server.requests.length, 1)
    }))

  it.effect("a timeout around the call interrupts it, and that aborts the request", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.hold)
      const port = yield* portOf(layerFor(server, {}, transport))
      const fiber = yield* port.listBatchSegmentJobs({}).pipe(Effect.timeout("1 second"), Effect.flip, Effect.forkChild)
      const received = yield* server.next
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "TimeoutError")
      yield* Deferred.await(received.socketClosed)
      assert.strictEqual(server.requests.length, 1)
    }))

  it.effect("each call has its own signal: interrupting one of two concurrent calls leaves the other one alone", () =>
    Effect.gen(function*() {
      // answers nothing by itself: the test answers the second request when it wants to
      const answer: Array<(handler: TestServer.Handler) => void> = []
      const server = yield* TestServer.make((request, response, raw) => {
        answer.push((handler) => handler(request, response, raw))
      })
      const port = yield* portOf(layerFor(server, {}, transport))
      const first = yield* Effect.forkChild(port.listBatchSegmentJobs({ maxResults: 1 }))
      const firstReceived = yield* server.next
      const second = yield* Effect.forkChild(port.listBatchSegmentJobs({ maxResults: 2 }))
      const secondReceived = yield* server.next
      assert.strictEqual(firstReceived.body, "{\"maxResults\":1}")
      assert.strictEqual(secondReceived.body, "{\"maxResults\":2}")
      yield* Fiber.interrupt(first)
      yield* Deferred.await(firstReceived.socketClosed)
      assert.isFalse(yield* Deferred.isDone(secondReceived.socketClosed))
      answer[1](TestServer.respond(200, { batchSegmentJobs: [], nextToken: "still-here" }))
      const response = yield* Fiber.join(second)
      assert.deepStrictEqual(response.body, { batchSegmentJobs: [], nextToken: "still-here" })
    }))

  it.effect("interrupting ListBatchSegmentJobs.list aborts the request the same way", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.hold)
      const port = yield* portOf(layerFor(server, {}, transport))
      const fiber = yield* ListBatchSegmentJobs.list({}).pipe(
        Effect.provideService(PersonalizeClient.PersonalizeClient, port),
        Effect.forkChild
      )
      const received = yield* server.next
      yield* Fiber.interrupt(fiber)
      yield* Deferred.await(received.socketClosed)
      assert.strictEqual(server.requests.length, 1)
    }))
})

describe.each(transports)("the SDK client's lifetime over the $name", (transport: Transport) => {
  it.effect("layer: one client per layer, destroyed when the layer's scope closes", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, { batchSegmentJobs: [] }))
      const destroy = vi.spyOn(SdkClient.prototype, "destroy")
      yield* Effect.addFinalizer(() => Effect.sync(() => destroy.mockRestore()))
      const scope = yield* Scope.make()
      const port = yield* portOf(layerFor(server, {}, transport)).pipe(Scope.provide(scope))
      yield* port.listBatchSegmentJobs({})
      yield* port.listBatchSegmentJobs({})
      assert.strictEqual(destroy.mock.calls.length, 0)
      // one client: both requests went over the same kept-alive connection
      assert.strictEqual(server.requests.length, 2)
      const [first] = server.requests
      yield* Scope.close(scope, Exit.void)
      assert.strictEqual(destroy.mock.calls.length, 1)
      // destroying the client closed its idle connection
      yield* Deferred.await(first.socketClosed)
    }))
})

describe("a caller's SDK client", () => {
  it.effect("layerFromClient: the caller's client is never destroyed and stays usable", () =>
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
