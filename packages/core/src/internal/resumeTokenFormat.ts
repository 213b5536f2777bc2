// The resume token's format and the rule that finds a position again, with no Effect in them: plain functions
// that return a result. They are meant to move as they are into the Effect-free package that both editions share,
// so that a token of one edition resumes a listing of the other. The Effect face is `resumeToken.ts`.
import type { After, Position } from "../ResumeToken.js"

/** @internal */
export type Result<A> =
  | { readonly _tag: "Right"; readonly value: A }
  | { readonly _tag: "Left"; readonly detail: string; readonly action?: string | undefined }

const right = <A>(value: A): Result<A> => ({ _tag: "Right", value })
const left = <A = never>(detail: string, action?: string): Result<A> => ({ _tag: "Left", detail, action })

const prefix = "epr2."
const legacyPrefix = "epr1."

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

/** @internal */
export const isResumeToken = (token: string): boolean => token.startsWith(prefix) || token.startsWith(legacyPrefix)

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

/** @internal */
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

/** @internal */
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

/** The members of a job that find a position again. @internal */
export interface Located {
  readonly batchSegmentJobArn?: string | undefined
  readonly creationDateTime?: Date | undefined
}

/**
 * Where a page fetched for a position starts: how many of its first jobs were already processed, and what to look
 * for on the next page when all of them were (`undefined` once the position is passed).
 *
 * The job of the position is found by its ARN, skipping every job up to and including it, on this page or a later
 * one (jobs created since push it back). A job created before it (the listing is newest first) shows that it is
 * gone: the listing resumes there. Jobs created in the same millisecond as a job that is gone cannot be placed
 * before or after it, and are skipped: a job is never emitted twice.
 *
 * @internal
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
