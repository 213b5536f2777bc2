import { PersonalizeError } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"
import { Duration } from "effect"

describe("PersonalizeError", () => {
  const all: ReadonlyArray<[PersonalizeError.PersonalizeError, boolean, RegExp]> = [
    [
      new PersonalizeError.InvalidInputException({ origin: "client", field: "maxResults", detail: "too big" }),
      false,
      /Invalid request at maxResults: too big/
    ],
    [
      new PersonalizeError.InvalidInputException({ origin: "service", detail: "nope", requestId: "r1" }),
      false,
      /rejected the request as invalid: nope \(request id r1\)/
    ],
    [
      new PersonalizeError.InvalidNextTokenException({ origin: "service", detail: "expired" }),
      false,
      /start the listing again/
    ],
    [
      new PersonalizeError.InvalidNextTokenException({ origin: "client", detail: "bad checksum" }),
      false,
      /resume token cannot be read: bad checksum/
    ],
    [
      new PersonalizeError.ThrottlingException({ code: "TooManyRequestsException", status: 429 }),
      true,
      /throttled .*TooManyRequestsException, HTTP 429.*try again later/
    ],
    [
      new PersonalizeError.AccessDeniedException({ origin: "service", code: "ExpiredTokenException" }),
      false,
      /Access denied by Amazon Personalize \(ExpiredTokenException\).*Check the credentials/
    ],
    [
      new PersonalizeError.AccessDeniedException({ origin: "client", code: "CredentialsProviderError" }),
      false,
      /No AWS credentials could be loaded \(CredentialsProviderError\)\. Nothing was sent to Amazon Personalize/
    ],
    [
      new PersonalizeError.PersonalizeServiceException({ code: "InternalFailure", status: 500, fault: "server" }),
      true,
      /InternalFailure \(HTTP 500\).*try again later/
    ],
    [
      new PersonalizeError.PersonalizeServiceException({ code: "ValidationException", status: 400, fault: "client" }),
      false,
      /ValidationException/
    ],
    [
      new PersonalizeError.TransportError({
        reason: "ConnectionRefused",
        detail: "ECONNREFUSED",
        endpoint: "http://127.0.0.1:1"
      }),
      true,
      /No response .* at http:\/\/127.0.0.1:1 \(ConnectionRefused\)/
    ],
    [new PersonalizeError.TransportError({ reason: "Aborted", detail: "aborted" }), false, /Aborted/],
    [
      new PersonalizeError.ResponseDecodeError({ path: ["batchSegmentJobs", 0, "status"], detail: "Expected string" }),
      false,
      /at batchSegmentJobs.0.status: Expected string/
    ],
    [
      new PersonalizeError.PaginationLoopError({ token: "abc", pages: 3 }),
      false,
      /same nextToken twice \(abc\) after 3 page/
    ]
  ]

  it("every class has an actionable message, a tag, and says whether a retry may help", () => {
    for (const [error, retryable, message] of all) {
      assert.match(error.message, message)
      assert.isTrue(PersonalizeError.isPersonalizeError(error))
      assert.strictEqual(PersonalizeError.isRetryable(error), retryable, error._tag)
      assert.instanceOf(error, Error)
    }
    assert.strictEqual(new Set(all.map(([e]) => e._tag)).size, 8)
    assert.isTrue(all.some(([e]) => e._tag === "AccessDeniedException" && e.origin === "client"))
    assert.isFalse(PersonalizeError.isPersonalizeError(new Error("x")))
  })
})

