import type { BatchSegmentJob, PersonalizeError } from "@effect-personalize/core"
import { PersonalizeClient } from "@effect-personalize/core"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect, Fiber, Layer } from "effect"
import type { Exit } from "effect"
import type * as FileSystem from "effect/FileSystem"
import { Cli, Connection, Output } from "../src/index.js"

export const solutionVersionArn = "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"

export const jobArn = (name: string) => `arn:aws:personalize:us-east-1:123456789012:batch-segment-job/${name}`

/** Three jobs that cover every shape: complete, failed with a reason that needs quoting, almost empty. */
export const jobs: ReadonlyArray<BatchSegmentJob.BatchSegmentJobSummary> = [
  {
    batchSegmentJobArn: jobArn("spring-launch"),
    jobName: "spring-launch",
    status: "ACTIVE",
    creationDateTime: new Date("2024-03-01T10:00:00Z"),
    lastUpdatedDateTime: new Date("2024-03-01T10:42:17Z"),
    solutionVersionArn
  },
  {
    batchSegmentJobArn: jobArn("winback"),
    jobName: "winback",
    status: "CREATE FAILED",
    creationDateTime: new Date("2024-03-02T08:00:00.250Z"),
    lastUpdatedDateTime: new Date("2024-03-02T08:05:00Z"),
    failureReason: "Bucket \"in\", not found",
    solutionVersionArn
  },
  {
    batchSegmentJobArn: jobArn("draft"),
    status: "PENDING"
  }
]

/** The same jobs as the service sends them (epoch seconds). */
export const wireJobs = jobs.map((job) => ({
  ...job,
  ...(job.creationDateTime === undefined ? {} : { creationDateTime: job.creationDateTime.getTime() / 1000 }),
  ...(job.lastUpdatedDateTime === undefined ? {} : { lastUpdatedDateTime: job.lastUpdatedDateTime.getTime() / 1000 })
}))

export interface Fake {
  readonly layer: Layer.Layer<PersonalizeClient.PersonalizeClient>
  readonly requests: Array<PersonalizeClient.WireRequest>
}

/**
 * A scripted service over pages of wire jobs: page i is answered to the token `p<i>`. `pages` may be a function,
 * read at each request (for jobs that change between polls). `fail` may answer a request (1-based) with an
 * error; `hang` never answers it.
 */
export const fake = (
  pages: ReadonlyArray<ReadonlyArray<unknown>> | (() => ReadonlyArray<ReadonlyArray<unknown>>),
  options: {
    readonly fail?: (call: number) => PersonalizeError.PersonalizeError | undefined
    readonly hang?: (call: number) => boolean
  } = {}
): Fake => {
  const requests: Array<PersonalizeClient.WireRequest> = []
  const layer = PersonalizeClient.layerTest((request) =>
    Effect.suspend(() => {
      requests.push(request)
      const call = requests.length
      const error = options.fail?.(call)
      if (error !== undefined) return Effect.fail(error)
      if (options.hang?.(call) === true) return Effect.never
      const all = typeof pages === "function" ? pages() : pages
      const index = request.nextToken === undefined ? 0 : Number(request.nextToken.slice(1))
      const page = all[index] ?? []
      return Effect.succeed({
        body: {
          batchSegmentJobs: page,
          ...(index + 1 < all.length ? { nextToken: `p${index + 1}` } : {})
        },
        requestId: `req-${call}`
      })
    })
  )
  return { layer, requests }
}

export interface Result {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs a command line in-process against `client`, with fresh captured streams and the platform of Node: its real
 * file system, or the one `fileSystem` makes of it.
 */
export const runCli = (
  args: ReadonlyArray<string>,
  client: Layer.Layer<PersonalizeClient.PersonalizeClient>,
  fileSystem?: Layer.Layer<FileSystem.FileSystem, never, FileSystem.FileSystem>
): Effect.Effect<Result> =>
  Effect.gen(function*() {
    const exit = yield* Effect.exit(
      Cli.run(["node", "personalize-jobs", ...args]).pipe(
        Effect.provideService(Connection.ClientProvider, () => client)
      )
    )
    const capture = yield* Output.Capture
    return { code: Cli.exitCode(exit), stdout: yield* capture.stdout, stderr: yield* capture.stderr }
  }).pipe(
    Effect.provide(
      Layer.merge(
        Output.layerTest(),
        fileSystem === undefined ? NodeServices.layer : Layer.provideMerge(fileSystem, NodeServices.layer)
      )
    )
  )

/** Interrupts a fiber and gives its exit (`Fiber.interrupt` of Effect 4 gives none). */
export const interruptExit = <A, E>(fiber: Fiber.Fiber<A, E>): Effect.Effect<Exit.Exit<A, E>> =>
  Effect.andThen(Fiber.interrupt(fiber), Fiber.await(fiber))
