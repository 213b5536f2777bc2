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
  filters.length === 1 && filters[0] === null ? "every job" : filters.join(", ")

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
      Effect.mapError((error) =>
        damaged(ParseResult.ArrayFormatter.formatErrorSync(error)[0]?.message ?? "not a watch state", error)
      )
    )
    const states = yield* Effect.forEach(file.feeds, (feed, i) =>
      Watch.decodeState(JSON.stringify(feed)).pipe(
        Effect.mapError((error) => damaged(`feed ${i + 1}: ${error.detail}`, error))
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
 * The saved states of `filters`, or `None` when the file does not exist (a first run). The file is only read.
 */
export const load = (
  path: string,
  filters: ReadonlyArray<Filter>
): Effect.Effect<Option.Option<ReadonlyArray<Watch.State>>, StateFileError, FileSystem.FileSystem> =>
  Effect.gen(function*() {
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
 * text goes to a new temporary file in the same directory, is flushed to the disk, then the temporary file takes
 * the file's name in one `rename`. On failure the temporary file is removed and the file is left as it was.
 */
export const save = (
  path: string,
  text: string
): Effect.Effect<void, StateFileError, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const paths = yield* Path.Path
    const suffix = `${((yield* Random.nextInt) >>> 0).toString(16)}${((yield* Random.nextInt) >>> 0).toString(16)}`
    const temporary = paths.join(paths.dirname(path), `.${paths.basename(path)}.${suffix}.tmp`)
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
    yield* fs.rename(temporary, path).pipe(
      Effect.catchAll(failed(`renaming the temporary file ${temporary} to it failed`))
    )
  }).pipe(Effect.uninterruptible)
