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

describe("PersonalizeError messages", () => {
  const rows: ReadonlyArray<readonly [PersonalizeError.PersonalizeError, string]> = [
    [
      new PersonalizeError.InvalidInputException({ origin: "client", field: "maxResults", detail: "too big" }),
      "Invalid request at maxResults: too big"
    ],
    [
      new PersonalizeError.InvalidInputException({ origin: "client", detail: "not an object" }),
      "Invalid request: not an object"
    ],
    [
      new PersonalizeError.InvalidInputException({
        origin: "service",
        field: "maxResults",
        detail: "nope",
        requestId: "r1"
      }),
      "Amazon Personalize rejected the request as invalid: nope (request id r1)"
    ],
    [
      new PersonalizeError.InvalidInputException({ origin: "service", detail: "nope" }),
      "Amazon Personalize rejected the request as invalid: nope"
    ],
    [
      new PersonalizeError.InvalidNextTokenException({ origin: "client", detail: "bad checksum" }),
      "The resume token cannot be read: bad checksum. Start again without a token, or pass the token exactly as it was printed."
    ],
    [
      new PersonalizeError.InvalidNextTokenException({
        origin: "client",
        detail: "inside a page",
        action: "Resume from a page."
      }),
      "The resume token cannot be read: inside a page. Resume from a page."
    ],
    [
      new PersonalizeError.InvalidNextTokenException({ origin: "service", detail: "expired", requestId: "r2" }),
      "Amazon Personalize rejected the nextToken: expired. Tokens are tied to the request that produced them; start the listing again. (request id r2)"
    ],
    [
      new PersonalizeError.InvalidNextTokenException({ origin: "service", detail: "expired" }),
      "Amazon Personalize rejected the nextToken: expired. Tokens are tied to the request that produced them; start the listing again."
    ],
    [
      new PersonalizeError.ThrottlingException({ code: "ThrottlingException" }),
      "Amazon Personalize throttled the request (ThrottlingException). Slow down and try again later."
    ],
    [
      new PersonalizeError.ThrottlingException({
        code: "TooManyRequestsException",
        status: 429,
        detail: "Rate exceeded",
        requestId: "r3"
      }),
      "Amazon Personalize throttled the request (TooManyRequestsException, HTTP 429): Rate exceeded. Slow down and try again later. (request id r3)"
    ],
    [
      new PersonalizeError.AccessDeniedException({ origin: "client", code: "CredentialsProviderError" }),
      "No AWS credentials could be loaded (CredentialsProviderError). Nothing was sent to Amazon Personalize. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile (AWS_PROFILE), or pass credentials to the client layer."
    ],
    [
      new PersonalizeError.AccessDeniedException({
        origin: "client",
        code: "CredentialsProviderError",
        detail: "Could not load credentials from any providers"
      }),
      "No AWS credentials could be loaded (CredentialsProviderError): Could not load credentials from any providers. Nothing was sent to Amazon Personalize. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile (AWS_PROFILE), or pass credentials to the client layer."
    ],
    [
      new PersonalizeError.AccessDeniedException({ origin: "service", code: "ExpiredTokenException" }),
      "Access denied by Amazon Personalize (ExpiredTokenException). Check the credentials, their expiry, the region, and the IAM permission personalize:ListBatchSegmentJobs."
    ],
    [
      new PersonalizeError.AccessDeniedException({
        origin: "service",
        code: "AccessDeniedException",
        status: 400,
        detail: "User is not authorized",
        requestId: "r4"
      }),
      "Access denied by Amazon Personalize (AccessDeniedException): User is not authorized. Check the credentials, their expiry, the region, and the IAM permission personalize:ListBatchSegmentJobs. (request id r4)"
    ],
    [
      new PersonalizeError.PersonalizeServiceException({
        code: "InternalFailure",
        status: 500,
        fault: "server",
        detail: "oops",
        requestId: "r5"
      }),
      "Amazon Personalize answered with InternalFailure (HTTP 500): oops. This is a fault on the service's side; try again later. (request id r5)"
    ],
    [
      new PersonalizeError.PersonalizeServiceException({ code: "ValidationException", fault: "client" }),
      "Amazon Personalize answered with ValidationException"
    ],
    [
      new PersonalizeError.TransportError({
        reason: "ConnectionRefused",
        detail: "ECONNREFUSED",
        endpoint: "http://127.0.0.1:1"
      }),
      "No response from Amazon Personalize at http://127.0.0.1:1 (ConnectionRefused): ECONNREFUSED. Check the endpoint, the region and the network, then try again."
    ],
    [
      new PersonalizeError.TransportError({ reason: "Timeout", detail: "no answer within 5 seconds" }),
      "No response from Amazon Personalize (Timeout): no answer within 5 seconds. Check the endpoint, the region and the network, then try again."
    ],
    [
      new PersonalizeError.ResponseDecodeError({
        path: ["batchSegmentJobs", 0, "status"],
        detail: "Expected string",
        requestId: "r6"
      }),
      "The response of Amazon Personalize does not match the service model at batchSegmentJobs.0.status: Expected string (request id r6)"
    ],
    [
      new PersonalizeError.ResponseDecodeError({ path: [], detail: "Expected an object" }),
      "The response of Amazon Personalize does not match the service model at the response: Expected an object"
    ],
    [
      new PersonalizeError.PaginationLoopError({ token: "t".repeat(40), pages: 3 }),
      `Amazon Personalize sent the same nextToken twice (${
        "t".repeat(40)
      }) after 3 page(s); stopped instead of looping forever.`
    ],
    [
      new PersonalizeError.PaginationLoopError({ token: `${"t".repeat(40)}u`, pages: 1 }),
      `Amazon Personalize sent the same nextToken twice (${
        "t".repeat(40)
      }…) after 1 page(s); stopped instead of looping forever.`
    ]
  ]

  it("each says what happened and what to do, word for word", () => {
    for (const [error, message] of rows) {
      assert.strictEqual(error.message, message)
    }
  })
})

