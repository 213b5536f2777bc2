/**
 * The two editions agree: the Effect 3 edition (its build, on effect 3) and this one (on effect 4) decode the same
 * response bodies to the same jobs, refuse the same ones at the same path, and refuse the same requests at the same
 * field, before anything is sent; they make the same resume tokens, and a token made by one resumes the other
 * exactly; a change feed's state saved by one is read by the other, which goes on from it. Each edition runs on its
 * own effect, side by side in this process.
 */
import { ListBatchSegmentJobs, PersonalizeClient, Watch } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Result, Stream } from "effect"
import * as Path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { job, solutionVersionArn } from "./utils/fake.js"
import type { Listing } from "./utils/listing.js"
import { listing, numbered } from "./utils/listing.js"

interface Outcome {
  readonly ok: boolean
  readonly jobs?: unknown
  readonly tag?: string | undefined
  readonly path?: ReadonlyArray<PropertyKey> | undefined
  readonly field?: string | undefined
}

const effect3Edition = Path.join(
  Path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "..",
  "..",
  "packages",
  "core",
  "dist",
  "index.js"
)
// The Effect 3 edition's own entry points, run on its own effect (3.x), through tiny adapters in plain promises.
const loadEffect3 = async () => ({
  core: await import(/* @vite-ignore */ pathToFileURL(effect3Edition).href),
  effect: await import(
    /* @vite-ignore */ pathToFileURL(
      Path.join(effect3Edition, "..", "..", "node_modules", "effect", "dist", "esm", "index.js")
    ).href
  )
})

const effect3 = async (body: unknown, request: Record<string, unknown>): Promise<Outcome> => {
  const { core, effect } = await loadEffect3()
  const layer = core.PersonalizeClient.layerTest(() => effect.Effect.succeed({ body, requestId: "req-1" }))
  const exit = await effect.Effect.runPromiseExit(
    effect.Effect.provide(core.ListBatchSegmentJobs.list(request), layer)
  )
  if (exit._tag === "Success") return { ok: true, jobs: exit.value.batchSegmentJobs }
  const error = exit.cause.error
  return { ok: false, tag: error._tag, path: error.path, field: error.field }
}

const effect4 = (body: unknown, request: Record<string, unknown>) =>
  Effect.map(
    Effect.result(
      ListBatchSegmentJobs.list(request).pipe(
        Effect.provide(PersonalizeClient.layerTest(() => Effect.succeed({ body, requestId: "req-1" })))
      )
    ),
    (result): Outcome =>
      Result.isSuccess(result)
        ? { ok: true, jobs: result.success.batchSegmentJobs }
        : {
          ok: false,
          tag: result.failure._tag,
          path: result.failure._tag === "ResponseDecodeError" ? result.failure.path : undefined,
          field: result.failure._tag === "InvalidInputException" ? result.failure.field : undefined
        }
  )

const bodies: ReadonlyArray<readonly [string, unknown]> = [
  ["a page", { batchSegmentJobs: [job(0), job(1)], nextToken: "p1" }],
  ["fractions of seconds", { batchSegmentJobs: [{ ...job(1), creationDateTime: 1_700_000_000.123 }] }],
  ["Date timestamps", { batchSegmentJobs: [{ creationDateTime: new Date("2024-05-01T10:00:00.500Z") }] }],
  ["an unknown status and unknown fields", { batchSegmentJobs: [{ ...job(1), status: "STOPPING", x: 1 }], y: 2 }],
  ["an empty body", {}],
  ["a string timestamp", { batchSegmentJobs: [job(0), { ...job(1), creationDateTime: "yesterday" }] }],
  ["an infinite timestamp", { batchSegmentJobs: [{ lastUpdatedDateTime: Infinity }] }],
  ["a numeric status", { batchSegmentJobs: [{ status: 3 }] }],
  ["a list that is an object", { batchSegmentJobs: { a: 1 } }],
  ["a numeric token", { nextToken: 5 }],
  ["an ARN of another service", { batchSegmentJobs: [{ batchSegmentJobArn: "arn:aws:s3:::b" }] }],
  ["a job name breaking its pattern", { batchSegmentJobs: [{ jobName: "-bad" }] }],
  ["a status of 257 characters", { batchSegmentJobs: [{ status: "S".repeat(257) }] }],
  ["101 jobs", { batchSegmentJobs: Array.from({ length: 101 }, (_, i) => job(i)) }],
  ["not an object", "<html>"]
]

