import { PersonalizeClient, PersonalizeError, Watch } from "@effect-personalize/core"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { assert, describe, it } from "@effect/vitest"
import { Effect, HashMap, Layer } from "effect"
import * as FileSystem from "effect/FileSystem"
import * as PlatformError from "effect/PlatformError"
import { TestClock } from "effect/testing"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Cli, Connection, Output } from "../src/index.js"
import * as StateFile from "../src/internal/stateFile.js"
import { fake, interruptExit, jobArn, runCli } from "./fixtures.js"

const shoes = "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"
const hats = "arn:aws:personalize:us-east-1:123456789012:solution/hats/0a1b2c3d"

const job = (name: string, status: string, solutionVersionArn?: string) => ({
  batchSegmentJobArn: jobArn(name),
  jobName: name,
  status,
  ...(solutionVersionArn === undefined ? {} : { solutionVersionArn })
})

/** The ndjson events of a watch as `event name previous->status`. */
const events = (ndjson: string): Array<string> =>
  ndjson.split("\n").filter((line) => line !== "").map((line) => {
    const e = JSON.parse(line)
    return `${e.event} ${e.jobName ?? e.batchSegmentJobArn} ${e.previousStatus ?? ""}->${e.status ?? ""}`
  })

/** A fresh directory for the scope. */
const tempDir = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "personalize-jobs-state-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
)

/** The node file system, except that every rename fails as a full disk or a kill in the middle would. */
const renameFails = Layer.effect(
  FileSystem.FileSystem,
  Effect.map(FileSystem.FileSystem, (fileSystem): FileSystem.FileSystem => ({
    ...fileSystem,
    rename: (from) =>
      Effect.fail(
        PlatformError.systemError({
          _tag: "Unknown",
          module: "FileSystem",
          method: "rename",
          pathOrDescriptor: from,
          description: "injected failure"
        })
      )
  }))
)

/**
 * Waits until `saved` reads `expected`: the save after a poll is real file I/O, which the test clock does not wait
 * for. Asked again every 10 ms of real time (a timer of the host, not of the test clock), at most 10 seconds.
 */
const savedBecomes = (saved: Effect.Effect<Array<string>, unknown>, expected: Array<string>) =>
  Effect.gen(function*() {
    let last: unknown
    for (let i = 0; i < 1000; i++) {
      // a file not written yet: a defect (readFileSync throws), not a failure
      const read = yield* Effect.exit(saved)
      if (read._tag === "Success" && JSON.stringify(read.value) === JSON.stringify(expected)) return
      last = read._tag === "Success" ? read.value : read.cause
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 10)))
    }
    assert.deepStrictEqual(last, expected)
  })

/** A service whose single page is `jobs()` at each request. */
const service = (jobs: () => ReadonlyArray<unknown>) => fake(() => [jobs()])

