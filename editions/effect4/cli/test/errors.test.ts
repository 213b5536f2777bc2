import { PersonalizeError } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Config, ConfigProvider, Effect, Exit } from "effect"
import * as CliErrors from "effect/cli/CliError"
import * as fs from "node:fs"
import * as Cli from "../src/Cli.js"
import { CliExit, EmulatorError, UsageError } from "../src/CliError.js"
import * as ExitCode from "../src/ExitCode.js"

/** A configuration error as the AWS layer of this edition fails with one. */
const configError = (message: string) => new Config.ConfigError(new ConfigProvider.SourceError({ message }))

const cases: ReadonlyArray<readonly [ExitCode.Error, number, ReadonlyArray<string>]> = [
  [
    new PersonalizeError.InvalidInputException({
      origin: "client",
      field: "solutionVersionArn",
      detail: "expected an ARN of the form arn:aws:personalize:REGION:ACCOUNT:solution/NAME/VERSION, got \"nope\""
    }),
    2,
    ["Invalid --solution-version-arn", "arn:aws:personalize:REGION:ACCOUNT:solution/NAME/VERSION", "\"nope\""]
  ],
  [
    new PersonalizeError.InvalidInputException({ origin: "service", detail: "bad ARN", requestId: "r-1" }),
    2,
    ["rejected the request as invalid: bad ARN", "r-1", "--help"]
  ],
  [
    new PersonalizeError.InvalidNextTokenException({ origin: "client", detail: "the checksum does not match" }),
    3,
    ["resume token cannot be read", "--starting-token"]
  ],
  [
    new PersonalizeError.InvalidNextTokenException({ origin: "service", detail: "expired" }),
    3,
    ["rejected the nextToken", "start the listing again"]
  ],
  [
    new PersonalizeError.AccessDeniedException({ origin: "service", code: "UnrecognizedClientException", status: 400 }),
    4,
    ["UnrecognizedClientException", "Check the credentials", "--profile", "AWS_ACCESS_KEY_ID"]
  ],
  [
    new PersonalizeError.AccessDeniedException({
      origin: "client",
      code: "CredentialsProviderError",
      detail: "Could not load credentials from any providers"
    }),
    4,
    ["No AWS credentials could be loaded", "Nothing was sent", "--profile", "AWS_ACCESS_KEY_ID"]
  ],
  [
    new PersonalizeError.ThrottlingException({ code: "ThrottlingException", status: 400 }),
    5,
    ["throttled", "--max-attempts", "later"]
  ],
  [
    new PersonalizeError.PersonalizeServiceException({ code: "InternalServerError", status: 500, fault: "server" }),
    6,
    ["InternalServerError", "HTTP 500", "try again later"]
  ],
  [
    new PersonalizeError.TransportError({
      reason: "ConnectionRefused",
      detail: "connect ECONNREFUSED 127.0.0.1:9",
      endpoint: "http://127.0.0.1:9/"
    }),
    7,
    ["No response", "http://127.0.0.1:9/", "ConnectionRefused", "Check the endpoint"]
  ],
  [
    new PersonalizeError.ResponseDecodeError({ path: ["batchSegmentJobs", 0, "status"], detail: "expected a string" }),
    8,
    ["batchSegmentJobs.0.status", "expected a string", "--endpoint"]
  ],
  [new PersonalizeError.PaginationLoopError({ token: "t", pages: 3 }), 9, ["same nextToken twice", "Try again later"]],
  [new UsageError({ detail: "Invalid --max-items: expected a whole number of at least 1." }), 2, ["--max-items"]],
  [new EmulatorError({ detail: "port in use" }), 1, ["emulator could not start", "port in use"]],
  [
    configError("Set AWS_REGION (or AWS_DEFAULT_REGION) to the region of Amazon Personalize, e.g. us-east-1"),
    2,
    ["No AWS region is configured", "AWS_REGION", "--region", "--emulator"]
  ],
  [
    configError("AWS_ENDPOINT_URL must be an absolute URL such as http://127.0.0.1:4566"),
    2,
    ["AWS configuration is not valid", "AWS_ENDPOINT_URL must be an absolute URL"]
  ],
  [
    configError("AWS_ENDPOINT_URL_PERSONALIZE must be an absolute URL such as http://127.0.0.1:4566"),
    2,
    ["must be an absolute URL such as http://127.0.0.1:4566 (--endpoint)."]
  ],
  [
    configError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"),
    2,
    ["The AWS configuration is not valid: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not."]
  ]
]

