/**
 * Keeps credential values out of every error the aws packages of both editions hand over.
 *
 * The secret access key never goes on the wire, but the session token does (`X-Amz-Security-Token`), and AWS
 * echoes the signed headers back in some error messages (the canonical request of a signature mismatch). The SDK
 * also hangs the raw HTTP response on its errors (`$response`, hidden and non-configurable), which references the
 * signed request with its headers. So every text kept is scrubbed, and the SDK error is re-created without
 * `$response` before it becomes a `cause`.
 *
 * @since 0.1.0
 */

/**
 * What stands in a text where a secret was.
 *
 * @example
 * ```ts
 * import { Redact } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(Redact.placeholder, "<redacted>")
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const placeholder = "<redacted>"

/**
 * A function that scrubs one text.
 *
 * @example
 * ```ts
 * import type { Redact } from "@effect-personalize/protocol"
 *
 * const shout: Redact.Redact = (text) => text.toUpperCase()
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Redact = (text: string) => string

// The session token in any form an echo may take: header line, JSON member, query parameter.
const securityToken = /(x-amz-security-token["']?\s*[:=]\s*["']?)[^\s"',;&}]+/gi

/**
 * A function that replaces every known secret and every security token header value by a placeholder.
 *
 * @example
 * ```ts
 * import { Redact } from "@effect-personalize/protocol"
 *
 * const redact = Redact.makeRedact(["wJalrXUtnFEMI", undefined])
 * assert.strictEqual(
 *   redact("secret wJalrXUtnFEMI, X-Amz-Security-Token: FwoGZX"),
 *   "secret <redacted>, X-Amz-Security-Token: <redacted>"
 * )
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeRedact = (secrets: ReadonlyArray<string | undefined>): Redact => {
  const known = secrets
    .filter((secret): secret is string => secret !== undefined && secret.length > 0)
    // longest first, so that a secret containing another is removed whole
    .sort((a, b) => b.length - a.length)
  return (text) => {
    let out = text.replace(securityToken, `$1${placeholder}`)
    for (const secret of known) {
      out = out.split(secret).join(placeholder)
    }
    return out
  }
}

const maxDepth = 4

const redactValue = (value: unknown, redact: Redact, depth: number, seen: WeakSet<object>): unknown => {
  if (typeof value === "string") return redact(value)
  if (typeof value !== "object" || value === null) return value
  if (depth >= maxDepth || seen.has(value)) return undefined
  seen.add(value)
  if (value instanceof Error) return redactError(value, redact, depth + 1, seen)
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact, depth + 1, seen))
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) {
    // Streams, sockets, requests: nothing a handler needs, and possibly the signed request.
    return undefined
  }
  const out: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value)) {
    out[key] = redactValue(member, redact, depth + 1, seen)
  }
  return out
}

const redactError = (error: Error, redact: Redact, depth: number, seen: WeakSet<object>): Error => {
  // Same prototype, so `instanceof` checks against the SDK's exception classes keep working.
  const copy: Error = Object.create(Object.getPrototypeOf(error))
  const define = (key: string, value: unknown, enumerable: boolean) =>
    Object.defineProperty(copy, key, { value, enumerable, writable: true, configurable: true })
  define("message", redact(String(error.message)), false)
  if (typeof error.stack === "string") define("stack", redact(error.stack), false)
  // `name` may be an own enumerable member (the SDK's exceptions) or inherited (SyntaxError, TypeError).
  if (!Object.prototype.hasOwnProperty.call(error, "name")) define("name", error.name, false)
  for (const [key, member] of Object.entries(error)) {
    define(key, redactValue(member, redact, depth, seen), true)
  }
  if ("cause" in error && !Object.prototype.propertyIsEnumerable.call(error, "cause")) {
    define("cause", redactValue(error.cause, redact, depth, seen), false)
  }
  return copy
}

/**
 * A copy of what the SDK threw, safe to keep: texts scrubbed, hidden members (`$response`, `$responseBodyText`)
 * and non-plain objects dropped; the copy has the error's prototype, so `instanceof` still holds. Other values are
 * copied with their texts scrubbed (to a depth of 4).
 *
 * @example
 * ```ts
 * import { Redact } from "@effect-personalize/protocol"
 *
 * const redact = Redact.makeRedact(["s3cret"])
 * const copy = Redact.redactCause(new TypeError("signed with s3cret"), redact)
 * assert.ok(copy instanceof TypeError)
 * assert.strictEqual((copy as TypeError).message, "signed with <redacted>")
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const redactCause = (cause: unknown, redact: Redact): unknown =>
  cause instanceof Error
    ? redactError(cause, redact, 0, new WeakSet())
    : redactValue(cause, redact, 0, new WeakSet())
