/**
 * The help of `personalize-jobs`, written here rather than by effect/cli's formatter, so that it reads as the
 * Effect 3 edition's does: the usage line as typed, a description, examples, the exit codes, then each option with
 * what it takes, its unit and its default.
 *
 * @internal
 */
import { table as exitCodes } from "@effect-personalize/protocol/ExitCode"

/** One option as the help shows it. @internal */
export interface OptionDoc {
  readonly name: string
  /** What it takes (`N`, `ARN`), none for a switch. */
  readonly metavar?: string | undefined
  readonly repeated?: boolean | undefined
  readonly description: string
}

/** One example: what it does, then the command line (several lines allowed). @internal */
export interface Example {
  readonly description: string
  readonly line: string
}

/** The help of one command. @internal */
export interface CommandDoc {
  readonly usage: string
  readonly summary: string
  readonly notes: ReadonlyArray<string>
  readonly examples: ReadonlyArray<Example>
  readonly options: ReadonlyArray<OptionDoc>
  readonly commands?: ReadonlyArray<string> | undefined
}

/** The options effect/cli adds to every command. @internal */
export const builtIns: ReadonlyArray<OptionDoc & { readonly heading?: string }> = [
  {
    name: "--completions",
    metavar: "bash|zsh|fish|powershell|sh|pwsh",
    description: "Print a completion script for this shell."
  },
  { name: "--help", heading: "(-h, --help)", description: "Show this help." },
  {
    name: "--wizard",
    description: "Ask for the options one at a time on a terminal, then run the command."
  },
  { name: "--version", description: "Show the version of the program." }
]

/** `[--status STATUS...]`: how an option appears in a usage line. @internal */
export const usageOf = (option: OptionDoc): string =>
  `[${option.name}${option.metavar === undefined ? "" : ` ${option.metavar}`}${option.repeated === true ? "..." : ""}]`

const bold = (text: string, styled: boolean): string => styled ? `\u001b[1m${text}\u001b[0m` : text

/**
 * The whole help of a command, each section followed by a blank line. `styled`: headings in bold (a terminal,
 * without `NO_COLOR`).
 *
 * @internal
 */
export const render = (
  program: { readonly name: string; readonly version: string; readonly summary: string },
  doc: CommandDoc,
  styled: boolean
): string => {
  const lines: Array<string> = []
  const section = (heading: string) => lines.push(bold(heading, styled), "")
  lines.push(bold(program.name, styled), "")
  lines.push(`${program.name} ${program.version} -- ${program.summary}`, "")
  section("USAGE")
  lines.push(`$ ${doc.usage}`, "")
  section("DESCRIPTION")
  for (const paragraph of [doc.summary, ...doc.notes]) lines.push(paragraph, "")
  section("EXAMPLES")
  for (const example of doc.examples) {
    lines.push(`${example.description}`, "")
    lines.push(...example.line.split("\n").map((line) => `  ${line.replace(/^ {2}/, "")}`), "")
  }
  section("EXIT CODES")
  lines.push(...exitCodes.map(({ code, meaning }) => `  ${String(code).padEnd(5)}${meaning}`), "")
  section("OPTIONS")
  for (const option of [...doc.options, ...builtIns]) {
    const heading = "heading" in option && typeof option.heading === "string"
      ? option.heading
      : `${option.name}${option.metavar === undefined ? "" : ` ${option.metavar}`}${
        option.repeated === true ? "..." : ""
      }`
    lines.push(bold(heading, styled), "", `  ${option.description}`, "")
  }
  if (doc.commands !== undefined && doc.commands.length > 0) {
    section("COMMANDS")
    for (const command of doc.commands) lines.push(`  - ${command}`, "")
  }
  return lines.join("\n") + "\n"
}