describe("PersonalizeError.fromServiceError", () => {
  const validation =
    "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"
  type Row = readonly [
    input: PersonalizeError.ServiceError,
    tag: PersonalizeError.PersonalizeError["_tag"],
    expected: Record<string, unknown>
  ]
  const rows: ReadonlyArray<Row> = [
    [
      { code: "InvalidInputException", status: 400, message: validation, requestId: "r1" },
      "InvalidInputException",
      { origin: "service", field: "maxResults", detail: validation, requestId: "r1" }
    ],
    [
      { code: "com.amazonaws.personalize#InvalidInputException", status: 400, message: "bad" },
      "InvalidInputException",
      { origin: "service", field: undefined, detail: "bad" }
    ],
    [
      {
        code: "InvalidInputException",
        status: 400,
        message:
          "2 validation errors detected: Value 'x' at 'solutionVersionArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:.*; Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"
      },
      "InvalidInputException",
      { field: "solutionVersionArn" }
    ],
    [{ code: "InvalidInputException", status: 400 }, "InvalidInputException", { detail: "the input is not valid" }],
    [
      { code: "InvalidNextTokenException:http://internal.amazon.com/coral/x/", status: 400, message: "expired" },
      "InvalidNextTokenException",
      { origin: "service", detail: "expired" }
    ],
    ...[
      "ThrottlingException",
      "TooManyRequestsException",
      "LimitExceededException",
      "Throttling",
      "RequestLimitExceeded"
    ]
      .map((code): Row => [
        { code: `com.amazon.coral.availability#${code}`, status: 400, message: "Rate exceeded" },
        "ThrottlingException",
        { code, status: 400, detail: "Rate exceeded" }
      ]),
    [{ code: "UnknownError", status: 429 }, "ThrottlingException", { code: "UnknownError", status: 429 }],
    [
      { code: "ThrottlingException", status: 400, retryAfter: Duration.seconds(3) },
      "ThrottlingException",
      { retryAfter: Duration.seconds(3) }
    ],
    ...[
      "AccessDeniedException",
      "UnrecognizedClientException",
      "InvalidSignatureException",
      "ExpiredTokenException",
      "IncompleteSignatureException",
      "MissingAuthenticationTokenException",
      "MissingAuthenticationToken",
      "InvalidClientTokenId",
      "SignatureDoesNotMatch"
    ].map((code): Row => [{ code, status: 400 }, "AccessDeniedException", { origin: "service", code, status: 400 }]),
    [{ code: "Forbidden", status: 403 }, "AccessDeniedException", { origin: "service", code: "Forbidden" }],
    [{ code: "UnknownError", status: 401 }, "AccessDeniedException", { origin: "service", status: 401 }],
    [
      { code: "InternalServerError", status: 500, message: "oops" },
      "PersonalizeServiceException",
      { code: "InternalServerError", status: 500, fault: "server", detail: "oops" }
    ],
    [
      { code: "ServiceUnavailable", status: 503, retryAfter: Duration.seconds(1) },
      "PersonalizeServiceException",
      { fault: "server", retryAfter: Duration.seconds(1) }
    ],
    [{ code: "UnknownError", status: 502 }, "PersonalizeServiceException", { fault: "server", detail: undefined }],
    [{ code: "InternalFailure", fault: "server" }, "PersonalizeServiceException", { fault: "server" }],
    [
      { code: "com.amazon.coral.service#SerializationException", status: 400, message: "STRING_VALUE can not be" },
      "PersonalizeServiceException",
      { code: "SerializationException", fault: "client" }
    ],
    [{ code: "ResourceNotFoundException", status: 404 }, "PersonalizeServiceException", { fault: "client" }],
    [{ code: "", status: 400 }, "PersonalizeServiceException", { code: "UnknownError" }],
    [{ code: "  ", status: 413 }, "PersonalizeServiceException", { code: "UnknownError", status: 413 }]
  ]

  it("sorts every code the project knows into its class", () => {
    for (const [input, tag, expected] of rows) {
      const error = PersonalizeError.fromServiceError(input)
      assert.strictEqual(error._tag, tag, JSON.stringify(input))
      for (const [key, value] of Object.entries(expected)) {
        assert.deepStrictEqual((error as unknown as Record<string, unknown>)[key], value, `${input.code}: ${key}`)
      }
      assert.isTrue(PersonalizeError.isPersonalizeError(error))
    }
  })

  it("keeps the cause", () => {
    const cause = new Error("raw")
    assert.strictEqual(PersonalizeError.fromServiceError({ code: "X", status: 400, cause }).cause, cause)
  })

  it("strips namespaces and suffixes", () => {
    assert.strictEqual(
      PersonalizeError.sanitizeCode("com.amazonaws.personalize#ThrottlingException"),
      "ThrottlingException"
    )
    assert.strictEqual(
      PersonalizeError.sanitizeCode("ThrottlingException:http://internal.amazon.com/"),
      "ThrottlingException"
    )
    assert.strictEqual(PersonalizeError.sanitizeCode(" a#b#C:d "), "C")
  })
})