describe("errors", () => {
  it.effect("each error class has its exit code and one actionable line", () =>
    Effect.sync(() => {
      for (const [error, code, fragments] of cases) {
        assert.strictEqual(ExitCode.fromError(error), code, error._tag)
        const line = ExitCode.message(error)
        assert.notInclude(line, "\n", error._tag)
        for (const fragment of fragments) assert.include(line, fragment, error._tag)
      }
    }))

  it.effect("each error's line word for word: the flag it names, the endpoint's advice, one line however the detail breaks", () =>
    Effect.sync(() => {
      const lines: ReadonlyArray<readonly [ExitCode.Error, string]> = [
        [
          new PersonalizeError.InvalidInputException({
            origin: "client",
            field: "endpoint",
            detail: "http://192.0.2.1 is plain http:// to a remote host; set the option allowInsecureEndpoint: true " +
              "to allow it"
          }),
          "Refusing the endpoint: http://192.0.2.1 is plain http:// to a remote host; pass --allow-insecure-endpoint " +
          "to allow it."
        ],
        [
          new PersonalizeError.InvalidInputException({
            origin: "client",
            field: "requestsPerSecond",
            detail: "expected a positive number, got 0"
          }),
          "Invalid --max-rps: expected a positive number, got 0."
        ],
        [
          new PersonalizeError.InvalidInputException({ origin: "client", field: "nextToken", detail: "too long" }),
          "Invalid --starting-token: too long."
        ],
        // the service's refusal names the option of the member it names, and is one line
        [
          new PersonalizeError.InvalidInputException({
            origin: "service",
            field: "maxResults",
            detail: "bad\n  value."
          }),
          "Amazon Personalize rejected the request as invalid: bad value. Check --page-size (see --help)."
        ],
        [
          new PersonalizeError.InvalidInputException({ origin: "service", detail: "bad value" }),
          "Amazon Personalize rejected the request as invalid: bad value. Check the options (see --help)."
        ],
        // a detail that ends its sentence, or its line, gives no '. .'
        [
          new PersonalizeError.ThrottlingException({
            code: "ThrottlingException",
            status: 400,
            detail: "Rate exceeded.\n"
          }),
          "Amazon Personalize throttled the request (ThrottlingException, HTTP 400): Rate exceeded. Slow down and " +
          "try again later. Retries were exhausted; raise --max-attempts or run again later."
        ],
        [
          new PersonalizeError.ThrottlingException({
            code: "ThrottlingException",
            status: 400,
            detail: "Rate exceeded."
          }),
          "Amazon Personalize throttled the request (ThrottlingException, HTTP 400): Rate exceeded. Slow down and " +
          "try again later. Retries were exhausted; raise --max-attempts or run again later."
        ]
      ]
      for (const [error, line] of lines) assert.strictEqual(ExitCode.message(error), line)
    }))

  it.effect("distinct codes for the eight PersonalizeError classes", () =>
    Effect.sync(() => {
      const codes = cases.filter(([e]) => PersonalizeError.isPersonalizeError(e)).map(([e]) => ExitCode.fromError(e))
      assert.deepStrictEqual([...new Set(codes)].sort((a, b) => a - b), [2, 3, 4, 5, 6, 7, 8, 9])
    }))

  it.effect("the exit code of a run", () =>
    Effect.sync(() => {
      assert.strictEqual(Cli.exitCode(Exit.void), 0)
      assert.strictEqual(Cli.exitCode(Exit.fail(new CliExit({ code: 5 }))), 5)
      assert.strictEqual(Cli.exitCode(Exit.fail(new CliErrors.ValidationError({ message: "no" }))), 2)
      assert.strictEqual(Cli.exitCode(Exit.interrupt()), 130)
      assert.strictEqual(Cli.exitCode(Exit.failCause(Cause.interrupt())), 130)
      assert.strictEqual(Cli.exitCode(Exit.die(new Error("boom"))), 1)
      assert.strictEqual(
        Cli.exitCode(Exit.fail(new PersonalizeError.ThrottlingException({ code: "ThrottlingException" }))),
        5
      )
    }))

  it.effect("teardown hands the exit code over", () =>
    Effect.sync(() => {
      const codes: Array<number> = []
      Cli.teardown(Exit.fail(new CliExit({ code: 7 })), (code) => codes.push(code))
      Cli.teardown(Exit.void, (code) => codes.push(code))
      assert.deepStrictEqual(codes, [7, 0])
    }))

  it.effect("one table of exit codes: the codes of ExitCode, in order, and the README's table is made of it", () =>
    Effect.sync(() => {
      assert.deepStrictEqual(
        ExitCode.table.map(({ code }) => code),
        Object.values(ExitCode.ExitCode).sort((a, b) => a - b)
      )
      for (const { code, name } of ExitCode.table) assert.strictEqual(ExitCode.ExitCode[name], code)
      const readme = fs.readFileSync(new URL("../README.md", import.meta.url), "utf8")
      const start = readme.indexOf("| code | meaning |\n| --- | --- |\n")
      assert.isAbove(start, -1, "the README has the table")
      const rows = readme.slice(start).split("\n").slice(2)
      assert.deepStrictEqual(
        rows.slice(0, rows.indexOf("")),
        ExitCode.table.map(({ code, meaning }) => `| ${code} | ${meaning} |`)
      )
    }))
})