describe("watch --once --state-file", () => {
  it.effect("a first run prints every job as new; the next, only what changed; an unchanged service, nothing", () =>
    Effect.gen(function*() {
      const file = path.join(yield* tempDir, "watch.state")
      let jobs = [job("a", "PENDING"), job("b", "IN PROGRESS"), job("c", "ACTIVE")]
      const svc = service(() => jobs)
      const once = ["watch", "--once", "--state-file", file, "--format", "ndjson"]

      const first = yield* runCli(once, svc.layer)
      assert.strictEqual(first.code, 0, first.stderr)
      assert.deepStrictEqual(events(first.stdout), ["new a ->PENDING", "new b ->IN PROGRESS", "new c ->ACTIVE"])
      assert.strictEqual(first.stderr, "")
      assert.strictEqual(svc.requests.length, 1, "one poll")

      const unchanged = yield* runCli(once, svc.layer)
      assert.deepStrictEqual(unchanged, { code: 0, stdout: "", stderr: "" })

      jobs = [job("a", "IN PROGRESS"), job("b", "IN PROGRESS"), job("d", "PENDING")]
      const changed = yield* runCli(once, svc.layer)
      assert.strictEqual(changed.code, 0, changed.stderr)
      assert.deepStrictEqual(events(changed.stdout), [
        "changed a PENDING->IN PROGRESS",
        "new d ->PENDING",
        `vanished ${jobArn("c")} ->ACTIVE`
      ])

      const again = yield* runCli(once, svc.layer)
      assert.deepStrictEqual(again, { code: 0, stdout: "", stderr: "" })
      assert.strictEqual(svc.requests.length, 4)
      // the file is the watch state, and nothing else is left in the directory
      assert.deepStrictEqual(fs.readdirSync(path.dirname(file)), ["watch.state"])
      const [state] = yield* StateFile.decode(file, fs.readFileSync(file, "utf8"), [null])
      assert.deepStrictEqual([...HashMap.keys(state!.jobs)].sort(), [jobArn("a"), jobArn("b"), jobArn("d")])
    }))

  it.effect("a first run with no job at all still writes the file; a missing file is a first run", () =>
    Effect.gen(function*() {
      const file = path.join(yield* tempDir, "watch.state")
      let jobs: Array<ReturnType<typeof job>> = []
      const once = ["watch", "--once", "--state-file", file, "--format", "ndjson"]
      const empty = yield* runCli(once, service(() => jobs).layer)
      assert.deepStrictEqual(empty, { code: 0, stdout: "", stderr: "" })
      assert.isTrue(fs.existsSync(file))
      jobs = [job("a", "PENDING")]
      assert.deepStrictEqual(events((yield* runCli(once, service(() => jobs).layer)).stdout), ["new a ->PENDING"])
      fs.rmSync(file)
      assert.deepStrictEqual(events((yield* runCli(once, service(() => jobs).layer)).stdout), ["new a ->PENDING"])
    }))

  it.effect("without a state file, --once prints every job as new and polls once", () =>
    Effect.gen(function*() {
      const svc = service(() => [job("a", "PENDING"), job("b", "ACTIVE")])
      const result = yield* runCli(["watch", "--once", "--format", "ndjson", "--interval", "1s"], svc.layer)
      assert.strictEqual(result.code, 0, result.stderr)
      assert.deepStrictEqual(events(result.stdout), ["new a ->PENDING", "new b ->ACTIVE"])
      assert.strictEqual(svc.requests.length, 1)
    }))

  it.effect("--once fails at once on an error that a continuous watch would retry, with its exit code", () =>
    Effect.gen(function*() {
      const svc = fake([[job("a", "PENDING")]], {
        fail: () => new PersonalizeError.ThrottlingException({ code: "ThrottlingException" })
      })
      const result = yield* runCli(["watch", "--once", "--max-attempts", "1"], svc.layer)
      assert.strictEqual(result.code, 5, result.stderr)
      assert.notInclude(result.stderr, "Trying again")
    }))

  it.effect("--once with --until-terminal is a usage error", () =>
    Effect.gen(function*() {
      const svc = service(() => [])
      const result = yield* runCli(["watch", "--once", "--until-terminal"], svc.layer)
      assert.strictEqual(result.code, 2)
      assert.include(result.stderr, "Error: --once and --until-terminal cannot be combined")
      assert.strictEqual(svc.requests.length, 0)
    }))
})

