import { PersonalizeClient as SdkClient } from "@aws-sdk/client-personalize"
import { Effect, Redacted } from "effect"
import * as Crypto from "node:crypto"
import { PersonalizeEmulator } from "../src/index.js"

export const target = "AmazonPersonalize.ListBatchSegmentJobs"
export const contentType = "application/x-amz-json-1.1"

export const sdkCredentials = {
  accessKeyId: PersonalizeEmulator.testCredentials.accessKeyId,
  secretAccessKey: Redacted.value(PersonalizeEmulator.testCredentials.secretAccessKey)
}

/** The real AWS SDK client, pointed at the emulator, with its own retries off so that tests count exactly. */
export const sdk = (url: string, credentials: { accessKeyId: string; secretAccessKey: string } = sdkCredentials) =>
  Effect.acquireRelease(
    Effect.sync(() => new SdkClient({ region: "us-east-1", endpoint: url, credentials, maxAttempts: 1 })),
    (client) => Effect.sync(() => client.destroy())
  )

export interface RawResponse {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: any
}

/** One raw HTTP request, so that tests see the status, headers and body as the wire carries them. */
export const post = (
  url: string,
  body: string | object,
  options: {
    readonly headers?: Record<string, string>
    readonly sign?: boolean
    /** Sign this body instead of the one sent. */
    readonly signedBody?: string
    readonly path?: string
  } = {}
): Effect.Effect<RawResponse> =>
  Effect.promise(async () => {
    const text = typeof body === "string" ? body : JSON.stringify(body)
    let headers: Record<string, string> = {
      "content-type": contentType,
      "x-amz-target": target,
      ...options.headers
    }
    if (options.sign === true) {
      headers = sign({
        method: "POST",
        url: options.path ?? "/",
        headers: { ...headers, host: new URL(url).host },
        body: options.signedBody ?? text,
        accessKeyId: sdkCredentials.accessKeyId,
        secretAccessKey: sdkCredentials.secretAccessKey,
        region: "us-east-1",
        date: new Date()
      })
      delete headers.host
    }
    const response = await fetch(url + (options.path ?? "/"), { method: "POST", headers, body: text })
    const responseText = await response.text()
    let json: unknown = undefined
    try {
      json = JSON.parse(responseText)
    } catch {
      // not JSON: the test looks at `text`
    }
    return { status: response.status, headers: response.headers, text: responseText, json }
  })

/** Yields to the event loop until `check` holds: waits for I/O without sleeping on any clock. */
export const eventually = <E, R>(check: Effect.Effect<boolean, E, R>, turns = 100_000): Effect.Effect<void, E, R> =>
  Effect.gen(function*() {
    for (let i = 0; i < turns; i++) {
      if (yield* check) return
      yield* Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))
    }
    return yield* Effect.die(new Error("condition not reached"))
  })

/** Jobs with distinct, known creation times: job i is created i seconds after 2025-01-01. */
export const fixedJobs = (count: number, solutionVersions = 3): Array<PersonalizeEmulator.SeedJob> =>
  Array.from({ length: count }, (_, i) => ({
    batchSegmentJobArn: `arn:aws:personalize:us-east-1:123456789012:batch-segment-job/job-${
      String(i).padStart(4, "0")
    }`,
    jobName: `job-${String(i).padStart(4, "0")}`,
    status: "ACTIVE",
    creationDateTime: Date.UTC(2025, 0, 1) / 1000 + i,
    solutionVersionArn: `arn:aws:personalize:us-east-1:123456789012:solution/sol-${i % solutionVersions}/v1`
  }))

const sha256 = (data: string): string => Crypto.createHash("sha256").update(data).digest("hex")
const hmac = (key: Uint8Array | string, data: string): Buffer => Crypto.createHmac("sha256", key).update(data).digest()

/** A SigV4 signer of its own, so that the server's verification is not checked against itself. */
export const sign = (options: {
  readonly method: string
  readonly url: string
  readonly headers: Record<string, string>
  readonly body: string
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly region: string
  readonly date: Date
}): Record<string, string> => {
  const amzDate = options.date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "")
  const date = amzDate.slice(0, 8)
  const headers: Record<string, string> = { ...options.headers, "x-amz-date": amzDate }
  const names = Object.keys(headers).map((name) => name.toLowerCase()).sort()
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim()]))
  const canonicalRequest = [
    options.method,
    options.url,
    "",
    names.map((name) => `${name}:${lower[name]}\n`).join(""),
    names.join(";"),
    sha256(options.body)
  ].join("\n")
  const scope = `${date}/${options.region}/personalize/aws4_request`
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n")
  const key = hmac(
    hmac(hmac(hmac(`AWS4${options.secretAccessKey}`, date), options.region), "personalize"),
    "aws4_request"
  )
  const signature = hmac(key, stringToSign).toString("hex")
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${options.accessKeyId}/${scope}, SignedHeaders=${
      names.join(";")
    }, Signature=${signature}`
  }
}
