import {
  EmulatorCommand,
  FaultInjection,
  HttpAnswer,
  JobGenerator,
  JobLifecycle,
  JobStore,
  ListOperation,
  PageToken,
  RateLimiter,
  RequestLog,
  RequestValidation,
  SeedJobs,
  ServiceFailure,
  SigV4
} from "@effect-personalize/protocol"
import { assert, describe, it } from "@effect/vitest"
import { FastCheck } from "effect"
import * as Crypto from "node:crypto"

// The parts both editions' emulators share. Their bytes are pinned to what the Effect 3 emulator produced before
// they moved here, so that neither edition's wire changes.

const arn = (name: string) => `arn:aws:personalize:us-east-1:123456789012:batch-segment-job/${name}`

describe("PageToken", () => {
  const codec = PageToken.make(Buffer.from("pinned-secret"), 24 * 3600_000)
  const position = { created: 1735689627000, arn: arn("job-0027") }
  const filter = "arn:aws:personalize:us-east-1:123456789012:solution/shoes/1"

  it("writes the tokens the Effect 3 emulator wrote, byte for byte", () => {
    assert.strictEqual(
      codec.encode(position, undefined, 1735700000123),
      "WzEsMTczNTY4OTYyNzAwMCwiYXJuOmF3czpwZXJzb25hbGl6ZTp1cy1lYXN0LTE6MTIzNDU2Nzg5MDEyOmJhdGNoLXNlZ21lbnQtam9iL2pvYi0wMDI3IiwiLSIsMTczNTcwMDAwMDEyM10.V5bkhiof44sdFfk9fdVJq8WMu3ex9N6PdVmKO-2yJP0"
    )
    assert.strictEqual(
      codec.encode(position, filter, 1735700000123),
      "WzEsMTczNTY4OTYyNzAwMCwiYXJuOmF3czpwZXJzb25hbGl6ZTp1cy1lYXN0LTE6MTIzNDU2Nzg5MDEyOmJhdGNoLXNlZ21lbnQtam9iL2pvYi0wMDI3IiwiLUlKNXVyd0VuRFRXUTE3amM1R1o3SSIsMTczNTcwMDAwMDEyM10.mAwbUfXVu9zozbUPIl66Cun65IJ5K3VMGJlgm6rpYts"
    )
  })

  it("reads its own tokens back; refuses another filter, an edit, another key, an expired token", () => {
    const token = codec.encode(position, filter, 0)
    assert.deepStrictEqual(codec.decode(token, filter, 1000), { _tag: "Right", value: position })
    const message = (result: ReturnType<typeof codec.decode>) => result._tag === "Left" ? result.failure.message : ""
    assert.match(message(codec.decode(token, undefined, 1000)), /different solutionVersionArn/)
    assert.match(message(codec.decode(token.replace(/^W/, "X"), filter, 1000)), /not issued by this service/)
    assert.match(
      message(PageToken.make(Buffer.from("other"), 1000).decode(token, filter, 0)),
      /not issued by this service/
    )
    assert.match(
      message(codec.decode(token, filter, 24 * 3600_000 + 1)),
      /expired: it was issued more than 86400 seconds/
    )
  })

  it("any position with any filter goes round", () => {
    FastCheck.assert(
      FastCheck.property(
        FastCheck.integer({ min: 0, max: 2 ** 45 }),
        FastCheck.string(),
        FastCheck.option(FastCheck.string(), { nil: undefined }),
        (created, arn, filter) => {
          const decoded = codec.decode(codec.encode({ created, arn }, filter, 5), filter, 5)
          assert.deepStrictEqual(decoded, { _tag: "Right", value: { created, arn } })
        }
      )
    )
  })
})

