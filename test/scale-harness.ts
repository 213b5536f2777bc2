import { PersonalizeAws } from "@effect-personalize/aws"
import type { PersonalizeError } from "@effect-personalize/core"
import { PersonalizeClient } from "@effect-personalize/core"
import { PersonalizeEmulator } from "@effect-personalize/emulator"
import type { Cause, Exit, Scope } from "effect"
import { Clock, Context, Effect, Fiber, Layer, Random, TestClock } from "effect"

/**
 * The scale tests' rig: the real HTTP emulator on port 0, on the test's clock, and the real aws layer pointed at it,
 * with a count of the port's calls so that the clock moves only when every request in flight waits on it.
 */
export interface Rig {
  readonly emulator: PersonalizeEmulator.Emulator.Service
  readonly url: string
  /** The aws layer over HTTP to the emulator, counting the port's calls. */
  readonly layer: Layer.Layer<PersonalizeClient.PersonalizeClient>
  /** Calls of the port: started, and ended (answered, failed or interrupted). */
  readonly calls: { started: number; ended: number }
  /** How each failed call of the port failed. */
  readonly failures: Array<Cause.Cause<PersonalizeError.PersonalizeError>>
  /**
   * Runs `effect` to its end on the `TestClock`: waits for real I/O until the emulator has every request sent and
   * the client every answer given, then moves the clock to the next sleep (a limiter's wait, a retry delay, a
   * timeout, a latency fault), and again. Each request thus reaches the emulator at the instant it was sent. The
   * effect's `Random` is seeded (the retry policy's jitter), so that a run's timing is the same every time.
   */
  readonly drive: <A, E>(effect: Effect.Effect<A, E>, seed?: number) => Effect.Effect<Exit.Exit<A, E>>
}

export interface RigOptions {
  readonly emulator?: (PersonalizeEmulator.Options & PersonalizeEmulator.ServerOptions) | undefined
  readonly credentials?: PersonalizeAws.Credentials | undefined
}

/** Builds the rig in the current scope: the server and the SDK client end with it. */
export const rig = (options: RigOptions = {}): Effect.Effect<Rig, never, Scope.Scope> =>
  Effect.gen(function*() {
    const context = yield* Layer.build(PersonalizeEmulator.layerServer(options.emulator)).pipe(Effect.orDie)
    const emulator = Context.get(context, PersonalizeEmulator.Emulator)
    const { url } = Context.get(context, PersonalizeEmulator.EmulatorServer)
    const aws = yield* Layer.build(
      Layer.orDie(
        PersonalizeAws.layer({
          region: "us-east-1",
          endpoint: url,
          credentials: options.credentials ?? PersonalizeEmulator.testCredentials
        })
      )
    )
    const client = Context.get(aws, PersonalizeClient.PersonalizeClient)
    const calls = { started: 0, ended: 0 }
    const failures: Array<Cause.Cause<PersonalizeError.PersonalizeError>> = []
    const layer = Layer.succeed(PersonalizeClient.PersonalizeClient, {
      listBatchSegmentJobs: (request) =>
        Effect.suspend(() => {
          calls.started++
          return client.listBatchSegmentJobs(request).pipe(
            Effect.tapErrorCause((cause) => Effect.sync(() => failures.push(cause))),
            Effect.ensuring(Effect.sync(() => calls.ended++))
          )
        }),
      // the wrapped client's own
      retryBudget: client.retryBudget
    })

    // Quiet: every request sent has arrived, and every request the emulator is done with is done for the client
    // too; three event loop turns in a row, so that a fiber about to send its next request gets the chance. A plain
    // promise loop: the emulator's counters are synchronous, and the Effect scheduler stays out of the turns.
    const quiet = () => {
      const stats = Effect.runSync(emulator.stats)
      return calls.started === stats.requests && calls.started - calls.ended === stats.inFlight
    }
    const settle = Effect.promise(async () => {
      let calm = 0
      for (let i = 0; i < 20_000 && calm < 3; i++) {
        calm = quiet() ? calm + 1 : 0
        await new Promise<void>((resolve) => setImmediate(resolve))
      }
    })

    const drive = <A, E>(effect: Effect.Effect<A, E>, seed = 0) =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(Effect.withRandom(effect, Random.make(seed)))
        while (fiber.unsafePoll() === null) {
          yield* settle
          if (fiber.unsafePoll() !== null) break
          const sleeps = yield* TestClock.sleeps()
          const now = yield* Clock.currentTimeMillis
          let next = Infinity
          for (const at of sleeps) next = Math.min(next, at)
          // nothing on the clock: the fiber waits on I/O that is not a request; give it real time
          if (next === Infinity) yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 1)))
          // `setTime`, not `adjust`: jittered delays are fractional, and now + (next - now) may fall short of next
          else yield* TestClock.setTime(Math.max(now, next))
        }
        return yield* Fiber.await(fiber)
      })

    return { emulator, url, layer, calls, failures, drive }
  })

/** The most requests in any window of `millis` (windows start at a request). */
export const busiestWindow = (times: ReadonlyArray<number>, millis: number): number => {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  let j = 0
  for (let i = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j] < sorted[i] + millis) j++
    most = Math.max(most, j - i)
  }
  return most
}
