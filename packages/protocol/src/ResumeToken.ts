/**
 * The resume token's format, shared by both editions so that a token made by one resumes a listing of the other:
 * a position inside a listing (the service token of the page being read, and the last job processed on it), bound
 * to the listing's `solutionVersionArn` and sealed with a checksum, as `epr2.<payload>.<checksum>`; and the rule
 * that finds that position again in a page. Plain functions that return a result; each edition's `ResumeToken`
 * turns a refusal into its `InvalidNextTokenException`.
 *
 * @since 0.1.0
 */

// The payload of an `epr2.` token, as JSON: `t` the service token of the page being read (null for the first page),
// `f` a hash of the listing's `solutionVersionArn`, and where in that page the listing stands: `a` the ARN of the
// last job processed and `c` its creation time in epoch milliseconds (null if the service sent none), or `s` a
// count of jobs (only for a job the service sent without an ARN), or neither at the page's start.
//
// Why the last job's identity and not a count: the service lists newest first, so jobs created between two runs
// come before those already processed and shift every count onto jobs already emitted (`epr1.` tokens, which held
// a count, repeated jobs so). The ARN finds the job wherever it moved, even onto a later page; its creation time
// says where it was if it is gone, because the listing is ordered by it.
//
// Why no job at a page boundary: the service's own token then says where the listing goes on, and with keyed
// tokens (as the emulator's) a job of the page before is never on the page it fetches. Every such resume would
// then fall back on creation times, which cannot order jobs created in the same millisecond: those on the next
// page would be lost. The price: were the service's tokens counts, a position at a page boundary would be exactly
// as good as the service's own paginator, and no better.

/**
 * Where on its page a position stands: right after a job, found again by its ARN (`Job`), or after a count of jobs
 * from the page's start (`Count`: only for a job the service sent without an ARN, which it does not do).
 *
 * @example
 * ```ts
 * import type { ResumeToken } from "@effect-personalize/protocol"
 *
 * const after: ResumeToken.After = {
 *   _tag: "Job",
 *   batchSegmentJobArn: "arn:aws:personalize:us-east-1:111122223333:batch-segment-job/spring-launch",
 *   creationDateTime: new Date("2026-03-01T10:00:00Z")
 * }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type After =
  | {
    readonly _tag: "Job"
    readonly batchSegmentJobArn: string
    /** Where the job was in the listing (newest first), should it be gone. */
    readonly creationDateTime: Date | undefined
  }
  | { readonly _tag: "Count"; readonly skip: number }

/**
 * A place in a listing: the token of a page, and the last job of it already processed.
 *
 * @example
 * ```ts
 * import { ResumeToken } from "@effect-personalize/protocol"
 *
 * // after the job "spring-launch" of the page that "page-2-token" fetches, in a listing of every job
 * const position: ResumeToken.Position = {
 *   nextToken: "page-2-token",
 *   after: {
 *     _tag: "Job",
 *     batchSegmentJobArn: "arn:aws:personalize:us-east-1:111122223333:batch-segment-job/spring-launch",
 *     creationDateTime: new Date("2026-03-01T10:00:00Z")
 *   },
 *   solutionVersionArn: undefined
 * }
 * const token = ResumeToken.encode(position)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Position {
  /** The service token that fetches the page, absent for the first page. */
  readonly nextToken: string | undefined
  /** The last job of that page already processed; absent at the page's start. */
  readonly after: After | undefined
  /** The filter of the listing the position belongs to. */
  readonly solutionVersionArn: string | undefined
}