describe("RequestValidation", () => {
  it("names every violation as AWS does, as the Effect 3 emulator did", () => {
    const result = RequestValidation.validate({ solutionVersionArn: "x", maxResults: 101 })
    assert.deepStrictEqual(result, {
      _tag: "Left",
      failure: {
        status: 400,
        code: "InvalidInputException",
        message: "2 validation errors detected: Value 'x' at 'solutionVersionArn' failed to satisfy constraint: " +
          "Member must satisfy regular expression pattern: arn:([a-z\\d-]+):personalize:.*:.*:.+; Value '101' at " +
          "'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100"
      }
    })
  })

  it("a member of the wrong JSON type is a SerializationException", () => {
    const result = RequestValidation.decode({ nextToken: 5 })
    assert.strictEqual(result._tag === "Left" && result.failure.type, "com.amazon.coral.service#SerializationException")
    assert.strictEqual(
      result._tag === "Left" && result.failure.message,
      "NUMBER_VALUE can not be converted to a String"
    )
    assert.deepStrictEqual(RequestValidation.decode({ nextToken: null, other: 1 }), { _tag: "Right", value: {} })
  })
})

describe("RequestValidation at the model's limits", () => {
  const valid = (request: RequestValidation.ListRequest) => RequestValidation.validate(request)._tag === "Right"
  const arnOf = (length: number) => {
    const head = "arn:aws:personalize:us-east-1:123456789012:solution/"
    return head + "x".repeat(length - head.length)
  }

  it("an ARN of 256 code points is accepted, of 257 refused; a token of 1500 accepted, of 1501 refused", () => {
    assert.isTrue(valid({ solutionVersionArn: arnOf(256) }))
    assert.isFalse(valid({ solutionVersionArn: arnOf(257) }))
    // code points, not UTF-16 units: 256 of them, some outside the BMP, is still within the limit
    assert.isTrue(valid({ solutionVersionArn: arnOf(254) + "\u{1F600}\u{1F600}" }))
    assert.isTrue(valid({ nextToken: "t".repeat(1500) }))
    assert.isFalse(valid({ nextToken: "t".repeat(1501) }))
    assert.isTrue(valid({ maxResults: 1 }) && valid({ maxResults: 100 }))
    assert.isFalse(valid({ maxResults: 0 }) || valid({ maxResults: 101 }))
  })

  it("a maxResults beyond a 32-bit integer, or not whole, is a SerializationException, as the deserializer says", () => {
    for (const maxResults of [2147483648, -2147483649, 1.5, "5", true]) {
      const result = RequestValidation.decode({ maxResults })
      assert.strictEqual(result._tag === "Left" && result.failure.code, "SerializationException", String(maxResults))
    }
    for (const maxResults of [2147483647, -2147483648]) {
      assert.deepStrictEqual(RequestValidation.decode({ maxResults }), { _tag: "Right", value: { maxResults } })
    }
  })
})

describe("ServiceFailure", () => {
  it("each injected fault is answered with the status and the code the service sends", () => {
    const answers = [
      [ServiceFailure.throttling(), 400, "ThrottlingException"],
      [ServiceFailure.tooManyRequests(), 429, "TooManyRequestsException"],
      [ServiceFailure.internalError(), 500, "InternalServerError"],
      [ServiceFailure.serviceUnavailable(), 503, "ServiceUnavailable"],
      [ServiceFailure.missingAuthenticationToken(), 403, "MissingAuthenticationTokenException"],
      [ServiceFailure.unrecognizedClient(), 400, "UnrecognizedClientException"],
      [ServiceFailure.invalidSignature(), 400, "InvalidSignatureException"]
    ] as const
    for (const [failure, status, code] of answers) {
      assert.deepStrictEqual([failure.status, failure.code], [status, code], code)
    }
  })
})