describe("watch --state-file", () => {
  it.effect("a running watch saves after each poll that changed something: run again, it prints only what changed", () =>
    Effect.gen(function*() {
      const file = path.join(yield* tempDir, "watch.state")
      let jobs = [job("a", "PENDING"), job("b", "PENDING")]
      const svc = service(() => jobs)
      const fiber = yield* Effect.forkChild(
        Cli.run(["node", "personalize-jobs", "watch", "--interval", "10s", "--state-file", file, "--format", "ndjson"])
          .pipe(Effect.provideService(Connection.ClientProvider, () => svc.layer))
      )
      const saved = Effect.suspend(() => StateFile.decode(file, fs.readFileSync(file, "utf8"), [null])).pipe(
        Effect.map(([state]) => HashMap.toEntries(state!.jobs).map(([arn, v]) => `${arn} ${v.status}`).sort())
      )
      yield* TestClock.adjust("1 second")
      yield* savedBecomes(saved, [`${jobArn("a")} PENDING`, `${jobArn("b")} PENDING`])
      jobs = [job("a", "ACTIVE"), job("b", "PENDING")]
      yield* TestClock.adjust("10 seconds")
      yield* savedBecomes(saved, [`${jobArn("a")} ACTIVE`, `${jobArn("b")} PENDING`])
      assert.strictEqual(Cli.exitCode(yield* interruptExit(fiber)), 130)
      assert.deepStrictEqual(events(yield* (yield* Output.Capture).stdout), [
        "new a ->PENDING",
        "new b ->PENDING",
        "changed a PENDING->ACTIVE"
      ])
      // away, b fails and c appears
      jobs = [job("a", "ACTIVE"), job("b", "CREATE FAILED"), job("c", "PENDING")]
      const restarted = yield* runCli(["watch", "--once", "--state-file", file, "--format", "ndjson"], svc.layer)
      assert.deepStrictEqual(events(restarted.stdout), ["changed b PENDING->CREATE FAILED", "new c ->PENDING"])
    }).pipe(Effect.provide(Layer.merge(Output.layerTest(), NodeServices.layer))))

  it.effect("a state file cut in half, or not a state at all: exit code 2, the file untouched, nothing sent", () =>
    Effect.gen(function*() {
      const file = path.join(yield* tempDir, "watch.state")
      const jobs = [job("a", "PENDING"), job("b", "ACTIVE")]
      yield* runCli(["watch", "--once", "--state-file", file], service(() => jobs).layer)
      const whole = fs.readFileSync(file)
      for (const bytes of [whole.subarray(0, Math.floor(whole.length / 2)), Buffer.from("{\"jobs\":[]}\n")]) {
        fs.writeFileSync(file, bytes)
        const svc = service(() => jobs)
        const result = yield* runCli(["watch", "--once", "--state-file", file], svc.layer)
        assert.strictEqual(result.code, 2, result.stderr)
        assert.include(result.stderr, `Error: The state file ${file} is not a watch state that can be read`)
        assert.include(result.stderr, "It was left as it is")
        assert.strictEqual(result.stderr.split("\n").length, 2, result.stderr)
        assert.strictEqual(result.stdout, "")
        assert.isTrue(fs.readFileSync(file).equals(bytes), "the file is unchanged")
        assert.strictEqual(svc.requests.length, 0)
      }
    }))

  it.effect("a state file of other solution versions: exit code 2, the file untouched, nothing sent", () =>
    Effect.gen(function*() {
      const file = path.join(yield* tempDir, "watch.state")
      const jobs = [job("a", "PENDING", shoes)]
      const saved = yield* runCli(
        ["watch", "--once", "--state-file", file, "--solution-version-arn", shoes],
        service(() => jobs).layer
      )
      assert.strictEqual(saved.code, 0, saved.stderr)
      const before = fs.readFileSync(file)
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
        [["--solution-version-arn", hats], `belongs to a watch of ${shoes}, not of ${hats}`],
        [[], `belongs to a watch of ${shoes}, not of every job`],
        [["--solution-version-arn", shoes, "--solution-version-arn", hats], `not of ${shoes}, ${hats}`]
      ]
      for (const [filter, message] of cases) {
        const svc = service(() => jobs)
        const result = yield* runCli(["watch", "--once", "--state-file", file, ...filter], svc.layer)
        assert.strictEqual(result.code, 2, result.stderr)
        assert.include(result.stderr, message)
        assert.include(result.stderr, "--solution-version-arn options as the run that saved it")
        assert.isTrue(fs.readFileSync(file).equals(before))
        assert.strictEqual(svc.requests.length, 0)
      }
    }))

  it.effect("a save that fails (the rename): exit code 10, the state saved before intact, no temporary file left", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const file = path.join(dir, "watch.state")
      let jobs = [job("a", "PENDING")]
      const once = ["watch", "--once", "--state-file", file, "--format", "ndjson"]
      yield* runCli(once, service(() => jobs).layer)
      const before = fs.readFileSync(file)
      jobs = [job("a", "ACTIVE")]
      const failed = yield* runCli(once, service(() => jobs).layer, renameFails)
      assert.strictEqual(failed.code, 10, failed.stderr)
      assert.deepStrictEqual(events(failed.stdout), ["changed a PENDING->ACTIVE"])
      assert.include(failed.stderr, `Error: The watch state could not be saved to ${file}: renaming the temporary file`)
      assert.include(failed.stderr, "injected failure")
      assert.include(failed.stderr, "The file still holds the state saved before")
      assert.strictEqual(failed.stderr.split("\n").length, 2, failed.stderr)
      assert.isTrue(fs.readFileSync(file).equals(before), "the previous state is intact")
      assert.deepStrictEqual(fs.readdirSync(dir), ["watch.state"], "no temporary file left")
      // still readable: the next run prints the change again, since it was never saved
      const next = yield* runCli(once, service(() => jobs).layer)
      assert.deepStrictEqual(events(next.stdout), ["changed a PENDING->ACTIVE"])
    }))

  it.effect("a state file that cannot be read: exit code 10", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const svc = service(() => [])
      const result = yield* runCli(["watch", "--once", "--state-file", dir], svc.layer)
      assert.strictEqual(result.code, 10, result.stderr)
      assert.include(result.stderr, `Error: The state file ${dir} could not be read`)
      assert.strictEqual(svc.requests.length, 0)
    }))

  it.effect("a state file in a missing directory, or read-only: exit code 10 before anything is sent", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const missing = path.join(dir, "no-such-dir", "watch.state")
      const svc = service(() => [job("a", "PENDING")])
      const inMissing = yield* runCli(["watch", "--once", "--state-file", missing], svc.layer)
      assert.deepStrictEqual(inMissing, {
        code: 10,
        stdout: "",
        stderr: `Error: The state file ${missing} cannot be used: its directory ${
          path.dirname(missing)
        } does not exist. Nothing was sent.\n`
      })
      const file = path.join(dir, "watch.state")
      yield* runCli(["watch", "--once", "--state-file", file], svc.layer)
      fs.chmodSync(file, 0o444)
      const before = fs.readFileSync(file)
      const readOnly = yield* runCli(["watch", "--once", "--state-file", file], svc.layer)
      assert.deepStrictEqual(readOnly, {
        code: 10,
        stdout: "",
        stderr: `Error: The state file ${file} cannot be used: it is read-only, and each save replaces it (make it ` +
          "writable with chmod u+w, or give another --state-file). Nothing was sent.\n"
      })
      assert.isTrue(fs.readFileSync(file).equals(before))
      assert.strictEqual(fs.statSync(file).mode & 0o777, 0o444, "not replaced")
      assert.strictEqual(svc.requests.length, 1, "only the run with a usable file sent anything")
    }))

  it.effect("a state file that is a symbolic link: written through to its file, the link kept", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      fs.mkdirSync(path.join(dir, "real"))
      const target = path.join(dir, "real", "watch.state")
      const link = path.join(dir, "watch.state")
      fs.symlinkSync(path.join("real", "watch.state"), link)
      let jobs = [job("a", "PENDING")]
      const once = ["watch", "--once", "--state-file", link, "--format", "ndjson"]
      const first = yield* runCli(once, service(() => jobs).layer)
      assert.strictEqual(first.code, 0, first.stderr)
      assert.isTrue(fs.lstatSync(link).isSymbolicLink(), "the link is kept")
      assert.isTrue(fs.existsSync(target), "the state went to the link's file")
      jobs = [job("a", "ACTIVE")]
      const second = yield* runCli(once, service(() => jobs).layer)
      assert.deepStrictEqual(events(second.stdout), ["changed a PENDING->ACTIVE"])
      assert.isTrue(fs.lstatSync(link).isSymbolicLink(), "still a link")
      assert.include(fs.readFileSync(target, "utf8"), "ACTIVE")
      assert.deepStrictEqual(fs.readdirSync(path.join(dir, "real")), ["watch.state"], "no temporary file left")
    }))

  it.effect("several solution versions: one feed each, all in one file, restored in any order", () =>
    Effect.gen(function*() {
      const file = path.join(yield* tempDir, "watch.state")
      const jobs: Record<string, Array<ReturnType<typeof job>>> = {
        [shoes]: [job("s1", "PENDING", shoes)],
        [hats]: [job("h1", "PENDING", hats), job("h2", "ACTIVE", hats)]
      }
      const requests: Array<string | undefined> = []
      const client = PersonalizeClient.layerTest((request) =>
        Effect.sync(() => {
          requests.push(request.solutionVersionArn)
          return { body: { batchSegmentJobs: jobs[request.solutionVersionArn ?? ""] ?? [] } }
        })
      )
      const first = yield* runCli(
        [
          "watch",
          "--once",
          "--state-file",
          file,
          "--format",
          "ndjson",
          "--solution-version-arn",
          shoes,
          "--solution-version-arn",
          hats
        ],
        client
      )
      assert.strictEqual(first.code, 0, first.stderr)
      assert.deepStrictEqual(events(first.stdout).sort(), ["new h1 ->PENDING", "new h2 ->ACTIVE", "new s1 ->PENDING"])
      assert.deepStrictEqual(requests.sort(), [hats, shoes].sort())
      const feeds = yield* StateFile.decode(file, fs.readFileSync(file, "utf8"), [hats, shoes])
      assert.deepStrictEqual(feeds.map((state) => HashMap.size(state.jobs)), [2, 1])

      jobs[shoes] = [job("s1", "ACTIVE", shoes)]
      const second = yield* runCli(
        [
          "watch",
          "--once",
          "--state-file",
          file,
          "--format",
          "ndjson",
          "--solution-version-arn",
          hats,
          "--solution-version-arn",
          shoes
        ],
        client
      )
      assert.strictEqual(second.code, 0, second.stderr)
      assert.deepStrictEqual(events(second.stdout), ["changed s1 PENDING->ACTIVE"])
    }))
})