const requests: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ["maxResults 0", { maxResults: 0 }],
  ["maxResults 100", { maxResults: 100 }],
  ["maxResults 1.5", { maxResults: 1.5 }],
  ["maxResults as a string", { maxResults: "5" }],
  ["an ARN of 257 characters", { solutionVersionArn: `arn:aws:personalize:us-east-1:1:solution/${"x".repeat(220)}` }],
  ["an ARN of another service", { solutionVersionArn: "arn:aws:s3:::bucket" }],
  ["a nextToken of 1501 characters", { nextToken: "t".repeat(1501) }],
  ["a non-ASCII nextToken", { nextToken: "tökén" }],
  ["an unknown member", { maxresults: 5 }]
]

describe("the two editions agree", () => {
  for (const [name, body] of bodies) {
    it.effect(`on a response body: ${name}`, () =>
      Effect.gen(function*() {
        const three = yield* Effect.promise(() => effect3(body, {}))
        const four = yield* effect4(body, {})
        assert.deepStrictEqual(four, three)
      }))
  }
  for (const [name, request] of requests) {
    it.effect(`on a request: ${name}`, () =>
      Effect.gen(function*() {
        const three = yield* Effect.promise(() => effect3({}, request))
        const four = yield* effect4({}, request)
        assert.deepStrictEqual(four, three)
      }))
  }
})

interface Taken {
  readonly names: ReadonlyArray<string | undefined>
  readonly tokens: ReadonlyArray<string>
}

/** The first `count` jobs of a listing by the Effect 3 edition, each with its resume token. */
const effect3Take = async (service: Listing, count: number, pageSize: number): Promise<Taken> => {
  const { core, effect } = await loadEffect3()
  const layer = core.PersonalizeClient.layerTest((request: PersonalizeClient.WireRequest) =>
    effect.Effect.sync(() => service.answer(request))
  )
  const items: ReadonlyArray<ListBatchSegmentJobs.WithResumeToken> = effect.Chunk.toReadonlyArray(
    await effect.Effect.runPromise(effect.Effect.provide(
      effect.Stream.runCollect(
        effect.Stream.take(core.ListBatchSegmentJobs.streamWithResumeToken({}, { pageSize }), count)
      ),
      layer
    ))
  )
  return { names: items.map((item) => item.job.jobName), tokens: items.map((item) => item.resumeToken) }
}

/** The rest of a listing by the Effect 3 edition, from a starting token. */
const effect3Rest = async (
  service: Listing,
  startingToken: string,
  pageSize: number
): Promise<ReadonlyArray<string | undefined>> => {
  const { core, effect } = await loadEffect3()
  const layer = core.PersonalizeClient.layerTest((request: PersonalizeClient.WireRequest) =>
    effect.Effect.sync(() => service.answer(request))
  )
  const jobs: ReadonlyArray<{ readonly jobName?: string }> = effect.Chunk.toReadonlyArray(
    await effect.Effect.runPromise(effect.Effect.provide(
      effect.Stream.runCollect(core.ListBatchSegmentJobs.stream({}, { startingToken, pageSize })),
      layer
    ))
  )
  return jobs.map((job) => job.jobName)
}

const effect4Take = (service: Listing, count: number, pageSize: number) =>
  ListBatchSegmentJobs.streamWithResumeToken({}, { pageSize }).pipe(
    Stream.take(count),
    Stream.runCollect,
    Effect.map((items): Taken => ({
      names: items.map((item) => item.job.jobName),
      tokens: items.map((item) => item.resumeToken)
    })),
    Effect.provide(service.layer)
  )

const effect4Rest = (service: Listing, startingToken: string, pageSize: number) =>
  Stream.runCollect(ListBatchSegmentJobs.stream({}, { startingToken, pageSize })).pipe(
    Effect.map((jobs) => jobs.map((job) => job.jobName)),
    Effect.provide(service.layer)
  )