describe("FaultInjection.decide", () => {
  it("random faults are of the kinds asked for, every kind occurs, and none without a rate", () => {
    const request = (index: number): FaultInjection.FaultRequest => ({ index, face: "http", body: {} })
    const kinds = ["internalError", "hang"] as const
    const seen = new Set<string>()
    let faults = 0
    for (let index = 0; index < 400; index++) {
      const decision = FaultInjection.decide({ rate: 0.5, kinds: [...kinds], seed: 7 }, request(index))
      if (decision === undefined) continue
      faults++
      seen.add(decision.kind)
    }
    assert.deepStrictEqual([...seen].sort(), ["hang", "internalError"])
    // about half of the requests, as the rate says
    assert.isTrue(faults > 150 && faults < 250, String(faults))
    const defaults = new Set<string>()
    for (let index = 0; index < 400; index++) {
      const decision = FaultInjection.decide({ rate: 1, seed: 7 }, request(index))
      if (decision !== undefined) defaults.add(decision.kind)
    }
    assert.deepStrictEqual([...defaults].sort(), [...FaultInjection.retryableFaultKinds].sort())
    assert.isUndefined(FaultInjection.decide({ seed: 7 }, request(1)))
  })
})

describe("JobGenerator", () => {
  it("generates the jobs the Effect 3 emulator generated for the same seed", () => {
    const jobs = JobGenerator.jobs({
      solutionVersions: 3,
      jobsPerVersion: 40,
      seed: 7,
      endingAt: Date.UTC(2026, 0, 1),
      region: "us-east-1",
      accountId: "123456789012"
    })
    assert.strictEqual(
      Crypto.createHash("sha256").update(JSON.stringify(jobs)).digest("hex"),
      "477024cb2e9a510db5cd46545931ba67b1defb8d74ecae9a93d623690dee1b7f"
    )
  })
})

describe("ListOperation", () => {
  it("pages keyed by position, newest first, ties by ARN; the last page has no token", () => {
    const store = new JobStore.JobStore()
    store.insertAll(
      [3, 1, 2, 2].map((created, i) => ({ arn: arn(`j${i}`), jobName: `j${i}`, created: created * 1000 }))
    )
    const tokens = PageToken.make(Buffer.from("s"), 60_000)
    const first = ListOperation.list({ maxResults: 2 }, store, tokens, 0)
    assert.strictEqual(first._tag, "Right")
    if (first._tag !== "Right") return
    assert.deepStrictEqual(first.value.body.batchSegmentJobs.map((job) => job.jobName), ["j0", "j2"])
    assert.deepStrictEqual(first.value.body.batchSegmentJobs[0], {
      batchSegmentJobArn: arn("j0"),
      jobName: "j0",
      creationDateTime: 3
    })
    const second = ListOperation.list({ maxResults: 2, nextToken: first.value.body.nextToken }, store, tokens, 0)
    assert.deepStrictEqual(second._tag === "Right" && second.value.body, {
      batchSegmentJobs: [
        { batchSegmentJobArn: arn("j3"), jobName: "j3", creationDateTime: 2 },
        { batchSegmentJobArn: arn("j1"), jobName: "j1", creationDateTime: 1 }
      ]
    })
  })

  it("a job advances on its schedule", () => {
    const job = { arn: arn("a"), status: "PENDING", created: 0 }
    const schedule = JobLifecycle.scheduleFor(
      job,
      0,
      { pendingFor: 10, runFor: 10, outcome: "CREATE FAILED" },
      undefined,
      undefined
    )
    const later = JobLifecycle.at({ ...job, schedule }, 20)
    assert.strictEqual(later.status, "CREATE FAILED")
    assert.include(JobGenerator.failureReasons, later.failureReason)
  })
})

describe("HttpAnswer", () => {
  it("an error's status, headers and body", () => {
    assert.deepStrictEqual(
      HttpAnswer.failure("r1", {
        status: 400,
        code: "SerializationException",
        type: "com.amazon.coral.service#SerializationException",
        message: "m"
      }, 1001),
      {
        status: 400,
        contentType: "application/x-amz-json-1.1",
        headers: { "x-amzn-RequestId": "r1", "x-amzn-ErrorType": "SerializationException", "Retry-After": "2" },
        body: "{\"__type\":\"com.amazon.coral.service#SerializationException\",\"message\":\"m\"}"
      }
    )
  })
})

