import { PersonalizeAws } from "@effect-personalize/aws"
import { ListBatchSegmentJobs } from "@effect-personalize/core"
import { assert, it } from "@effect/vitest"
import { Effect, Redacted, Stream } from "effect"
import * as ChildProcess from "node:child_process"
import * as Readline from "node:readline"

// `personalize-emulator` (the emulator's command) as a process for the test: it prints its URL, then serves.
const emulator = (args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.callback<{ readonly url: string; readonly child: ChildProcess.ChildProcess }, Error>((resume) => {
      const child = ChildProcess.spawn("personalize-emulator", ["--port", "0", ...args], {
        stdio: ["ignore", "pipe", "inherit"]
      })
      Readline.createInterface({ input: child.stdout! }).once("line", (url) => resume(Effect.succeed({ url, child })))
      child.once("error", (error) => resume(Effect.fail(error)))
    }),
    ({ child }) => Effect.sync(() => child.kill())
  )

it.live("lists through the AWS SDK", () =>
  Effect.gen(function*() {
    const { url } = yield* emulator(["--generate", "2:20"])
    const count = yield* Stream.runCount(ListBatchSegmentJobs.stream({})).pipe(
      Effect.provide(PersonalizeAws.layer({
        region: "us-east-1",
        endpoint: url,
        // the emulator's test key pair, which is not a real key
        credentials: {
          accessKeyId: "AKIAIOSFODNN7EXAMPLE",
          secretAccessKey: Redacted.make("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        }
      }))
    )
    assert.strictEqual(count, 40)
  }).pipe(Effect.scoped))