describe("the two editions share their resume tokens", () => {
  it.effect("the same listing gives the same token after every job, byte for byte", () =>
    Effect.gen(function*() {
      const service = listing(numbered(10))
      const three = yield* Effect.promise(() => effect3Take(service, 10, 4))
      const four = yield* effect4Take(service, 10, 4)
      assert.strictEqual(four.tokens.length, 10)
      assert.deepStrictEqual(four, three)
    }))

  // Cut inside the first page, at a page boundary, inside a later page; between the two runs, jobs are created
  // (newest first: they push the last job processed down, onto the next page) and one after the cut is deleted.
  for (const cut of [2, 4, 6]) {
    for (const [made, resumed] of [["3", "4"], ["4", "3"]] as const) {
      it.effect(`a token of the Effect ${made} edition resumes the Effect ${resumed} edition exactly (cut after ${cut})`, () =>
        Effect.gen(function*() {
          const service = listing(numbered(12))
          const taken = made === "3"
            ? yield* Effect.promise(() => effect3Take(service, cut, 4))
            : yield* effect4Take(service, cut, 4)
          const token = taken.tokens.at(-1)!
          for (let i = 0; i < 3; i++) service.create(`new-${i}`, 1_700_000_100 + i)
          service.remove(`job-${cut + 1}`)
          const rest = resumed === "4"
            ? yield* effect4Rest(service, token, 4)
            : yield* Effect.promise(() => effect3Rest(service, token, 4))
          const expected = Array.from({ length: 12 - cut }, (_, i) => `job-${cut + i}`).filter((name) =>
            name !== `job-${cut + 1}`
          )
          assert.deepStrictEqual(rest, expected)
          // and exactly as the edition that made it resumes it
          const own = made === "3"
            ? yield* Effect.promise(() => effect3Rest(service, token, 4))
            : yield* effect4Rest(service, token, 4)
          assert.deepStrictEqual(rest, own)
        }))
    }
  }
})

/** One feed event as a line; the events of both editions have the same shape. */
const eventLine = (event: Watch.JobEvent): string => {
  switch (event._tag) {
    case "JobAppeared":
      return `+${event.job.jobName} ${event.job.status}`
    case "JobChanged":
      return `~${event.job.jobName} ${event.previousStatus}->${event.status}`
    case "JobVanished":
      return `-${event.arn.split("/").pop()}`
  }
}

interface Fed {
  readonly events: ReadonlyArray<string>
  /** The state after the last event, saved. */
  readonly saved: string
}

/** A job as listed; without `updated`, the service sends no `lastUpdatedDateTime` (the state keeps the status). */
const watched = (n: number, status: string, updated?: number) => {
  const { lastUpdatedDateTime: _, ...rest } = job(n)
  return { ...rest, status, ...(updated === undefined ? {} : { lastUpdatedDateTime: updated }) }
}

/** The first `count` events of a feed of the Effect 3 edition over one listing, from a saved state if any. */
const effect3Feed = async (
  jobs: ReadonlyArray<unknown>,
  request: ListBatchSegmentJobs.Request,
  count: number,
  saved?: string
): Promise<Fed> => {
  const { core, effect } = await loadEffect3()
  const layer = core.PersonalizeClient.layerTest(() => effect.Effect.succeed({ body: { batchSegmentJobs: jobs } }))
  const state = saved === undefined ? undefined : await effect.Effect.runPromise(core.Watch.decodeState(saved))
  const events: ReadonlyArray<Watch.JobEvent> = effect.Chunk.toReadonlyArray(
    await effect.Effect.runPromise(effect.Effect.provide(
      effect.Stream.runCollect(effect.Stream.take(core.ListBatchSegmentJobs.watch(request, { state }), count)),
      layer
    ))
  )
  return { events: events.map(eventLine), saved: core.Watch.encodeState(events.at(-1)!.state) }
}

const effect4Feed = (
  jobs: ReadonlyArray<unknown>,
  request: ListBatchSegmentJobs.Request,
  count: number,
  saved?: string
) =>
  Effect.gen(function*() {
    const state = saved === undefined ? undefined : yield* Watch.decodeState(saved)
    const events = yield* ListBatchSegmentJobs.watch(request, { state }).pipe(
      Stream.take(count),
      Stream.runCollect,
      Effect.provide(PersonalizeClient.layerTest(() => Effect.succeed({ body: { batchSegmentJobs: jobs } })))
    )
    return { events: events.map(eventLine), saved: Watch.encodeState(events.at(-1)!.state) } satisfies Fed
  })

/** A saved state as data, its jobs in ARN order: the order of a `HashMap` is each edition's own. */
const savedState = (text: string) => {
  const { jobs, ...rest } = JSON.parse(text) as {
    readonly version: unknown
    readonly solutionVersionArn?: unknown
    readonly jobs: Array<[string, unknown, unknown]>
  }
  return { ...rest, jobs: [...jobs].sort(([a], [b]) => a < b ? -1 : 1) }
}

