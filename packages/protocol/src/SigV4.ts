/**
 * SigV4 verification as the service does it, for the emulators of both editions: the canonical request, the string
 * to sign, the signing key of the request's date, region and service, a constant-time comparison, and the errors AWS
 * answers when any of it is wrong. Uses `node:crypto`.
 *
 * @since 0.1.0
 */
import * as Crypto from "node:crypto"
import * as Failure from "./ServiceFailure.js"
import type { ServiceFailure } from "./ServiceFailure.js"
import * as ServiceModel from "./ServiceModel.js"

const service = ServiceModel.protocol.signingName

const algorithm = "AWS4-HMAC-SHA256"

/**
 * What SigV4 needs of a request. Header names are lower case; a header sent several times is joined with
 * commas, as Node does.
 *
 * @example
 * ```ts
 * import type { SigV4 } from "@effect-personalize/protocol"
 *
 * const request: SigV4.SignedRequest = { method: "POST", url: "/", headers: { host: "127.0.0.1:4566" }, body: new Uint8Array() }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface SignedRequest {
  readonly method: string
  /** The path and query as sent, still percent-encoded. */
  readonly url: string
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  readonly body: Uint8Array
}

const sha256 = (data: string | Uint8Array): string => Crypto.createHash("sha256").update(data).digest("hex")
const hmac = (key: Uint8Array | string, data: string): Buffer => Crypto.createHmac("sha256", key).update(data).digest()

// RFC 3986 encoding, as SigV4 wants it: everything but unreserved characters.
const encode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "))
  } catch {
    return s
  }
}

const canonicalUri = (path: string): string => {
  // Services other than S3 encode each path segment once more, on top of the encoding of the request line.
  const segments = path.split("/").map((segment) => encode(segment))
  const uri = segments.join("/")
  return uri === "" ? "/" : uri
}

const canonicalQuery = (query: string): string =>
  query === ""
    ? ""
    : query.split("&").filter((pair) => pair !== "").map((pair) => {
      const eq = pair.indexOf("=")
      const key = eq < 0 ? pair : pair.slice(0, eq)
      const value = eq < 0 ? "" : pair.slice(eq + 1)
      return [encode(safeDecode(key)), encode(safeDecode(value))] as const
    }).sort(([ka, va], [kb, vb]) => ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0)
      .map(([k, v]) => `${k}=${v}`).join("&")

const headerValue = (value: string | ReadonlyArray<string> | undefined): string =>
  (typeof value === "string" ? [value] : value ?? []).map((v) => v.trim().replace(/\s+/g, " ")).join(",")

interface Authorization {
  readonly _tag: "Authorization"
  readonly accessKeyId: string
  readonly date: string
  readonly region: string
  readonly service: string
  readonly terminal: string
  readonly signedHeaders: ReadonlyArray<string>
  readonly signature: string
}

