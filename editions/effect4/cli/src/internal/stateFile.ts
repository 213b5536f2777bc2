// Not marked internal: the tests import it, and stripping would leave them only an empty declaration file.
import * as Watch from "@effect-personalize/core/Watch"
import * as Effect from "effect/Effect"
import * as FileSystem from "effect/FileSystem"
import * as Option from "effect/Option"
import * as Path from "effect/Path"
import type * as PlatformError from "effect/PlatformError"
import * as Predicate from "effect/Predicate"
import * as Random from "effect/Random"
import * as SchemaIssue from "effect/SchemaIssue"
import { StateFileError } from "../CliError.js"

/**
 * What one feed of `watch` watches: the jobs of a solution version, or every job (`null`).
 */
export type Filter = string | null

/** The `format` member of every state file. */
export const format = "personalize-jobs watch state"

const show = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/**
 * The file: which program wrote it and, for each feed, the core's own encoding of its `Watch.State` (which names
 * the solution version it belongs to: that is how a feed finds its state, and how a watch of other solution
 * versions is told apart). Read by hand, member by member in this order, so that the first thing wrong is named as
 * the Effect 3 edition names it (`is missing: feeds`, `version: Expected 1, actual 2`).
 */
const readFile = (text: string): { readonly feeds: ReadonlyArray<unknown> } | string => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return `Expected a watch state (an object with format, version and feeds), actual ${show(json)}`
  }
  const file = json as Record<string, unknown>
  for (const [key, expected] of [["format", format], ["version", 1]] as const) {
    if (!(key in file)) return `is missing: ${key}`
    if (file[key] !== expected) return `${key}: Expected ${show(expected)}, actual ${show(file[key])}`
  }
  if (!("feeds" in file)) return "is missing: feeds"
  if (!Array.isArray(file.feeds)) return `feeds: Expected an array, actual ${show(file.feeds)}`
  return { feeds: file.feeds }
}

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** Where in a feed the core's decoding failed, as the Effect 3 edition says it: `is missing: jobs`. */
const feedIssue = (cause: unknown, fallback: string): string => {
  if (!Predicate.hasProperty(cause, "issue")) return fallback
  const first = formatter(cause.issue as SchemaIssue.Issue).issues[0]
  if (first === undefined) return fallback
  const path = (first.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment))
  if (path.length === 0) return first.message
  return first.message === "Missing key" ? `is missing: ${path.join(".")}` : `${path.join(".")}: ${first.message}`
}

const describe = (filters: ReadonlyArray<Filter>): string =>
  filters.length === 0
    ? "no solution version at all (it has no feed)"
    : filters.length === 1 && filters[0] === null
    ? "every job"
    : filters.join(", ")

/**
 * The text of the file for these states, one feed a line. Each state must name its solution version (as the
 * states of the core's feeds do).
 */
export const encode = (states: ReadonlyArray<Watch.State>): string =>
  `{"format":${JSON.stringify(format)},"version":1,"feeds":[\n${states.map(Watch.encodeState).join(",\n")}\n]}\n`

/**
 * Reads the states of `filters` from a file's text, in the order of `filters`. A file of another set of
 * solution versions fails with `OtherFilter`; anything that is not such a file, with `Damaged`.
 */
export const decode = (
  path: string,
  text: string,
  filters: ReadonlyArray<Filter>
): Effect.Effect<ReadonlyArray<Watch.State>, StateFileError> =>
  Effect.gen(function*() {
    const damaged = (detail: string, cause?: unknown) => new StateFileError({ path, reason: "Damaged", detail, cause })
    const file = readFile(text)
    if (typeof file === "string") return yield* damaged(file)
    const states = yield* Effect.forEach(file.feeds, (feed, i) =>
      Watch.decodeState(JSON.stringify(feed)).pipe(
        Effect.mapError((error) => damaged(`feed ${i + 1}: ${feedIssue(error.cause, error.detail)}`, error))
      ))
    const saved: Array<Filter> = []
    for (const [i, state] of states.entries()) {
      if (state.solutionVersionArn === undefined) {
        return yield* damaged(`feed ${i + 1} does not say which solution version it watches`)
      }
      if (saved.includes(state.solutionVersionArn)) {
        return yield* damaged(`two feeds of ${describe([state.solutionVersionArn])}`)
      }
      saved.push(state.solutionVersionArn)
    }
    if (saved.length !== filters.length || filters.some((filter) => !saved.includes(filter))) {
      return yield* new StateFileError({
        path,
        reason: "OtherFilter",
        detail: `${describe(saved)}, not of ${describe(filters)}`
      })
    }
    return filters.map((filter) => states.find((state) => state.solutionVersionArn === filter)!)
  })

