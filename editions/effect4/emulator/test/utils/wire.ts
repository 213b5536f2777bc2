import * as Crypto from "node:crypto"

export const target = "AmazonPersonalize.ListBatchSegmentJobs"
export const contentType = "application/x-amz-json-1.1"

/** The emulators' documented test key pair. */
export const testKeys = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
} as const

const sha256 = (data: string): string => Crypto.createHash("sha256").update(data).digest("hex")
const hmac = (key: Uint8Array | string, data: string): Buffer => Crypto.createHmac("sha256", key).update(data).digest()

/** A SigV4 signer of its own, so that the servers' verification is not checked against itself. */
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

export interface RawResponse {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: any
}

/** One raw HTTP request, so that a test sees the status, headers and body as the wire carries them. */
export const post = async (
  url: string,
  body: string | object,
  options: {
    readonly headers?: Record<string, string>
    readonly sign?: boolean | { readonly accessKeyId: string; readonly secretAccessKey: string }
    /** Sign this body instead of the one sent. */
    readonly signedBody?: string
    readonly path?: string
    readonly method?: string
  } = {}
): Promise<RawResponse> => {
  const text = typeof body === "string" ? body : JSON.stringify(body)
  let headers: Record<string, string> = { "content-type": contentType, "x-amz-target": target, ...options.headers }
  if (options.sign !== undefined && options.sign !== false) {
    const keys = options.sign === true ? testKeys : options.sign
    headers = sign({
      method: options.method ?? "POST",
      url: options.path ?? "/",
      headers: { ...headers, host: new URL(url).host },
      body: options.signedBody ?? text,
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      region: "us-east-1",
      date: new Date()
    })
    delete headers.host
  }
  const method = options.method ?? "POST"
  const response = await fetch(url + (options.path ?? "/"), {
    method,
    headers,
    ...(method === "GET" ? {} : { body: text })
  })
  const responseText = await response.text()
  let json: unknown = undefined
  try {
    json = JSON.parse(responseText)
  } catch {
    // not JSON: the test looks at `text`
  }
  return { status: response.status, headers: response.headers, text: responseText, json }
}
