import { assert, describe, it } from "@effect/vitest"
import { Context, Effect, Layer } from "effect"
import * as ChildProcess from "node:child_process"
import { PersonalizeEmulator } from "../src/index.js"
import { sdkCredentials } from "./utils.js"
import { bins, start, stop } from "./utils/processes.js"

// Other SDKs, where the machine has them: the AWS CLI (botocore) and boto3. They are not dependencies of
// this package, so a machine without them skips these tests — except where PERSONALIZE_REQUIRE_SDKS=1 (CI sets
// it, after installing them), where a missing tool fails instead. PERSONALIZE_PYTHON names the Python with boto3.
const has = (command: string, args: ReadonlyArray<string>) =>
  ChildProcess.spawnSync(command, args, { stdio: "ignore", timeout: 20_000 }).status === 0

const python = process.env.PERSONALIZE_PYTHON ?? "python3"
const required = process.env.PERSONALIZE_REQUIRE_SDKS === "1"
const hasAwsCli = required || has("aws", ["--version"])
const hasBoto3 = required || has(python, ["-c", "import boto3"])

const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: sdkCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: sdkCredentials.secretAccessKey,
  AWS_DEFAULT_REGION: "us-east-1",
  AWS_CONFIG_FILE: "/dev/null",
  AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
  AWS_PAGER: ""
}

const run = (command: string, args: ReadonlyArray<string>) =>
  Effect.callback<{ readonly code: number | null; readonly stdout: string; readonly stderr: string }>((resume) => {
    const child = ChildProcess.execFile(
      command,
      args,
      // one process's limit, below its test's: a hang fails with what the process printed
      { env, timeout: 50_000 },
      (error, stdout, stderr) =>
        resume(Effect.succeed({ code: error === null ? 0 : (error as any).code ?? 1, stdout, stderr }))
    )
    return Effect.sync(() => child.kill())
  })

const setup = Effect.gen(function*() {
  const context = yield* Layer.build(
    PersonalizeEmulator.layerServer({ generate: { solutionVersions: 3, jobsPerVersion: 7, seed: 5 } })
  )
  return {
    url: Context.get(context, PersonalizeEmulator.EmulatorServer).url,
    emulator: Context.get(context, PersonalizeEmulator.Emulator)
  }
})

describe("other SDKs against the HTTP face", () => {
  it.effect.runIf(hasAwsCli)(
    "the AWS CLI pages through every job",
    () =>
      Effect.gen(function*() {
        const { emulator, url } = yield* setup
        const expected = (yield* emulator.jobs).map((job) => job.batchSegmentJobArn)
        const listed = yield* run("aws", [
          "personalize",
          "list-batch-segment-jobs",
          "--endpoint-url",
          url,
          "--page-size",
          "4",
          "--output",
          "json"
        ])
        assert.strictEqual(listed.code, 0, listed.stderr)
        const arns = JSON.parse(listed.stdout).batchSegmentJobs.map((job: any) => job.batchSegmentJobArn)
        assert.deepStrictEqual(arns, expected)
        assert.strictEqual((yield* emulator.stats).requests, Math.ceil(expected.length / 4))
      }),
    { timeout: 60_000 }
  )

  // one AWS CLI process per test: each has the test's limit to itself
  it.effect.runIf(hasAwsCli)(
    "the AWS CLI sees InvalidNextTokenException",
    () =>
      Effect.gen(function*() {
        const { url } = yield* setup
        const bad = yield* run("aws", [
          "personalize",
          "list-batch-segment-jobs",
          "--endpoint-url",
          url,
          "--no-paginate",
          "--next-token",
          "abc.def"
        ])
        assert.notStrictEqual(bad.code, 0)
        assert.include(bad.stderr, "(InvalidNextTokenException)")
      }),
    { timeout: 60_000 }
  )

  it.effect.runIf(hasBoto3)(
    "boto3's paginator lists every job; a wrong secret is InvalidSignatureException",
    () =>
      Effect.gen(function*() {
        const { emulator, url } = yield* setup
        const expected = (yield* emulator.jobs).map((job) => job.batchSegmentJobArn)
        const script = `
import json, sys, boto3
c = boto3.client("personalize", endpoint_url=sys.argv[1], region_name="us-east-1")
arns = []
for page in c.get_paginator("list_batch_segment_jobs").paginate(PaginationConfig={"PageSize": 5}):
    arns += [job["batchSegmentJobArn"] for job in page["batchSegmentJobs"]]
errors = []
try:
    c.list_batch_segment_jobs(nextToken="abc.def")
except Exception as e:
    errors.append(e.response["Error"]["Code"])
bad = boto3.client("personalize", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id=${JSON.stringify(sdkCredentials.accessKeyId)}, aws_secret_access_key="wrong")
try:
    bad.list_batch_segment_jobs()
except Exception as e:
    errors.append(e.response["Error"]["Code"])
print(json.dumps({"arns": arns, "errors": errors}))
`
        const out = yield* run(python, ["-c", script, url])
        assert.strictEqual(out.code, 0, out.stderr)
        const result = JSON.parse(out.stdout)
        assert.deepStrictEqual(result.arns, expected)
        assert.deepStrictEqual(result.errors, ["InvalidNextTokenException", "InvalidSignatureException"])
      }),
    { timeout: 60_000 }
  )
})

