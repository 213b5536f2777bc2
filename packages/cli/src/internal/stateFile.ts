// Not marked internal: the tests import it, and stripping would leave them only an empty declaration file.
import * as Watch from "@effect-personalize/core/Watch"
import type * as PlatformError from "@effect/platform/Error"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Random from "effect/Random"
import * as Schema from "effect/Schema"
import { StateFileError } from "../CliError.js"

/**
 * What one feed of `watch` watches: the jobs of a solution version, or every job (`null`).
 */
export type Filter = string | null

/** The `format` member of every state file. */
export const format = "personalize-jobs watch state"

/**
 * The file: which program wrote it and, for each feed, the core's own encoding of its `Watch.State` (which names
 * the solution version it belongs to: that is how a feed finds its state, and how a watch of other solution
 * versions is told apart).
 */
const StateFile = Schema.parseJson(Schema.Struct({
  format: Schema.Literal(format),
  version: Schema.Literal(1),
  feeds: Schema.Array(Schema.Unknown)
}))

const describe = (filters: ReadonlyArray<Filter>): string =>
  filters.length === 0
    ? "no solution version at all (it has no feed)"
    : filters.length === 1 && filters[0] === null
    ? "every job"
    : filters.join(", ")

/** A schema issue as a person reads it, with where it is: `is missing: feeds`, `version: Expected 1, actual 2`. */
const issueText = (issue: ParseResult.ArrayFormatterIssue | undefined): string => {
  if (issue === undefined) return "not a watch state"
  if (issue.path.length === 0) return issue.message
  const where = issue.path.join(".")
  return issue.message === "is missing" ? `is missing: ${where}` : `${where}: ${issue.message}`
}

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
    const file = yield* Schema.decodeUnknown(StateFile)(text).pipe(
      Effect.mapError((error) => damaged(issueText(ParseResult.ArrayFormatter.formatErrorSync(error)[0]), error))
    )
    const states = yield* Effect.forEach(file.feeds, (feed, i) =>
      Watch.decodeState(JSON.stringify(feed)).pipe(
        Effect.mapError((error) =>
          damaged(
            `feed ${i + 1}: ${
              // where in the feed, which the core's detail leaves out ("is missing")
              ParseResult.isParseError(error.cause)
                ? issueText(ParseResult.ArrayFormatter.formatErrorSync(error.cause)[0])
                : error.detail}`,
            error
          )
        )
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

const systemError = (error: PlatformError.PlatformError): string => error.message

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
        (error) => error._tag === "SystemError" && error.reason === "NotFound",
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
        Effect.zipRight(
          Effect.fail(
            new StateFileError({ path, reason: "Unwritable", detail: `${step} (${systemError(error)})`, cause: error })
          )
        )
      )
    yield* Effect.scoped(
      Effect.flatMap(
        fs.open(temporary, { flag: "wx" }),
        (file) => Effect.zipRight(file.writeAll(new TextEncoder().encode(text)), file.sync)
      )
    ).pipe(Effect.catchAll(failed(`writing the temporary file ${temporary} failed`)))
    yield* fs.rename(temporary, target).pipe(
      Effect.catchAll(failed(`renaming the temporary file ${temporary} to it failed`))
    )
  }).pipe(Effect.uninterruptible)
