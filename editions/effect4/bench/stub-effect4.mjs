// The Effect 4 edition's listing through a stub port (raw pages from memory), for bench/editions.mjs: resolved from
// here, `effect` is 4.x; the edition's core is its build.
import { Effect, ManagedRuntime, Stream } from "effect"
import { ListBatchSegmentJobs, PersonalizeClient } from "../core/dist/index.js"

export const edition = "effect 4"

export const make = (raw, pageOf) => {
  const runtime = ManagedRuntime.make(
    PersonalizeClient.layerTest((request) => Effect.sync(() => raw[pageOf(request)]))
  )
  return (pageSize) => runtime.runPromise(ListBatchSegmentJobs.stream({}, { pageSize }).pipe(Stream.runCount))
}
