import { CliDemo, ErrorCode, Redact, ServiceModel, Wire } from "@effect-personalize/protocol"
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

describe("ServiceModel at its limits", () => {
  // NaN and Infinity were shown as JSON shows them, "null"
  it("maxResults 1 and 100 pass; 0, 101, 1.5, NaN and Infinity each have the one message, naming the value", () => {
    assert.strictEqual(ServiceModel.maxResultsIssue(1), undefined)
    assert.strictEqual(ServiceModel.maxResultsIssue(100), undefined)
    for (const n of [0, 101, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.strictEqual(ServiceModel.maxResultsIssue(n), `maxResults must be a whole number from 1 to 100, got ${n}`)
    }
  })

  it("a nextToken of 1500 ASCII characters passes; 1501 is named by its length, a non-ASCII one by its kind", () => {
    assert.strictEqual(ServiceModel.nextTokenIssue("t".repeat(1500)), undefined)
    assert.strictEqual(
      ServiceModel.nextTokenIssue("t".repeat(1501)),
      "a nextToken has at most 1500 characters, got 1501"
    )
    assert.strictEqual(ServiceModel.nextTokenIssue("page\u00e9-2"), "a nextToken contains only ASCII characters")
    assert.strictEqual(ServiceModel.nextTokenIssue(""), undefined)
  })

  it("a job name of 63 code points passes, of 64 does not; a long value is shown by its length", () => {
    assert.strictEqual(ServiceModel.jobNameIssue("a".repeat(63)), undefined)
    assert.strictEqual(ServiceModel.jobNameIssue("a".repeat(62) + "\u{1F600}".repeat(0) + "b"), undefined)
    assert.notStrictEqual(ServiceModel.jobNameIssue("a".repeat(64)), undefined)
    assert.notStrictEqual(ServiceModel.jobNameIssue(""), undefined)
  })
})

describe("Redact", () => {
  it("a secret that contains another is removed whole; empty and missing secrets are ignored", () => {
    const redact = Redact.makeRedact(["abc", undefined, "", "abcdef"])
    assert.strictEqual(redact("key abcdef and abc"), "key <redacted> and <redacted>")
    assert.strictEqual(Redact.makeRedact([""])("text"), "text")
  })

  it("a copied error keeps its name, its cause scrubbed, and drops what is not plain data", () => {
    const redact = Redact.makeRedact(["s3cret"])
    const cause = new Error("inner s3cret")
    const error = Object.assign(new TypeError("outer s3cret", { cause }), {
      nested: { list: ["s3cret"], deep: { deeper: { deepest: { kept: "s3cret", gone: { x: "s3cret" } } } } },
      socket: new (class Socket {})()
    })
    const copy = Redact.redactCause(error, redact) as TypeError & { nested: unknown; socket: unknown }
    assert.strictEqual(copy.name, "TypeError")
    assert.strictEqual(copy.message, "outer <redacted>")
    assert.strictEqual((copy.cause as Error).message, "inner <redacted>")
    assert.isUndefined(copy.socket)
    // four levels down, an object is dropped rather than walked
    assert.deepStrictEqual(copy.nested, {
      list: ["<redacted>"],
      deep: { deeper: { deepest: { kept: "<redacted>", gone: undefined } } }
    })
    assert.notInclude(String(copy.stack), "s3cret")
  })
})
