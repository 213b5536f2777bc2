import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs } from "@effect-personalize/core"
import type { PersonalizeClient } from "@effect-personalize/core"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber, Layer, Redacted, Stream } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

const job = (n: number) => ({
  batchSegmentJobArn: `arn:aws:personalize:us-east-1:123456789012:batch-segment-job/job-${n}`,
  jobName: `job-${n}`,
  status: "ACTIVE",
  creationDateTime: 1_700_000_000 + n
})

/**
 * A loopback server that answers the first page at once and holds the second one until its client goes away.
 */
const holdingServer = Effect.gen(function*() {
  const bodies: Array<string> = []
  const secondArrived = yield* Deferred.make<void>()
  const secondClosed = yield* Deferred.make<void>()
  const server = Http.createServer((request, response) => {
    let body = ""
    request.on("data", (chunk) => (body += chunk))
    request.on("end", () => {
      bodies.push(body)
      const parsed = JSON.parse(body) as { nextToken?: string }
      if (parsed.nextToken === undefined) {
        response.writeHead(200, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "r1" })
        response.end(JSON.stringify({ batchSegmentJobs: [job(1), job(2)], nextToken: "page-2" }))
        return
      }
      // held: never answered; the test watches the socket
      response.on("close", () => Deferred.unsafeDone(secondClosed, Exit.void))
      Deferred.unsafeDone(secondArrived, Exit.void)
    })
  })
  yield* Effect.acquireRelease(
    Effect.async<void>((resume) => {
      server.listen(0, "127.0.0.1", () => resume(Effect.void))
    }),
    () =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, bodies, secondArrived, secondClosed }
})

const options = (endpoint: string): PersonalizeAws.Options => ({
  region: "us-east-1",
  endpoint,
  credentials: { accessKeyId: "AKIDTEST", secretAccessKey: Redacted.make("secret-test-key") }
})

const transports: ReadonlyArray<{
  readonly name: string
  readonly layer: (endpoint: string) => Layer.Layer<PersonalizeClient.PersonalizeClient>
}> = [
  { name: "sdk handler", layer: (endpoint) => Layer.orDie(PersonalizeAws.layer(options(endpoint))) },
  {
    name: "HttpClient",
    layer: (endpoint) =>
      PersonalizeAws.layerHttpClient(options(endpoint)).pipe(Layer.provide(NodeHttpClient.layerUndici), Layer.orDie)
  }
]

describe.each(transports)("interrupting a stream over the aws layer ($name)", ({ layer }) => {
  it.scopedLive("aborts the in-flight request: the server sees its connection closed and no further request", () =>
    Effect.gen(function*() {
      const server = yield* holdingServer
      // The client outlives the stream (built in the test's scope), so only the abort can close the connection.
      const client = yield* Layer.build(layer(server.url))
      const seen: Array<string | undefined> = []
      const fiber = yield* ListBatchSegmentJobs.stream({}).pipe(
        Stream.runForEach((j) => Effect.sync(() => seen.push(j.jobName))),
        Effect.provide(client),
        Effect.fork
      )
      yield* Deferred.await(server.secondArrived)
      const exit = yield* Fiber.interrupt(fiber)
      assert.isTrue(Exit.isInterrupted(exit))
      yield* Deferred.await(server.secondClosed).pipe(Effect.timeout("5 seconds"))
      assert.deepStrictEqual(seen, ["job-1", "job-2"])
      // nothing else arrives after the interruption (a real wait: the point is that nothing is still running)
      yield* Effect.sleep("200 millis")
      assert.deepStrictEqual(server.bodies, ["{}", "{\"nextToken\":\"page-2\"}"])
    }))
})