describe("the state file's text", () => {
  const state = (solutionVersionArn: string | null, arns: ReadonlyArray<string>): Watch.State => ({
    solutionVersionArn,
    jobs: HashMap.fromIterable(arns.map((arn) => [arn, { lastUpdated: 1_700_000_000_000, status: "ACTIVE" }]))
  })

  it.effect("round trip, one feed a line, each the core's encoding", () =>
    Effect.gen(function*() {
      const states = [state(shoes, [jobArn("a")]), state(hats, [])]
      const text = StateFile.encode(states)
      assert.deepStrictEqual(text.split("\n").slice(1, 3), [
        `${Watch.encodeState(states[0]!)},`,
        Watch.encodeState(states[1]!)
      ])
      const decoded = yield* StateFile.decode("f", text, [hats, shoes])
      assert.deepStrictEqual(decoded.map((s) => s.solutionVersionArn), [hats, shoes])
      assert.deepStrictEqual([...HashMap.keys(decoded[1]!.jobs)], [jobArn("a")])
    }))

  it.effect("damaged: another program's JSON, a feed without its filter, two feeds of one", () =>
    Effect.gen(function*() {
      const feed = Watch.encodeState(state(shoes, []))
      const cases: ReadonlyArray<readonly [string, string]> = [
        ["", "not a watch state"],
        ["[]", "not a watch state"],
        [`{"format":"personalize-jobs watch state","version":2,"feeds":[]}`, "not a watch state"],
        [
          `{"format":"personalize-jobs watch state","version":1,"feeds":[{"version":1,"jobs":[]}]}`,
          "feed 1 does not say which solution version it watches"
        ],
        [`{"format":"personalize-jobs watch state","version":1,"feeds":[${feed},${feed}]}`, `two feeds of ${shoes}`],
        [`{"format":"personalize-jobs watch state","version":1,"feeds":[{"jobs":3}]}`, "feed 1:"],
        [`{"format":"personalize-jobs watch state","version":1}`, "can be read: is missing: feeds."],
        [
          `{"format":"personalize-jobs watch state","version":1,"feeds":[{"version":1,"solutionVersionArn":null}]}`,
          "can be read: feed 1: is missing: jobs."
        ]
      ]
      for (const [text, fragment] of cases) {
        const error = yield* Effect.flip(StateFile.decode("f", text, [shoes]))
        assert.strictEqual(error.reason, "Damaged", text)
        assert.include(error.message, fragment, text)
      }
      const empty = yield* Effect.flip(
        StateFile.decode("f", `{"format":"personalize-jobs watch state","version":1,"feeds":[]}`, [null])
      )
      assert.strictEqual(empty.reason, "OtherFilter")
      assert.include(
        empty.message,
        "belongs to a watch of no solution version at all (it has no feed), not of every job"
      )
    }))
})