// The same checks against the `personalize-emulator` bin of this edition, as a process: what a user of the AWS CLI
// or botocore runs. The jobs come from the emulator itself (`--generate`, seeded), read in memory by no one: the
// expected ARNs are what the bin's own listing gives with the AWS CLI's default page size.
describe("other SDKs against the personalize-emulator bin", () => {
  const args = ["--generate", "3:7", "--random-seed", "5"]

  it.effect.runIf(hasAwsCli)(
    "the AWS CLI pages through every job, the same jobs in any page size; InvalidNextTokenException",
    () =>
      Effect.gen(function*() {
        const running = yield* start(bins.effect4, args)
        const list = (pageSize: string) =>
          run("aws", [
            "personalize",
            "list-batch-segment-jobs",
            "--endpoint-url",
            running.url,
            "--page-size",
            pageSize,
            "--output",
            "json"
          ])
        const all = yield* list("100")
        assert.strictEqual(all.code, 0, all.stderr)
        const expected = JSON.parse(all.stdout).batchSegmentJobs.map((job: any) => job.batchSegmentJobArn)
        assert.strictEqual(expected.length, 21)
        const paged = yield* list("4")
        assert.strictEqual(paged.code, 0, paged.stderr)
        assert.deepStrictEqual(
          JSON.parse(paged.stdout).batchSegmentJobs.map((job: any) => job.batchSegmentJobArn),
          expected
        )
        const bad = yield* run("aws", [
          "personalize",
          "list-batch-segment-jobs",
          "--endpoint-url",
          running.url,
          "--no-paginate",
          "--next-token",
          "abc.def"
        ])
        assert.notStrictEqual(bad.code, 0)
        assert.include(bad.stderr, "(InvalidNextTokenException)")
        assert.deepStrictEqual(yield* stop(running), { code: 0, signal: null })
        assert.match(running.stderr(), /stopped after 8 request\(s\): 7 page\(s\)/)
      }).pipe(Effect.scoped),
    { timeout: 60_000 }
  )

  it.effect.runIf(hasBoto3)(
    "botocore's paginator lists every job once, newest first; a wrong secret is InvalidSignatureException",
    () =>
      Effect.gen(function*() {
        const running = yield* start(bins.effect4, args)
        const script = `
import json, sys, boto3
c = boto3.client("personalize", endpoint_url=sys.argv[1], region_name="us-east-1")
jobs = []
for page in c.get_paginator("list_batch_segment_jobs").paginate(PaginationConfig={"PageSize": 5}):
    jobs += [[job["batchSegmentJobArn"], job["creationDateTime"].timestamp()] for job in page["batchSegmentJobs"]]
errors = []
bad = boto3.client("personalize", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id=${JSON.stringify(sdkCredentials.accessKeyId)}, aws_secret_access_key="wrong")
try:
    bad.list_batch_segment_jobs()
except Exception as e:
    errors.append(e.response["Error"]["Code"])
print(json.dumps({"jobs": jobs, "errors": errors}))
`
        const out = yield* run(python, ["-c", script, running.url])
        assert.strictEqual(out.code, 0, out.stderr)
        const result = JSON.parse(out.stdout)
        const arns = result.jobs.map(([arn]: [string, number]) => arn)
        assert.strictEqual(arns.length, 21)
        assert.strictEqual(new Set(arns).size, 21)
        const times = result.jobs.map(([, time]: [string, number]) => time)
        assert.deepStrictEqual(times, [...times].sort((a, b) => b - a), "newest first")
        assert.deepStrictEqual(result.errors, ["InvalidSignatureException"])
        assert.deepStrictEqual(yield* stop(running), { code: 0, signal: null })
      }).pipe(Effect.scoped),
    { timeout: 60_000 }
  )
})