describe("SigV4", () => {
  const sha256 = (data: string) => Crypto.createHash("sha256").update(data).digest("hex")
  const hmac = (key: Uint8Array | string, data: string) => Crypto.createHmac("sha256", key).update(data).digest()
  // A signer of its own, so that verification is not checked against itself.
  const signed = (body: string, secret: string) => {
    const amzDate = "20250101T000000Z"
    const headers: Record<string, string> = { host: "127.0.0.1:4566", "x-amz-date": amzDate }
    const names = Object.keys(headers).sort()
    const canonical = [
      "POST",
      "/",
      "",
      names.map((n) => `${n}:${headers[n]}\n`).join(""),
      names.join(";"),
      sha256(body)
    ]
      .join("\n")
    const scope = "20250101/us-east-1/personalize/aws4_request"
    const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, "20250101"), "us-east-1"), "personalize"), "aws4_request")
    const signature = hmac(key, ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n")).toString("hex")
    return {
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=AKID/${scope}, SignedHeaders=${
        names.join(";")
      }, Signature=${signature}`
    }
  }
  const verify = (headers: Record<string, string>, body: string) =>
    SigV4.verify(
      { method: "POST", url: "/", headers, body: new TextEncoder().encode(body) },
      (id) => id === "AKID" ? "secret" : undefined
    )

  it("accepts the right signature; refuses a wrong secret, a changed body, an unknown key, none", () => {
    assert.strictEqual(verify(signed("{}", "secret"), "{}"), undefined)
    assert.strictEqual(verify(signed("{}", "wrong"), "{}")?.code, "InvalidSignatureException")
    assert.strictEqual(verify(signed("{}", "secret"), "{ }")?.code, "InvalidSignatureException")
    const unknown = signed("{}", "secret")
    assert.strictEqual(
      verify({ ...unknown, authorization: unknown.authorization.replace("AKID", "OTHER") }, "{}")?.code,
      "UnrecognizedClientException"
    )
    assert.strictEqual(verify({}, "{}")?.status, 403)
    assert.strictEqual(SigV4.accessKeyIdOf(unknown), "AKID")
  })
})

describe("RateLimiter, RequestLog, FaultInjection", () => {
  it("a bucket per account refills at its rate", () => {
    const limiter = new RateLimiter.RateLimiter({ requestsPerSecond: 3 })
    assert.deepStrictEqual([0, 0, 0, 0].map((t) => limiter.take("a", t)), [true, true, true, false])
    assert.isTrue(limiter.take("b", 0))
    assert.isTrue(limiter.take("a", 334))
  })

  it("the log keeps the newest entries and counts every request", () => {
    const log = new RequestLog.RequestLog(2)
    for (let i = 0; i < 5; i++) log.answered(log.begin("http", i, { nextToken: "t".repeat(2000) }), 200)
    assert.deepStrictEqual(log.snapshot().map((entry) => entry.index), [4, 5])
    assert.strictEqual(log.stats().requests, 5)
    assert.strictEqual(log.snapshot()[0]?.body && (log.snapshot()[0]!.body as any).nextToken.length, 1500 + 19)
  })

  it("random faults depend only on the seed and the index", () => {
    const options = { rate: 0.5, seed: 3 }
    const kinds = Array.from(
      { length: 20 },
      (_, i) => FaultInjection.decide(options, { index: i + 1, face: "http", body: {} })?.kind
    )
    assert.deepStrictEqual(
      kinds,
      Array.from(
        { length: 20 },
        (_, i) => FaultInjection.decide(options, { index: i + 1, face: "client", body: 1 })?.kind
      )
    )
    assert.isTrue(kinds.some((kind) => kind === undefined) && kinds.some((kind) => kind !== undefined))
  })
})

describe("SeedJobs", () => {
  const millis = (u: unknown) => typeof u === "number" ? u : undefined

  it("names the place of every fault, in the words of the Effect 3 emulator's schema", () => {
    const result = SeedJobs.decode([
      { batchSegmentJobArn: arn("fine"), creationDateTime: 1735689600 },
      { batchSegmentJobArn: arn("when"), creationDateTime: "yesterday" },
      { batchSegmentJobArn: arn("life"), lifecycle: { runFor: "soon", outcome: "DONE" } },
      { jobName: "no-arn" },
      { batchSegmentJobArn: arn("-dash") },
      "a job",
      []
    ], millis)
    assert.strictEqual(result._tag, "Left")
    if (result._tag !== "Left") return
    assert.strictEqual(
      SeedJobs.describe(result.issues),
      "[1].creationDateTime \"yesterday\" is neither epoch seconds nor an ISO 8601 date; [2].lifecycle.runFor " +
        "\"soon\" is not a duration (milliseconds, or a string such as \"5 minutes\"); [2].lifecycle.outcome \"DONE\" " +
        "is neither \"ACTIVE\" nor \"CREATE FAILED\"; [3].batchSegmentJobArn is missing; [4].batchSegmentJobArn " +
        `"${
          arn("-dash")
        }" does not end in a job name (1 to 63 characters, starting with a letter or a digit); give a ` +
        "jobName; [5] \"a job\" is not a job (an object with at least a batchSegmentJobArn); [6] an array is not a job " +
        "(an object with at least a batchSegmentJobArn)"
    )
  })

  it("an undefined member is an absent one; times are epoch milliseconds", () => {
    assert.deepStrictEqual(
      SeedJobs.decode(
        [{ batchSegmentJobArn: arn("a"), jobName: undefined, creationDateTime: "2025-01-01T00:00:00Z" }],
        millis
      ),
      { _tag: "Right", value: [{ batchSegmentJobArn: arn("a"), creationDateTime: Date.UTC(2025, 0, 1) }] }
    )
  })
})

