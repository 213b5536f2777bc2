/**
 * `--emulator`: this edition's embedded emulator, with the same demo data and token key as the Effect 3 edition's,
 * so both editions list the same jobs and a resume token printed by one continues in the other.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Os from "node:os"
import * as Path from "node:path"
import * as Processes from "./utils/processes.js"

// no AWS settings at all: --emulator needs none
const env = {
  PATH: process.env.PATH ?? "",
  HOME: Os.tmpdir(),
  AWS_CONFIG_FILE: Path.join(Os.tmpdir(), "personalize-jobs-emulator-no-config"),
  AWS_SHARED_CREDENTIALS_FILE: Path.join(Os.tmpdir(), "personalize-jobs-emulator-no-credentials")
}

const tokenIn = (stderr: string): string => {
  const token = /--starting-token (\S+)/.exec(stderr)?.[1]
  assert.isDefined(token, `a resume token in\n${stderr}`)
  return token!
}

const arns = (run: Processes.Run): Array<string> =>
  (JSON.parse(run.stdout.toString("utf8")) as Array<{ batchSegmentJobArn: string }>).map((job) =>
    job.batchSegmentJobArn
  )

describe("--emulator", () => {
  it.effect(
    "lists the demo data of the Effect 3 edition's --emulator, and a token of either edition continues in the other",
    () =>
      Effect.gen(function*() {
        const list = ["list", "--emulator", "--format", "json"]
        const [all4, all3] = yield* Effect.all([
          Processes.run(Processes.bins.effect4, list, env),
          Processes.run(Processes.bins.effect3, list, env)
        ], { concurrency: 2 })
        assert.strictEqual(all4.code, 0, all4.stderr.toString("utf8"))
        assert.match(
          all4.stderr.toString("utf8"),
          /^Using the embedded Personalize emulator at http:\/\/127\.0\.0\.1:\d+ \(generated demo data, seed 42\)\.\n/
        )
        const every = arns(all4)
        assert.strictEqual(every.length, 32)
        assert.deepStrictEqual(every, arns(all3))

        // 10 jobs, then the rest from the token, each half from either edition
        const first4 = yield* Processes.run(Processes.bins.effect4, [...list, "--max-items", "10"], env)
        const first3 = yield* Processes.run(Processes.bins.effect3, [...list, "--max-items", "10"], env)
        assert.deepStrictEqual(arns(first4), every.slice(0, 10))
        assert.deepStrictEqual(arns(first3), every.slice(0, 10))
        const [rest34, rest43] = yield* Effect.all([
          Processes.run(
            Processes.bins.effect4,
            [...list, "--starting-token", tokenIn(first3.stderr.toString("utf8"))],
            env
          ),
          Processes.run(
            Processes.bins.effect3,
            [...list, "--starting-token", tokenIn(first4.stderr.toString("utf8"))],
            env
          )
        ], { concurrency: 2 })
        assert.strictEqual(rest34.code, 0, rest34.stderr.toString("utf8"))
        assert.strictEqual(rest43.code, 0, rest43.stderr.toString("utf8"))
        assert.deepStrictEqual(arns(rest34), every.slice(10))
        assert.deepStrictEqual(arns(rest43), every.slice(10))
      }).pipe(Effect.scoped),
    { timeout: 300_000 }
  )
})
