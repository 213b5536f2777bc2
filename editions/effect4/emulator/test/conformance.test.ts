import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Fs from "node:fs"
import * as Http from "node:http"
import * as Os from "node:os"
import * as Path from "node:path"
import { bins, start, stop } from "./utils/processes.js"
import { post, type RawResponse, testKeys } from "./utils/wire.js"

// Both editions' emulators, each as its own bin, asked the same things over HTTP: the same answers (status, the
// headers a client reads, the body), request ids and page tokens aside (random per request, and signed with a key
// random per emulator; their format is compared). A fix that reaches one edition only fails here.

const arn = (i: number) =>
  `arn:aws:personalize:us-east-1:123456789012:batch-segment-job/job-${String(i).padStart(4, "0")}`
const solution = (i: number) => `arn:aws:personalize:us-east-1:123456789012:solution/sol-${i}/v1`

/** A seed file both emulators start from: job i created i seconds after 2025-01-01, three solution versions. */
const seedFile = Effect.acquireRelease(
  Effect.sync(() => {
    const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "conformance-"))
    const file = Path.join(dir, "jobs.json")
    const statuses = ["ACTIVE", "CREATE FAILED", "PENDING", "IN PROGRESS", "ARCHIVED"]
    Fs.writeFileSync(
      file,
      JSON.stringify(Array.from({ length: 30 }, (_, i) => ({
        batchSegmentJobArn: arn(i),
        status: statuses[i % statuses.length],
        creationDateTime: Date.UTC(2025, 0, 1) / 1000 + i + (i % 4) / 8,
        ...(i % 5 === 1 ? { failureReason: "The input file contains no valid item IDs." } : {}),
        solutionVersionArn: solution(i % 3)
      })))
    )
    return { dir, file }
  }),
  ({ dir }) => Effect.sync(() => Fs.rmSync(dir, { recursive: true, force: true }))
).pipe(Effect.map(({ file }) => file))

const pageToken = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/

/** What a client reads of an answer, with the request id and a page token replaced by their shapes. */
const seen = (response: RawResponse | { readonly error: string }) => {
  if ("error" in response) return response
  const json = response.json
  const token = json?.nextToken
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    errorType: response.headers.get("x-amzn-errortype"),
    retryAfter: response.headers.get("retry-after"),
    requestId: /^[0-9a-f-]{36}$/.test(response.headers.get("x-amzn-requestid") ?? ""),
    body: json === undefined
      ? response.text
      : typeof token === "string" && pageToken.test(token)
      ? { ...json, nextToken: "<a page token>" }
      : json
  }
}

type Request = (url: string) => Promise<RawResponse>

/** Starts both bins with these arguments; `ask` sends one request to both, in turn, and compares their answers. */
const both = (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const effect3 = yield* start(bins.effect3, args)
    const effect4 = yield* start(bins.effect4, args)
    const ask = (what: string, request: Request) =>
      Effect.promise(async () => {
        const attempt = (url: string) =>
          request(url).then((r) => r, (e: Error) => ({ error: `${e.name}: ${(e.cause as any)?.code ?? e.message}` }))
        const [three, four] = [await attempt(effect3.url), await attempt(effect4.url)]
        assert.deepStrictEqual(seen(four), seen(three), what)
        return [three, four] as readonly [any, any]
      })
    return { effect3, effect4, ask }
  })

const signed = (body: string | object, options: Parameters<typeof post>[2] = {}): Request => (url) =>
  post(url, body, { sign: true, ...options })

/** A POST whose body goes in chunks (no Content-Length), as a streaming client sends it. */
const chunked = (size: number): Request => (url) =>
  new Promise((resolve, reject) => {
    const request = Http.request(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AmazonPersonalize.ListBatchSegmentJobs"
      }
    }, (response) => {
      let text = ""
      response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk)).on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: new Headers(response.headers as Record<string, string>),
          text,
          json: JSON.parse(text)
        }))
    })
    request.on("error", reject)
    for (let sent = 0; sent < size; sent += 8192) request.write("x".repeat(Math.min(8192, size - sent)))
    request.end()
  })