describe("EmulatorCommand", () => {
  const config = { host: "127.0.0.1", port: 0, noVerifySignatures: false }

  it("makes options of the command line's values, durations in milliseconds", () => {
    const parsed = EmulatorCommand.parse({
      ...config,
      generate: "3:40",
      randomSeed: 7,
      lifecycle: "10:60:0.25",
      faultRate: 0.1,
      faultKinds: "throttle, hang",
      rateLimit: "5/s,retry-after=2"
    })
    assert.deepStrictEqual(parsed._tag === "Right" && parsed.value, {
      host: "127.0.0.1",
      port: 0,
      verifySignatures: true,
      seedFile: undefined,
      generate: { solutionVersions: 3, jobsPerVersion: 40, seed: 7 },
      lifecycle: { pendingForMillis: 10_000, runForMillis: 60_000, failureRate: 0.25, seed: 7 },
      faults: { rate: 0.1, seed: 7, kinds: ["throttle", "hang"] },
      rateLimit: { requestsPerSecond: 5, retryAfterSeconds: 2 }
    })
  })

  it("a usage error names the option", () => {
    for (
      const [wrong, detail] of [
        [{ generate: "3" }, "--generate expects two whole numbers, e.g. 3:40"],
        [
          { faultKinds: "hang" },
          "--fault-kinds chooses the kinds of the faults of --fault-rate: give --fault-rate too, e.g. --fault-rate 0.1 --fault-kinds hang"
        ],
        [
          { faultRate: 0.5, faultKinds: "boom" },
          `unknown fault kinds boom; known: ${FaultInjection.faultKinds.join(", ")}`
        ],
        [
          { accessKeyId: "AKID" },
          "--access-key-id needs its secret: set PERSONALIZE_EMULATOR_SECRET_ACCESS_KEY in the environment, or give --secret-access-key"
        ],
        [
          { rateLimit: "5/s,speed=3" },
          "--rate-limit expects REQUESTS/s[,burst=N][,retry-after=SECONDS], e.g. 5/s or 5/s,burst=10; unknown setting \"speed\" in \"5/s,speed=3\""
        ]
      ] as const
    ) {
      assert.deepStrictEqual(EmulatorCommand.parse({ ...config, ...wrong }), { _tag: "Left", detail })
    }
  })
})