/**
 * The error as the Effect 3 edition's platform words it: with the system's own message (`EISDIR: illegal operation
 * on a directory, read`), which Effect 4's Node file system keeps as the cause rather than the description.
 */
const systemError = (error: PlatformError.PlatformError): string => {
  const reason = error.reason
  const cause: unknown = reason.cause
  return reason._tag !== "BadArgument" && !reason.description && cause instanceof Error
    ? `${error.message}: ${cause.message}`
    : error.message
}

/**
 * Whether the state can be saved at `path` later, checked before anything is sent: its directory exists, and the
 * file, when there is one, is not read-only (a save replaces it: a read-only file would be replaced all the same).
 */
const checkWritable = (
  path: string
): Effect.Effect<void, StateFileError, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const paths = yield* Path.Path
    const unusable = (detail: string) => new StateFileError({ path, reason: "Unusable", detail })
    const target = yield* resolve(path)
    const directory = paths.dirname(target)
    const info = yield* fs.stat(directory).pipe(Effect.option)
    if (Option.isNone(info)) return yield* unusable(`its directory ${directory} does not exist`)
    if (info.value.type !== "Directory") return yield* unusable(`${directory} is not a directory`)
    const file = yield* fs.stat(target).pipe(Effect.option)
    if (Option.isSome(file) && file.value.type === "File" && (file.value.mode & 0o222) === 0) {
      return yield* unusable(
        `it is read-only, and each save replaces it (make it writable with chmod u+w, or give another --state-file)`
      )
    }
  })

/**
 * The file a save writes: `path`, or the file its symbolic link leads to (the link is kept, and written through),
 * even one that does not exist yet.
 */
const resolve = (path: string): Effect.Effect<string, never, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const paths = yield* Path.Path
    const real = yield* fs.realPath(path).pipe(Effect.option)
    if (Option.isSome(real)) return real.value
    const link = yield* fs.readLink(path).pipe(Effect.option)
    return Option.isSome(link) ? paths.resolve(paths.dirname(path), link.value) : path
  })

/**
 * The saved states of `filters`, or `None` when the file does not exist (a first run). The file is only read; a
 * file that could not be saved to later (a missing directory, a read-only file) fails now, before anything is
 * sent.
 */
export const load = (
  path: string,
  filters: ReadonlyArray<Filter>
): Effect.Effect<
  Option.Option<ReadonlyArray<Watch.State>>,
  StateFileError,
  FileSystem.FileSystem | Path.Path
> =>
  Effect.gen(function*() {
    yield* checkWritable(path)
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs.readFileString(path).pipe(
      Effect.map(Option.some),
      Effect.catchIf(
        (error) => error.reason._tag === "NotFound",
        () => Effect.succeedNone
      ),
      Effect.mapError((error) =>
        new StateFileError({ path, reason: "Unreadable", detail: systemError(error), cause: error })
      )
    )
    if (Option.isNone(text)) return Option.none()
    return Option.some(yield* decode(path, text.value, filters))
  })

/**
 * Replaces the file's content with `text` so that the file is always whole, whenever the process is killed: the
 * text goes to a new temporary file in the same directory (the directory of the file a symbolic link leads to), is flushed to the disk, then the temporary file takes
 * the file's name in one `rename`. On failure the temporary file is removed and the file is left as it was.
 */
export const save = (
  path: string,
  text: string
): Effect.Effect<void, StateFileError, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const paths = yield* Path.Path
    // through a symbolic link to its file: the rename would replace the link itself with a regular file
    const target = yield* resolve(path)
    const suffix = `${((yield* Random.nextInt) >>> 0).toString(16)}${((yield* Random.nextInt) >>> 0).toString(16)}`
    const temporary = paths.join(paths.dirname(target), `.${paths.basename(target)}.${suffix}.tmp`)
    const failed = (step: string) => (error: PlatformError.PlatformError) =>
      fs.remove(temporary).pipe(
        Effect.ignore,
        Effect.andThen(
          Effect.fail(
            new StateFileError({ path, reason: "Unwritable", detail: `${step} (${systemError(error)})`, cause: error })
          )
        )
      )
    yield* Effect.scoped(
      Effect.flatMap(
        fs.open(temporary, { flag: "wx" }),
        (file) => Effect.andThen(file.writeAll(new TextEncoder().encode(text)), file.sync)
      )
    ).pipe(Effect.catch(failed(`writing the temporary file ${temporary} failed`)))
    yield* fs.rename(temporary, target).pipe(
      Effect.catch(failed(`renaming the temporary file ${temporary} to it failed`))
    )
  }).pipe(Effect.uninterruptible)