describe("both editions' emulators answer the same requests the same way over HTTP", () => {
  it.live(
    "pages, filters and tokens; the service's validation; signatures; the transport's refusals",
    () =>
      Effect.gen(function*() {
        const { ask, effect3, effect4 } = yield* both(["--seed-file", yield* seedFile])

        const [first3, first4] = yield* ask("a first page of 4", signed({ maxResults: 4 }))
        yield* ask("every job", signed({}))
        yield* ask("one solution version", signed({ solutionVersionArn: solution(1), maxResults: 3 }))
        yield* ask("an empty solution version", signed({ solutionVersionArn: solution(7) }))
        // each emulator's own token leads to the same next page
        const [second3, second4] = yield* Effect.promise(() =>
          Promise.all([
            post(effect3.url, { maxResults: 4, nextToken: first3.json.nextToken }, { sign: true }),
            post(effect4.url, { maxResults: 4, nextToken: first4.json.nextToken }, { sign: true })
          ])
        )
        assert.deepStrictEqual(seen(second4), seen(second3))
        assert.deepStrictEqual(second4.json.batchSegmentJobs.map((job: any) => job.jobName), [
          "job-0025",
          "job-0024",
          "job-0023",
          "job-0022"
        ])
        // a token of the other emulator, edited, or for another filter
        yield* ask("another emulator's token", signed({ nextToken: first3.json.nextToken.slice(0, -2) + "AA" }))
        yield* ask(
          "a tampered token",
          (url) =>
            post(url, { nextToken: (url === effect3.url ? first3 : first4).json.nextToken.replace(/^./, "Z") }, {
              sign: true
            })
        )
        yield* ask(
          "a token for another solutionVersionArn",
          (url) =>
            post(url, {
              solutionVersionArn: solution(0),
              nextToken: (url === effect3.url ? first3 : first4).json.nextToken
            }, {
              sign: true
            })
        )
        yield* ask("a token of no format", signed({ nextToken: "abc.def" }))

        for (
          const body of [
            { maxResults: 0 },
            { maxResults: 101 },
            { maxResults: 3.5 },
            { maxResults: "3" },
            { solutionVersionArn: "solution" },
            { solutionVersionArn: "x".repeat(300), maxResults: -1, nextToken: "t".repeat(1501) },
            { solutionVersionArn: 5 },
            { nextToken: ["a"] },
            { nextToken: null, solutionVersionArn: null, unknown: true },
            [],
            "null",
            "",
            "{\"maxResults\": ",
            "\"text\""
          ]
        ) {
          yield* ask(`the body ${JSON.stringify(body)}`, signed(body))
        }

        yield* ask("unsigned", (url) => post(url, {}))
        yield* ask("a wrong secret", signed({}, { sign: { ...testKeys, secretAccessKey: "wrong" } }))
        yield* ask("an unknown key", signed({}, { sign: { ...testKeys, accessKeyId: "AKIDUNKNOWN" } }))
        yield* ask("a body changed after signing", signed({ maxResults: 5 }, { signedBody: "{\"maxResults\":6}" }))
        yield* ask("another scheme", (url) => post(url, {}, { headers: { authorization: "Basic dXNlcjpwYXNz" } }))
        yield* ask(
          "no signature",
          (url) =>
            post(url, {}, {
              headers: { authorization: "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/personalize/aws4_request" }
            })
        )
        yield* ask("another target", signed({}, { headers: { "x-amz-target": "AmazonPersonalize.ListSolutions" } }))
        yield* ask("another content type", signed({}, { headers: { "content-type": "application/json" } }))
        yield* ask("another path", signed({}, { path: "/other" }))
        yield* ask("another method", (url) => post(url, {}, { method: "GET", path: "/jobs" }))
        yield* ask("another method on /", (url) => post(url, {}, { method: "GET", path: "/" }))
        yield* ask("a query string", signed({}, { path: "/?a=b" }))
        yield* ask("a query string, unsigned", (url) => post(url, {}, { path: "/?a=b" }))
        yield* ask("a body over 64 KiB with its length", (url) => post(url, { nextToken: "x".repeat(70_000) }))
        yield* ask("a body over 64 KiB in chunks", chunked(100_000))

        // what each one counted, as its command prints it when it stops
        assert.deepStrictEqual(yield* stop(effect4), yield* stop(effect3))
        const lines = (stderr: string) => stderr.trim().split("\n")
        assert.deepStrictEqual(lines(effect4.stderr()), lines(effect3.stderr()))
      }).pipe(Effect.scoped),
    { timeout: 60_000 }
  )

  it.live("the same faults for the same seed, and the same answers to them", () =>
    Effect.gen(function*() {
      const kinds = "throttle,tooManyRequests,internalError,serviceUnavailable,malformedBody,wrongTypes,repeatToken"
      const { ask, effect3, effect4 } = yield* both([
        "--seed-file",
        yield* seedFile,
        "--fault-rate",
        "0.8",
        "--fault-kinds",
        kinds,
        "--random-seed",
        "11"
      ])
      const token = "placeholder"
      for (let i = 0; i < 24; i++) {
        // the token is refused, or repeated by repeatToken: the same in both either way
        yield* ask(`request ${i + 1}`, signed(i % 2 === 0 ? { maxResults: 2 } : { maxResults: 2, nextToken: token }))
      }
      yield* stop(effect3)
      yield* stop(effect4)
      assert.strictEqual(effect4.stderr().trim().split("\n").at(-1), effect3.stderr().trim().split("\n").at(-1))
      assert.match(
        effect4.stderr(),
        /stopped after 24 request\(s\): \d+ page\(s\), 0 throttled, 1\d fault\(s\) injected/
      )
    }).pipe(Effect.scoped), { timeout: 60_000 })

  it.live("a reset connection; the rate limit's ThrottlingException with Retry-After", () =>
    Effect.gen(function*() {
      const reset = yield* both(["--fault-rate", "1", "--fault-kinds", "connectionReset"])
      const [three] = yield* reset.ask("connectionReset", signed({}))
      assert.deepStrictEqual(seen(three), { error: "TypeError: ECONNRESET" })

      const limited = yield* both(["--seed-file", yield* seedFile, "--rate-limit", "0.01/s,burst=2,retry-after=1.5"])
      yield* limited.ask("within the burst", signed({ maxResults: 1 }))
      yield* limited.ask("the burst's last", signed({ maxResults: 1 }))
      const [, throttled] = yield* limited.ask("beyond the burst", signed({ maxResults: 1 }))
      assert.strictEqual(throttled.headers.get("retry-after"), "2")
      yield* limited.ask("refused by the face: no permit taken, answered as it is", (url) => post(url, {}))

      const unchecked = yield* both(["--seed-file", yield* seedFile, "--no-verify-signatures"])
      yield* unchecked.ask("unsigned, signatures not verified", (url) => post(url, { maxResults: 2 }))
      yield* unchecked.ask("a query string", (url) => post(url, { maxResults: 1 }, { path: "/?a=b" }))
      yield* unchecked.ask("another path", (url) => post(url, {}, { path: "/2015-01-01/jobs" }))
      yield* unchecked.ask("GET /", (url) => post(url, {}, { method: "GET", path: "/" }))
    }).pipe(Effect.scoped), { timeout: 60_000 })
})
