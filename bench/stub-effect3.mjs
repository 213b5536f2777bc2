// The Effect 3 edition's listing through a stub port (raw pages from memory), for bench/editions.mjs: resolved from
// here, `effect` is 3.x and `@effect-personalize/core` the Effect 3 edition's build.
import { ListBatchSegmentJobs, PersonalizeClient } from "@effect-personalize/core"
import { Effect, ManagedRuntime, Stream } from "effect"

export const edition = "effect 3"

export const make = (raw, pageOf) => {
  const runtime = ManagedRuntime.make(
    PersonalizeClient.layerTest((request) => Effect.sync(() => raw[pageOf(request)]))
  )
  return (pageSize) => runtime.runPromise(ListBatchSegmentJobs.stream({}, { pageSize }).pipe(Stream.runCount))
}
