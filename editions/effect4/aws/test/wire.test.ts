import { PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs, Retry } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { Stream } from "effect"
import type { Transport } from "./utils/fixtures.js"
import { accessKeyId, call, layerFor, region, sessionToken, transports } from "./utils/fixtures.js"
import * as TestServer from "./utils/TestServer.js"

const arn = "arn:aws:personalize:eu-west-1:123456789012:solution/movies/1a2b3c4d"
const jobArn = "arn:aws:personalize:eu-west-1:123456789012:batch-segment-job/segments-1"

const emptyPage = TestServer.respond(200, { batchSegmentJobs: [] })

describe.each(transports)("PersonalizeAws on the wire over the $name", (transport: Transport) => {
  it.effect("sends an empty request as POST / with the awsJson1_1 headers, SigV4 and the body {}", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(emptyPage)
      yield* call({}).pipe(Effect.provide(layerFor(server, {}, transport)))
      assert.strictEqual(server.requests.length, 1)
      const [request] = server.requests
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.url, "/")
      assert.strictEqual(request.headers["x-amz-target"], "AmazonPersonalize.ListBatchSegmentJobs")
      assert.strictEqual(request.headers["content-type"], "application/x-amz-json-1.1")
      assert.strictEqual(request.body, "{}")
      const authorization = request.headers["authorization"] ?? ""
      const match =
        /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/
          .exec(authorization)
      assert.isNotNull(match, authorization)
      const [, key, date, signedRegion, service, signedHeaders] = match!
      assert.strictEqual(key, accessKeyId)
      assert.strictEqual(date, (request.headers["x-amz-date"] as string).slice(0, 8))
      assert.strictEqual(signedRegion, region)
      assert.strictEqual(service, "personalize")
      assert.include(signedHeaders.split(";"), "x-amz-target")
      assert.include(signedHeaders.split(";"), "x-amz-security-token")
      assert.strictEqual(request.headers["x-amz-security-token"], sessionToken)
      // the SDK does not retry on its own: the core owns retrying
      assert.strictEqual(request.headers["amz-sdk-request"], "attempt=1; max=1")
    }))

  it.effect("an endpoint with a path (a gateway under a prefix): the request goes to that path, and a failure names it", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(emptyPage)
      yield* call({}).pipe(
        Effect.provide(layerFor(server, { endpoint: `${server.endpoint}/gateway/personalize` }, transport))
      )
      assert.strictEqual(server.requests[0].url, "/gateway/personalize/")
      const closed = yield* TestServer.closedPort
      const endpoint = `http://localhost:${closed}/gateway/personalize`
      const error = yield* call({}).pipe(Effect.provide(layerFor(server, { endpoint }, transport)), Effect.flip)
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag === "TransportError") assert.strictEqual(error.endpoint, `${endpoint}/`)
    }))

  it.effect("an empty request id header is no request id", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(
        TestServer.respond(200, { batchSegmentJobs: [] }, { "x-amzn-requestid": "" })
      )
      const response = yield* call({}).pipe(Effect.provide(layerFor(server, {}, transport)))
      assert.isUndefined(response.requestId)
      assert.deepStrictEqual(response.body, { batchSegmentJobs: [] })
    }))

  it.effect("sends the members that are given, and only those", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(emptyPage)
      yield* call({ solutionVersionArn: arn, nextToken: "token-1", maxResults: 25 }).pipe(
        Effect.provide(layerFor(server, {}, transport))
      )
      yield* call({ maxResults: 7 }).pipe(Effect.provide(layerFor(server, {}, transport)))
      assert.strictEqual(
        server.requests[0].body,
        JSON.stringify({ solutionVersionArn: arn, nextToken: "token-1", maxResults: 25 })
      )
      assert.strictEqual(server.requests[1].body, "{\"maxResults\":7}")
    }))

  it.effect("returns the body without $metadata, timestamps as Dates, and the request id", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, {
        batchSegmentJobs: [{
          batchSegmentJobArn: jobArn,
          jobName: "segments-1",
          status: "ACTIVE",
          creationDateTime: 1700000000.5
        }],
        nextToken: "next-1"
      }, { "x-amzn-requestid": "c0ffee00-1111-2222-3333-444455556666" }))
      const response = yield* call({}).pipe(Effect.provide(layerFor(server, {}, transport)))
      assert.strictEqual(response.requestId, "c0ffee00-1111-2222-3333-444455556666")
      const body = response.body as Record<string, unknown>
      assert.deepStrictEqual(Object.keys(body).sort(), ["batchSegmentJobs", "nextToken"])
      const [job] = body.batchSegmentJobs as Array<Record<string, unknown>>
      assert.instanceOf(job.creationDateTime, Date)
      assert.strictEqual((job.creationDateTime as Date).getTime(), 1700000000500)
    }))

  it.effect("serves ListBatchSegmentJobs.list: a decoded Page", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, {
        batchSegmentJobs: [
          { batchSegmentJobArn: jobArn, jobName: "segments-1", status: "IN PROGRESS", lastUpdatedDateTime: 1700000100 }
        ],
        nextToken: "next-2"
      }, { "x-amzn-requestid": "req-list" }))
      const page = yield* ListBatchSegmentJobs.list({ solutionVersionArn: arn, maxResults: 1 }).pipe(
        Effect.provide(layerFor(server, {}, transport))
      )
      assert.strictEqual(page.batchSegmentJobs.length, 1)
      assert.strictEqual(page.batchSegmentJobs[0].status, "IN PROGRESS")
      assert.deepStrictEqual(page.batchSegmentJobs[0].lastUpdatedDateTime, new Date(1700000100 * 1000))
      assert.deepStrictEqual(page.nextToken, Option.some("next-2"))
      assert.deepStrictEqual(page.requestId, Option.some("req-list"))
      assert.strictEqual(server.requests[0].body, JSON.stringify({ solutionVersionArn: arn, maxResults: 1 }))
    }))

  it.effect("serves ListBatchSegmentJobs.stream across pages with one request per page", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make((request, response) => {
        const token = (JSON.parse(request.body) as { nextToken?: string }).nextToken
        const page = token === undefined
          ? { batchSegmentJobs: [{ jobName: "a" }, { jobName: "b" }], nextToken: "p2" }
          : { batchSegmentJobs: [{ jobName: "c" }] }
        TestServer.respond(200, page)(request, response, undefined as never)
      })
      const jobs = yield* Stream.runCollect(ListBatchSegmentJobs.stream({})).pipe(
        Effect.provide(layerFor(server, {}, transport))
      )
      assert.deepStrictEqual(jobs.map((job) => job.jobName), ["a", "b", "c"])
      assert.strictEqual(server.requests.length, 2)
      assert.deepStrictEqual(JSON.parse(server.requests[1].body), { nextToken: "p2" })
    }))

  it.effect("a wrong type in a 200 body reaches the core's decoder: ResponseDecodeError with its path", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(TestServer.respond(200, { batchSegmentJobs: [{ jobName: 42 }] }))
      const error = yield* ListBatchSegmentJobs.list({}, { retry: Retry.none }).pipe(
        Effect.provide(layerFor(server, {}, transport)),
        Effect.flip
      )
      assert.strictEqual(error._tag, "ResponseDecodeError")
      if (error._tag === "ResponseDecodeError") assert.deepStrictEqual(error.path, ["batchSegmentJobs", 0, "jobName"])
    }))
})

describe("PersonalizeAws.layerFromClient on the wire", () => {
  it.effect("layerFromClient serves the same port", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(emptyPage)
      const client = new SdkClient({
        region,
        endpoint: server.endpoint,
        credentials: { accessKeyId, secretAccessKey: "s" },
        maxAttempts: 1
      })
      yield* Effect.addFinalizer(() => Effect.sync(() => client.destroy()))
      const response = yield* call({ maxResults: 3 }).pipe(Effect.provide(PersonalizeAws.layerFromClient(client)))
      assert.deepStrictEqual(response.body, { batchSegmentJobs: [] })
      assert.strictEqual(server.requests[0].body, "{\"maxResults\":3}")
    }))
})
