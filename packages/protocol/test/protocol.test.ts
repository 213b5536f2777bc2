import { CliDemo, ErrorCode, ServiceModel, Wire } from "@effect-personalize/protocol"
import { assert, describe, it } from "@effect/vitest"
import { FastCheck } from "effect"

describe("ServiceModel", () => {
  it("arnIssue accepts exactly the model's pattern within 256 code points", () => {
    const arn = FastCheck.oneof(
      FastCheck.string({ unit: "grapheme", maxLength: 300 }),
      FastCheck.tuple(FastCheck.string(), FastCheck.string(), FastCheck.string()).map(([a, b, c]) =>
        `arn:aws:personalize:${a}:${b}:${c}`
      )
    )
    FastCheck.assert(FastCheck.property(arn, (s) => {
      const expected = ServiceModel.codePoints(s) <= 256 && ServiceModel.arnPattern.test(s)
      assert.strictEqual(ServiceModel.arnIssue(s) === undefined, expected, s)
    }))
  })

  it("each rule says what is wrong in the words both editions use", () => {
    assert.strictEqual(ServiceModel.arnIssue("a".repeat(257)), "an ARN has at most 256 characters")
    assert.strictEqual(
      ServiceModel.jobNameIssue(""),
      "expected a job name of 1 to 63 characters that starts with a letter or a digit, got \"\""
    )
    assert.strictEqual(
      ServiceModel.jobNameIssue("😀".repeat(63)),
      "expected a job name of 1 to 63 characters that starts with a letter or a digit, got " +
        JSON.stringify("😀".repeat(63))
    )
    assert.strictEqual(ServiceModel.jobNameIssue("a" + "😀".repeat(62)), undefined)
    assert.strictEqual(ServiceModel.statusIssue("s".repeat(256)), undefined)
    assert.strictEqual(
      ServiceModel.nextTokenIssue("t".repeat(1501)),
      "a nextToken has at most 1500 characters, got 1501"
    )
    assert.strictEqual(ServiceModel.maxResultsIssue(101), "maxResults must be a whole number from 1 to 100, got 101")
    assert.strictEqual(
      ServiceModel.maxResultsMessage("x".repeat(81)),
      "maxResults must be a whole number from 1 to 100, got a string of 81 characters"
    )
  })
})

describe("Wire", () => {
  it("epoch seconds round to the millisecond and back", () => {
    assert.strictEqual(Wire.dateOfEpochSeconds(1700000000.0004).getTime(), 1700000000000)
    assert.strictEqual(Wire.epochSecondsOfDate(Wire.dateOfEpochSeconds(1700000000.123)), 1700000000.123)
    assert.ok(Number.isNaN(Wire.dateOfEpochSeconds(Infinity).getTime()))
  })
})

describe("ErrorCode", () => {
  it("sanitize strips the namespace and the suffix", () => {
    assert.strictEqual(
      ErrorCode.sanitize(" com.amazonaws.personalize#ThrottlingException:http://x "),
      "ThrottlingException"
    )
    assert.strictEqual(ErrorCode.sanitize("aws.protocoljson#AccessDeniedException"), "AccessDeniedException")
  })
})

describe("CliDemo", () => {
  it("announcement: where the emulator listens, then the options --emulator ignores, one or several", () => {
    const url = "http://127.0.0.1:4566"
    const first = `Using the embedded Personalize emulator at ${url} (generated demo data, seed 42).\n`
    assert.strictEqual(CliDemo.announcement(url, []), first)
    assert.strictEqual(CliDemo.announcement(url, ["--region"]), `${first}--region is ignored with --emulator.\n`)
    assert.strictEqual(
      CliDemo.announcement(url, ["--region", "--profile"]),
      `${first}--region, --profile are ignored with --emulator.\n`
    )
  })

  it("the page-token key names the seed: a token of one run continues in the next", () => {
    assert.strictEqual(CliDemo.tokenSecret, "personalize-jobs --emulator demo data, seed 42")
    assert.deepStrictEqual(CliDemo.generate, { solutionVersions: 4, jobsPerVersion: 8, seed: 42 })
  })
})