/**
 * What `decode` gives: the position, or why the token is refused (`detail`, a clause: "its checksum does not
 * match ...") and, where there is more to say than "start again", what to do instead (`action`, a sentence).
 *
 * @example
 * ```ts
 * import { ResumeToken } from "@effect-personalize/protocol"
 *
 * const explain = (result: ResumeToken.Result<ResumeToken.Position>): string =>
 *   result._tag === "Right" ? `page ${result.value.nextToken ?? "1"}` : `refused: ${result.detail}`
 * assert.strictEqual(explain(ResumeToken.decode("page-2-token", undefined)), `refused: it does not start with "epr2."`)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type Result<A> =
  | { readonly _tag: "Right"; readonly value: A }
  | { readonly _tag: "Left"; readonly detail: string; readonly action?: string | undefined }

const right = <A>(value: A): Result<A> => ({ _tag: "Right", value })
const left = <A = never>(detail: string, action?: string): Result<A> => ({ _tag: "Left", detail, action })

const prefix = "epr2."
const legacyPrefix = "epr1."

// The checksum of the payload and the hash of the filter: FNV-1a over UTF-16 code units, 8 hex digits. Not a
// secret: it catches a token cut or edited by hand, as a token is opaque, not signed.
const fnv1a = (input: string): string => {
  let hash = 0x811c9dc5
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, "0")
}

const filterHash = (solutionVersionArn: string | undefined): string =>
  solutionVersionArn === undefined ? "*" : fnv1a(solutionVersionArn)

const toBase64Url = (text: string): string => {
  let binary = ""
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}

const fromBase64Url = (text: string): string | undefined => {
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) return undefined
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"))
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
  } catch {
    return undefined
  }
}

/**
 * Whether a token is a resume token (`epr2.…`, or `epr1.…` of the first format) rather than a service `nextToken`.
 *
 * @example
 * ```ts
 * import { ResumeToken } from "@effect-personalize/protocol"
 *
 * const token = ResumeToken.encode({ nextToken: "page-2-token", after: undefined, solutionVersionArn: undefined })
 * assert.ok(ResumeToken.isResumeToken(token))
 * assert.ok(!ResumeToken.isResumeToken("AAEAAWjvQX4Kp9Yc"))
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const isResumeToken = (token: string): boolean => token.startsWith(prefix) || token.startsWith(legacyPrefix)

/**
 * The resume token of a position.
 *
 * @example
 * ```ts
 * import { ResumeToken } from "@effect-personalize/protocol"
 *
 * const position: ResumeToken.Position = {
 *   nextToken: "page-2-token",
 *   after: { _tag: "Job", batchSegmentJobArn: "arn:aws:personalize:us-east-1:111122223333:batch-segment-job/a", creationDateTime: undefined },
 *   solutionVersionArn: undefined
 * }
 * assert.deepStrictEqual(ResumeToken.decode(ResumeToken.encode(position), undefined), { _tag: "Right", value: position })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const encode = (position: Position): string => {
  const { after } = position
  const fields: Record<string, unknown> = { t: position.nextToken ?? null, f: filterHash(position.solutionVersionArn) }
  if (after?._tag === "Job") {
    fields.a = after.batchSegmentJobArn
    fields.c = after.creationDateTime === undefined ? null : after.creationDateTime.getTime()
  } else if (after?._tag === "Count" && after.skip > 0) {
    fields.s = after.skip
  }
  const payload = toBase64Url(JSON.stringify(fields))
  return `${prefix}${payload}.${fnv1a(payload)}`
}

const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0

/**
 * Reads a resume token made for a listing with this `solutionVersionArn`. A malformed or tampered token, one made
 * for another filter, or an `epr1.` token inside a page (jobs created since would shift its count) is refused with
 * a `detail` that says why; the last one also with an `action`.
 *
 * @example
 * ```ts
 * import { ResumeToken } from "@effect-personalize/protocol"
 *
 * const a = "arn:aws:personalize:us-east-1:111122223333:solution/a/1"
 * const b = "arn:aws:personalize:us-east-1:111122223333:solution/b/1"
 * // a token of one solution version does not resume a listing of another
 * const token = ResumeToken.encode({ nextToken: "page-2-token", after: undefined, solutionVersionArn: a })
 * const result = ResumeToken.decode(token, b)
 * assert.ok(result._tag === "Left" && result.detail.includes("another solutionVersionArn"))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const decode = (token: string, solutionVersionArn: string | undefined): Result<Position> => {
  const legacy = token.startsWith(legacyPrefix)
  if (!legacy && !token.startsWith(prefix)) return left(`it does not start with "${prefix}"`)
  const parts = token.slice(prefix.length).split(".")
  if (parts.length !== 2) return left("it is not made of a payload and a checksum")
  const [payload, checksum] = parts as [string, string]
  if (fnv1a(payload) !== checksum) return left("its checksum does not match (the token was changed or cut)")
  const json = fromBase64Url(payload)
  if (json === undefined) return left("its payload is not base64url")
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return left("its payload is not JSON")
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return left("its payload is not an object")
  const { a, c, f, s, t } = value as Record<string, unknown>
  if (!(t === null || (typeof t === "string" && t.length > 0))) return left("its service token is not a string")
  if (typeof f !== "string") return left("its filter is missing")
  if (f !== filterHash(solutionVersionArn)) {
    return left(
      `it was made for a listing with another solutionVersionArn than ${
        solutionVersionArn === undefined ? "none" : solutionVersionArn
      }`
    )
  }
  const nextToken = t ?? undefined
  if (legacy) {
    if (!isCount(s)) return left("its position is not a count")
    if (s === 0) return right({ nextToken, after: undefined, solutionVersionArn })
    // An `epr1.` token inside a page holds a count of jobs, which jobs created since it was made have shifted by
    // as many: read as it is, it would repeat jobs without a word. At a page boundary (`s: 0`) it holds only the
    // service's token, which means what it always meant.
    return left(
      `it is an "epr1." token of an earlier version, which marks its place ${s} job(s) into a page by count, and ` +
        `jobs created since it was made shift that count: resumed, it could repeat or skip jobs`,
      nextToken === undefined
        ? `Start the listing again from the beginning (its first ${s} job(s) come again).`
        : `Start the listing again, or re-read that page from its first job (its first ${s} job(s) come again) ` +
          `with the service token inside it as the starting token: ${nextToken}`
    )
  }
  if (a !== undefined && s !== undefined) return left("its position is both a job and a count")
  if (a !== undefined) {
    if (typeof a !== "string" || a.length === 0) return left("its job is not an ARN")
    if (!(c === null || (typeof c === "number" && Number.isFinite(c)))) return left("its creation time is not a time")
    return right({
      nextToken,
      after: { _tag: "Job", batchSegmentJobArn: a, creationDateTime: c === null ? undefined : new Date(c) },
      solutionVersionArn
    })
  }
  if (c !== undefined) return left("its creation time belongs to no job")
  if (s !== undefined) {
    if (!isCount(s) || s === 0) return left("its position is not a count")
    return right({ nextToken, after: { _tag: "Count", skip: s }, solutionVersionArn })
  }
  return right({ nextToken, after: undefined, solutionVersionArn })
}

/**
 * The members of a job that find a position again.
 *
 * @example
 * ```ts
 * import type { ResumeToken } from "@effect-personalize/protocol"
 *
 * const job: ResumeToken.Located = { batchSegmentJobArn: "arn:aws:personalize:us-east-1:111122223333:batch-segment-job/a" }
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Located {
  readonly batchSegmentJobArn?: string | undefined
  readonly creationDateTime?: Date | undefined
}

/**
 * Where a page fetched for a position starts: how many of its first jobs were already processed (`skip`), and what
 * to look for on the next page when all of them were (`after`, `undefined` once the position is passed).
 *
 * The job of the position is found by its ARN, skipping every job up to and including it, on this page or a later
 * one (jobs created since push it back). A job created before it (the listing is newest first) shows that it is
 * gone: the listing resumes there. Jobs created in the same millisecond as a job that is gone cannot be placed
 * before or after it, and are skipped: a job is never emitted twice.
 *
 * @example
 * ```ts
 * import { ResumeToken } from "@effect-personalize/protocol"
 *
 * const arn = (name: string) => `arn:aws:personalize:us-east-1:111122223333:batch-segment-job/${name}`
 * const page = [{ batchSegmentJobArn: arn("new") }, { batchSegmentJobArn: arn("a") }, { batchSegmentJobArn: arn("b") }]
 * // "a" was the last job processed; a job created since came before it
 * const at = ResumeToken.locate({ _tag: "Job", batchSegmentJobArn: arn("a"), creationDateTime: undefined }, page)
 * assert.deepStrictEqual(at, { skip: 2, after: undefined })
 * ```
 *
 * @since 0.1.0
 * @category utils
 */
export const locate = (
  after: After | undefined,
  jobs: ReadonlyArray<Located>
): { readonly skip: number; readonly after: After | undefined } => {
  if (after === undefined) return { skip: 0, after: undefined }
  if (after._tag === "Count") {
    const skip = Math.min(after.skip, jobs.length)
    return { skip, after: after.skip > skip ? { _tag: "Count", skip: after.skip - skip } : undefined }
  }
  const found = jobs.findIndex((job) => job.batchSegmentJobArn === after.batchSegmentJobArn)
  if (found >= 0) return { skip: found + 1, after: undefined }
  const created = after.creationDateTime?.getTime()
  if (created !== undefined) {
    const older = jobs.findIndex((job) =>
      job.creationDateTime !== undefined && job.creationDateTime.getTime() < created
    )
    if (older >= 0) return { skip: older, after: undefined }
  }
  return { skip: jobs.length, after }
}