const savedStates: ReadonlyArray<readonly [string, string]> = [
  ["the empty state", `{"version":1,"jobs":[]}`],
  [
    "a state of every job",
    `{"version":1,"solutionVersionArn":null,"jobs":[["a",1700000100000,"ACTIVE"],["b",null,null]]}`
  ],
  [
    "a state of one solution version",
    `{"version":1,"solutionVersionArn":"${solutionVersionArn}","jobs":[["a",1.5,"X"]]}`
  ],
  ["no text", ""],
  ["not JSON", "{ not a state"],
  ["an empty object", "{}"],
  ["another version", `{"version":2,"jobs":[]}`],
  ["an array", "[1]"],
  ["a time that is a string", `{"version":1,"jobs":[["a","yesterday",null]]}`],
  ["a job of two members", `{"version":1,"jobs":[["a",null]]}`],
  ["an unknown member", `{"version":1,"jobs":[],"cursor":1}`]
]

const effect3Decode = async (text: string): Promise<Outcome> => {
  const { core, effect } = await loadEffect3()
  const exit = await effect.Effect.runPromiseExit(core.Watch.decodeState(text))
  if (exit._tag === "Success") return { ok: true, jobs: savedState(core.Watch.encodeState(exit.value)) }
  return { ok: false, tag: exit.cause.error._tag, field: exit.cause.error.field }
}

const effect4Decode = (text: string) =>
  Effect.map(
    Effect.result(Watch.decodeState(text)),
    (result): Outcome =>
      Result.isSuccess(result)
        ? { ok: true, jobs: savedState(Watch.encodeState(result.success)) }
        : { ok: false, tag: result.failure._tag, field: result.failure.field }
  )

describe("the two editions share a change feed's saved state", () => {
  for (const [name, text] of savedStates) {
    it.effect(`both read or refuse the same saved state: ${name}`, () =>
      Effect.gen(function*() {
        const three = yield* Effect.promise(() => effect3Decode(text))
        const four = yield* effect4Decode(text)
        assert.deepStrictEqual(four, three)
      }))
  }

  const before = [watched(1, "PENDING", 1_700_000_100), watched(2, "IN PROGRESS"), watched(3, "ACTIVE", 1_700_000_100)]
  // while nobody watches: job 1 is done, job 2 failed (no time sent: its status tells), job 3 is gone, job 4 is new
  const after = [watched(4, "PENDING", 1_700_000_300), watched(1, "ACTIVE", 1_700_000_200), watched(2, "CREATE FAILED")]
  const expected = ["+job-4 PENDING", "~job-1 PENDING->ACTIVE", "~job-2 IN PROGRESS->CREATE FAILED", "-job-3"]

  for (const [name, request] of [["every job", {}], ["one solution version", { solutionVersionArn }]] as const) {
    it.effect(`both save the same state, in the same format (a feed of ${name})`, () =>
      Effect.gen(function*() {
        const three = yield* Effect.promise(() => effect3Feed(before, request, 3))
        const four = yield* effect4Feed(before, request, 3)
        assert.deepStrictEqual(four.events, three.events)
        assert.deepStrictEqual(savedState(four.saved), savedState(three.saved))
        assert.strictEqual(savedState(four.saved).solutionVersionArn, request.solutionVersionArn ?? null)
      }))

    for (const [made, resumed] of [["3", "4"], ["4", "3"]] as const) {
      it.effect(`a state saved by the Effect ${made} edition goes on in the Effect ${resumed} edition (${name})`, () =>
        Effect.gen(function*() {
          const first = made === "3"
            ? yield* Effect.promise(() => effect3Feed(before, request, 3))
            : yield* effect4Feed(before, request, 3)
          const next = resumed === "4"
            ? yield* effect4Feed(after, request, 4, first.saved)
            : yield* Effect.promise(() => effect3Feed(after, request, 4, first.saved))
          assert.deepStrictEqual(next.events, expected)
          // and exactly as the edition that saved it goes on
          const own = made === "3"
            ? yield* Effect.promise(() => effect3Feed(after, request, 4, first.saved))
            : yield* effect4Feed(after, request, 4, first.saved)
          assert.deepStrictEqual(next, { ...own, saved: next.saved })
          assert.deepStrictEqual(savedState(next.saved), savedState(own.saved))
        }))
    }
  }
})
