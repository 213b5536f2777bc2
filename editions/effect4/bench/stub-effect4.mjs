// The Effect 4 edition's listings, for bench/editions.mjs (and `many` for bench/fanout.ts): resolved from here, `effect` is 4.x; the edition's core and
// aws are their builds.
import { Effect, Layer, ManagedRuntime, Redacted, Stream } from "effect"
import { PersonalizeAws } from "../aws/dist/index.js"
import { ListBatchSegmentJobs, PersonalizeClient, RateLimit } from "../core/dist/index.js"

export const edition = "effect 4"

/** `ListBatchSegmentJobs.stream` to the end through a stub port that serves `pageFor(request)`; gives the job count. */
export const make = (raw, pageOf) => makeWith((request) => raw[pageOf(request)])

/** As `make`, with `onJob` called at each job (its number, from 1) and each page given by `pageFor`. */
export const makeWith = (pageFor) => {
  const runtime = ManagedRuntime.make(PersonalizeClient.layerTest((request) => Effect.sync(() => pageFor(request))))
  return (pageSize, onJob) =>
    runtime.runPromise(
      onJob === undefined
        ? ListBatchSegmentJobs.stream({}, { pageSize }).pipe(Stream.runCount)
        : ListBatchSegmentJobs.stream({}, { pageSize }).pipe(
          Stream.runFoldEffect(() => 0, (n) => Effect.sync(() => (onJob(n + 1), n + 1)))
        )
    )
}

/**
 * `ListBatchSegmentJobs.pages` to the end over the AWS SDK (`PersonalizeAws.layer`) against `url`, `onPage` (a
 * promise) awaited at each page; gives the job count and, with `dispose`, closes the client.
 */
export const overHttp = async (url, credentials) => {
  const runtime = ManagedRuntime.make(
    PersonalizeAws.layer({
      region: "us-east-1",
      endpoint: url,
      credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: Redacted.make(credentials.secretAccessKey) }
    }).pipe(Layer.orDie)
  )
  const list = (pageSize, onPage) =>
    runtime.runPromise(
      ListBatchSegmentJobs.pages({}, { pageSize }).pipe(
        Stream.runFoldEffect(() => 0, (count, page) =>
          Effect.promise(() => onPage(page.batchSegmentJobs.length)).pipe(
            Effect.as(count + page.batchSegmentJobs.length)
          ))
      )
    )
  return { list, dispose: () => runtime.dispose() }
}

/**
 * `ListBatchSegmentJobs.streamMany(requests, { concurrency, pageSize, onFailure: "continue" })` to the end over the
 * AWS SDK (`PersonalizeAws.layer`) against `url`, under `RateLimit.layer(rateLimit)` (no limiter when it is
 * undefined), as bench/fanout.ts runs the Effect 3 edition's; gives the jobs and the failed requests.
 */
export const many = (url, credentials, requests, { concurrency, pageSize, rateLimit }) =>
  Effect.runPromise(
    ListBatchSegmentJobs.streamMany(requests, { concurrency, pageSize, onFailure: "continue" }).pipe(
      Stream.runFold(
        () => ({ jobs: 0, failed: 0 }),
        (acc, item) => item._tag === "Job" ? { ...acc, jobs: acc.jobs + 1 } : { ...acc, failed: acc.failed + 1 }
      ),
      Effect.provide(
        Layer.merge(
          PersonalizeAws.layer({
            region: "us-east-1",
            endpoint: url,
            credentials: {
              accessKeyId: credentials.accessKeyId,
              secretAccessKey: Redacted.make(credentials.secretAccessKey)
            }
          }).pipe(Layer.orDie),
          rateLimit === undefined ? Layer.empty : RateLimit.layer(rateLimit).pipe(Layer.orDie)
        )
      )
    )
  )