const parseAuthorization = (header: string): Authorization | ServiceFailure => {
  const space = header.indexOf(" ")
  const scheme = space < 0 ? header : header.slice(0, space)
  if (scheme !== algorithm) {
    return Failure.incompleteSignature(`Authorization header requires '${algorithm}' signature scheme.`)
  }
  const parts = new Map<string, string>()
  for (const part of header.slice(space + 1).split(",")) {
    const eq = part.indexOf("=")
    if (eq > 0) parts.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  const missing = ["Credential", "SignedHeaders", "Signature"].filter((name) => !parts.has(name))
  if (missing.length > 0) {
    return Failure.incompleteSignature(
      missing.map((name) => `Authorization header requires '${name}' parameter.`).join(" ") +
        ` Authorization=${algorithm}`
    )
  }
  const credential = parts.get("Credential")!.split("/")
  if (credential.length !== 5) {
    return Failure.incompleteSignature(
      "Credential should be scoped to a valid region, e.g. 'AKID/20240101/us-east-1/personalize/aws4_request'."
    )
  }
  const [accessKeyId, date, region, service, terminal] = credential
  return {
    _tag: "Authorization",
    accessKeyId,
    date,
    region,
    service,
    terminal,
    signedHeaders: parts.get("SignedHeaders")!.split(";"),
    signature: parts.get("Signature")!
  }
}

/**
 * The access key id that a request's `Authorization` header names, whether or not its signature is checked.
 *
 * @example
 * ```ts
 * import { SigV4 } from "@effect-personalize/protocol"
 *
 * const authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/personalize/aws4_request, SignedHeaders=host, Signature=00"
 * assert.strictEqual(SigV4.accessKeyIdOf({ authorization }), "AKIDEXAMPLE")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const accessKeyIdOf = (headers: SignedRequest["headers"]): string | undefined => {
  const header = headers["authorization"]
  const authorization = typeof header === "string" ? header : header?.[0]
  if (authorization === undefined) return undefined
  const match = /Credential=([^/,\s]+)\//.exec(authorization)
  return match === null ? undefined : match[1]
}

/**
 * Verifies the SigV4 signature of a request against known keys: the canonical request, the string to sign,
 * the signing key for the request's date, region and the `personalize` service, then a constant-time
 * comparison. `undefined` when the signature is right, else the error AWS answers with.
 *
 * @example
 * ```ts
 * import { SigV4 } from "@effect-personalize/protocol"
 *
 * const unsigned = { method: "POST", url: "/", headers: {}, body: new Uint8Array() }
 * assert.strictEqual(SigV4.verify(unsigned, () => undefined)?.code, "MissingAuthenticationTokenException")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const verify = (
  request: SignedRequest,
  secretOf: (accessKeyId: string) => string | undefined
): ServiceFailure | undefined => {
  const header = request.headers["authorization"]
  const authorization = typeof header === "string" ? header : header?.[0]
  if (authorization === undefined || authorization === "") {
    return Failure.missingAuthenticationToken()
  }
  const auth = parseAuthorization(authorization)
  if (!("_tag" in auth)) return auth
  const secret = secretOf(auth.accessKeyId)
  if (secret === undefined) return Failure.unrecognizedClient()
  if (auth.service !== service) {
    return Failure.invalidSignature(`Credential should be scoped to correct service: '${service}'.`)
  }
  if (auth.terminal !== "aws4_request") {
    return Failure.invalidSignature("Credential should be scoped with a valid terminator: 'aws4_request'.")
  }
  const amzDate = headerValue(request.headers["x-amz-date"])
  if (amzDate === "") {
    return Failure.incompleteSignature(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
    )
  }
  if (!amzDate.startsWith(auth.date)) {
    return Failure.invalidSignature(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${
        amzDate.slice(0, 8)
      }', from '${amzDate}'.`
    )
  }
  if (!auth.signedHeaders.includes("host")) {
    return Failure.invalidSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.")
  }
  const question = request.url.indexOf("?")
  const path = question < 0 ? request.url : request.url.slice(0, question)
  const query = question < 0 ? "" : request.url.slice(question + 1)
  const contentHash = headerValue(request.headers["x-amz-content-sha256"])
  const payloadHash = contentHash === "UNSIGNED-PAYLOAD" ? contentHash : sha256(request.body)
  const canonicalRequest = [
    request.method,
    canonicalUri(path),
    canonicalQuery(query),
    auth.signedHeaders.map((name) => `${name}:${headerValue(request.headers[name])}\n`).join(""),
    auth.signedHeaders.join(";"),
    payloadHash
  ].join("\n")
  const scope = `${auth.date}/${auth.region}/${auth.service}/${auth.terminal}`
  const stringToSign = [algorithm, amzDate, scope, sha256(canonicalRequest)].join("\n")
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, auth.date), auth.region), auth.service), auth.terminal)
  const expected = Buffer.from(hmac(signingKey, stringToSign).toString("hex"))
  const given = Buffer.from(auth.signature)
  if (given.length !== expected.length || !Crypto.timingSafeEqual(given, expected)) {
    return Failure.invalidSignature()
  }
  return undefined
}
