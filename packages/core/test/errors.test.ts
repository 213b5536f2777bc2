import { PersonalizeError } from "@effect-personalize/core"
import { assert, describe, it } from "@effect/vitest"

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
    [new PersonalizeError.AccessDeniedException({ code: "ExpiredTokenException" }), false, /Check the credentials/],
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
    assert.isFalse(PersonalizeError.isPersonalizeError(new Error("x")))
  })
})