describe("PersonalizeError.isRetryable", () => {
  it("retries a service exception for either half of its rule: a server fault, or an HTTP status of 500 or more", () => {
    const service = (fault: "client" | "server", status: number | undefined) =>
      PersonalizeError.isRetryable(new PersonalizeError.PersonalizeServiceException({ code: "X", fault, status }))
    assert.isTrue(service("server", undefined))
    assert.isTrue(service("server", 400))
    assert.isTrue(service("client", 500))
    assert.isTrue(service("client", 503))
    assert.isFalse(service("client", 499))
    assert.isFalse(service("client", undefined))
  })

  it("retries every transport failure but an abort, and a throttle; nothing else", () => {
    for (const reason of ["ConnectionRefused", "ConnectionReset", "Timeout", "DNS", "Unknown"] as const) {
      assert.isTrue(PersonalizeError.isRetryable(new PersonalizeError.TransportError({ reason, detail: "x" })), reason)
    }
    assert.isFalse(
      PersonalizeError.isRetryable(new PersonalizeError.TransportError({ reason: "Aborted", detail: "x" }))
    )
    const throttle = new PersonalizeError.ThrottlingException({ code: "ThrottlingException" })
    assert.isTrue(PersonalizeError.isRetryable(throttle))
    assert.isTrue(PersonalizeError.isThrottling(throttle))
    for (
      const error of [
        new PersonalizeError.InvalidInputException({ origin: "service", detail: "x" }),
        new PersonalizeError.InvalidNextTokenException({ origin: "service", detail: "x" }),
        new PersonalizeError.AccessDeniedException({ origin: "service", code: "AccessDeniedException", status: 500 }),
        new PersonalizeError.ResponseDecodeError({ path: [], detail: "x" }),
        new PersonalizeError.PaginationLoopError({ token: "t", pages: 1 })
      ]
    ) {
      assert.isFalse(PersonalizeError.isRetryable(error), error._tag)
      assert.isFalse(PersonalizeError.isThrottling(error), error._tag)
    }
    assert.isFalse(
      PersonalizeError.isThrottling(
        new PersonalizeError.PersonalizeServiceException({ code: "X", status: 503, fault: "server" })
      )
    )
  })
})

describe("PersonalizeError.fromServiceError, at the edges", () => {
  it("keeps the request id, the cause and the wait asked for on every class that carries them", () => {
    const cause = new Error("raw")
    const retryAfter = Duration.seconds(2)
    for (
      const [code, status] of [
        ["InvalidInputException", 400],
        ["InvalidNextTokenException", 400],
        ["ThrottlingException", 400],
        ["AccessDeniedException", 400],
        ["InternalFailure", 500]
      ] as const
    ) {
      const error = PersonalizeError.fromServiceError({
        code,
        status,
        requestId: "rid",
        cause,
        retryAfter,
        message: "m"
      })
      const fields = error as unknown as Record<string, unknown>
      assert.strictEqual(fields.requestId, "rid", code)
      assert.strictEqual(fields.cause, cause, code)
      assert.strictEqual(fields.detail, "m", code)
      if (code === "ThrottlingException" || code === "InternalFailure") {
        assert.deepStrictEqual(fields.retryAfter, retryAfter, code)
      }
    }
  })

  it("reads an empty message, or one that is only the unknown code, as no message", () => {
    for (const message of ["", "UnknownError"]) {
      const input = PersonalizeError.fromServiceError({ code: "InvalidInputException", status: 400, message })
      assert.strictEqual(input._tag, "InvalidInputException")
      assert.deepInclude(input, { detail: "the input is not valid", field: undefined })
      const token = PersonalizeError.fromServiceError({ code: "InvalidNextTokenException", status: 400, message })
      assert.deepInclude(token, { detail: "the token is not valid" })
      const other = PersonalizeError.fromServiceError({ code: "InternalFailure", status: 500, message })
      assert.strictEqual(
        other.message,
        "Amazon Personalize answered with InternalFailure (HTTP 500). This is a fault on the service's side; try again later."
      )
    }
  })

  it("puts the code before the status, a throttle before a denial, and the status before the fault given", () => {
    const cases: ReadonlyArray<
      readonly [PersonalizeError.ServiceError, PersonalizeError.PersonalizeError["_tag"], Record<string, unknown>]
    > = [
      [{ code: "InvalidInputException", status: 429 }, "InvalidInputException", {}],
      [{ code: "InvalidNextTokenException", status: 500 }, "InvalidNextTokenException", {}],
      [{ code: "AccessDeniedException", status: 429 }, "ThrottlingException", { code: "AccessDeniedException" }],
      [{ code: "ThrottlingException", status: 403 }, "ThrottlingException", { status: 403 }],
      [{ code: "ServiceUnavailable", status: 500, fault: "client" }, "PersonalizeServiceException", {
        fault: "server"
      }],
      [{ code: "Conflict", status: 499 }, "PersonalizeServiceException", { fault: "client" }],
      [{ code: "Conflict", status: 400, fault: "server" }, "PersonalizeServiceException", { fault: "server" }],
      [{ code: "Conflict" }, "PersonalizeServiceException", { fault: "client", status: undefined }],
      [{ code: "Conflict", status: 402 }, "PersonalizeServiceException", { fault: "client" }]
    ]
    for (const [input, tag, expected] of cases) {
      const error = PersonalizeError.fromServiceError(input)
      assert.strictEqual(error._tag, tag, JSON.stringify(input))
      assert.deepInclude(error, expected, JSON.stringify(input))
    }
  })
})
