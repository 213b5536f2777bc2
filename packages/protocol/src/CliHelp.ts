/**
 * The help of `personalize-jobs`, the same in both editions: what each option takes and does (its unit and its
 * default), what each command does, and their examples. Each edition's CLI builds its options and its `--help`
 * from them.
 *
 * @since 0.1.0
 */

/**
 * One option's help: what it takes (`N`, `ARN`; none for a switch) and what it does.
 *
 * @example
 * ```ts
 * import type { CliHelp } from "@effect-personalize/protocol"
 *
 * const heading = (name: string, option: CliHelp.Option): string => `--${name} ${option.metavar ?? ""}`.trim()
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Option {
  readonly metavar?: string | undefined
  readonly description: string
}

/**
 * One example of a command: what it does, then the command line (a second line indented by two spaces).
 *
 * @example
 * ```ts
 * import type { CliHelp } from "@effect-personalize/protocol"
 *
 * const text = (example: CliHelp.Example): string => `${example.description}\n\n  ${example.line}\n`
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Example {
  readonly description: string
  readonly line: string
  /** Whether it runs the embedded emulator (`--emulator`). */
  readonly emulator?: boolean | undefined
}

/**
 * What a command is for, the notes under it, and its examples.
 *
 * @example
 * ```ts
 * import { CliHelp } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(CliHelp.commands.list.summary, "List batch segment jobs as they arrive, page by page.")
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface Command {
  readonly summary: string
  readonly notes: ReadonlyArray<string>
  readonly examples: ReadonlyArray<Example>
}

const shoes = "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"
const hats = "arn:aws:personalize:us-east-1:123456789012:solution/hats/0a1b2c3d"

/**
 * The statuses `--status` accepts, as its help and its refusal name them.
 *
 * @example
 * ```ts
 * import { CliHelp } from "@effect-personalize/protocol"
 *
 * assert.ok(CliHelp.statusValues.includes("CREATE FAILED"))
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const statusValues = "PENDING, IN PROGRESS, ACTIVE or CREATE FAILED"

/**
 * The help of every option, by its name without the dashes (`list-` and `watch-` where the two commands differ).
 * `max-attempts`, `timeout` and `interval` take the defaults of the edition's core.
 *
 * @example
 * ```ts
 * import { CliHelp } from "@effect-personalize/protocol"
 *
 * assert.strictEqual(CliHelp.options["page-size"].metavar, "N")
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const options = {
  "list-solution-version-arn": {
    metavar: "ARN",
    description: "Only the jobs of this solution version (arn:aws:personalize:REGION:ACCOUNT:solution/NAME/VERSION). " +
      "Repeat it to list several side by side (see --concurrency). Without it, every batch segment job of the " +
      "account and region."
  },
  "watch-solution-version-arn": {
    metavar: "ARN",
    description: "Only the jobs of this solution version (arn:aws:personalize:REGION:ACCOUNT:solution/NAME/VERSION). " +
      "Repeat it to watch several, one feed each, printed together. Without it, every batch segment job of the " +
      "account and region."
  },
  concurrency: {
    metavar: "N",
    description: "How many solution versions (of several --solution-version-arn) are listed at once (default 4)."
  },
  status: {
    metavar: "STATUS",
    description: `Only jobs in this status: ${statusValues}, in any case, '_' or '-' for the ` +
      "space; repeat it for several (default: every status). Any other value is refused."
  },
  "fail-on-status": {
    metavar: "STATUS",
    description: "For CI and cron: after the listing, end with exit code 11 when a listed job (after --status and " +
      `--max-items) is in this status, one of ${statusValues} in any case; repeat ` +
      "it for several (default: none)."
  },
  since: {
    metavar: "TIME",
    description: "Only jobs created at or after this time: a date or time in ISO 8601 (2024-03-01, " +
      "2024-03-01T10:00:00Z; UTC unless it has an offset), or a duration back from now (\"2 hours\", \"7 days\", " +
      "30m). Every page is still read: the service does not document the order of its jobs (default: every job)."
  },
  "page-size": { metavar: "N", description: "Jobs per request, 1 to 100 (the service's default is 100)." },
  "max-items": {
    metavar: "N",
    description: "Print at most this many jobs (counted after --status), then the token that resumes right after " +
      "them, on stderr (default: every job)."
  },
  "starting-token": {
    metavar: "TOKEN",
    description: "Continue a listing: the token printed by an earlier run (or a service nextToken). " +
      "Give the same --solution-version-arn as that run (one at most)."
  },
  "list-format": {
    metavar: "table|json|ndjson|csv",
    description: "table (aligned, for people; the default), json (one array), ndjson (one job per line) or csv " +
      "(with a header row)."
  },
  "watch-format": {
    metavar: "table|ndjson|csv",
    description: "table (the default), ndjson (one event per line) or csv (with a header row)."
  },
  "until-terminal": { description: "Stop once every watched job is ACTIVE or CREATE FAILED." },
  once: {
    description: "Poll once, print what changed since the state saved in --state-file (without one: every job, as " +
      "new), save the state and end: for cron."
  },
  "state-file": {
    metavar: "PATH",
    description: "Restore the watch state from this file at the start (a missing file: a first run) and save it " +
      "there after each change, so that a watch run again later prints only what changed since. Written whole or " +
      "not at all (a temporary file, then a rename). Keep one file per set of --solution-version-arn (default: no " +
      "file, the state lasts as long as the command)."
  },
  region: {
    metavar: "REGION",
    description: "The AWS region, e.g. us-east-1 (default: AWS_REGION or AWS_DEFAULT_REGION)."
  },
  endpoint: {
    metavar: "URL",
    description: "Another endpoint than the region's, e.g. http://127.0.0.1:4566 (default: " +
      "AWS_ENDPOINT_URL_PERSONALIZE or AWS_ENDPOINT_URL)."
  },
  "allow-insecure-endpoint": {
    description: "Accept a plain http:// --endpoint on another machine (by default only https://, or http:// on " +
      "this machine, is accepted: over http the signed requests and the session token travel unencrypted). Only on " +
      "a network you trust, e.g. an emulator on another host."
  },
  profile: {
    metavar: "NAME",
    description: "A named profile of ~/.aws/config and ~/.aws/credentials for the credentials (default: " +
      "AWS_PROFILE, else the access keys of the environment, else the SDK's default chain)."
  },
  emulator: {
    description: "Start the embedded emulator on 127.0.0.1 with generated demo data (fixed seed) and use it " +
      "instead of AWS."
  },
  "max-rps": {
    metavar: "N",
    description: "At most this many requests a second for the whole command (fractions allowed, e.g. 0.5), shared " +
      "by every listing and feed; lowered for a while when the service throttles (default: no limit)."
  },
  verbose: {
    description: "On an error, also print its full cause with stack traces. (The log of each request and retry: " +
      "--log-level debug.)"
  },
  "log-level": {
    metavar: "all|trace|debug|info|warning|error|fatal|none",
    description: "Print the libraries' log on stderr from this level up: debug shows each request, warning each " +
      "retry (default: none, nothing is logged)."
  }
} as const satisfies Record<string, Option>

/**
 * `--max-attempts`, with the edition's default number of attempts.
 *
 * @example
 * ```ts
 * import { CliHelp } from "@effect-personalize/protocol"
 *
 * assert.ok(CliHelp.maxAttempts(5).description.endsWith("(default 5)."))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const maxAttempts = (defaultAttempts: number): Option => ({
  metavar: "N",
  description: "Attempts per request on throttling, 5xx and network errors, with exponential backoff " +
    `(default ${defaultAttempts}).`
})

/**
 * `--timeout`, with the edition's default as its `Duration.format` writes it (`30s`).
 *
 * @example
 * ```ts
 * import { CliHelp } from "@effect-personalize/protocol"
 *
 * assert.ok(CliHelp.timeout("30s").description.endsWith("(default 30s)."))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const timeout = (defaultTimeout: string): Option => ({
  metavar: "DURATION",
  description: "How long one attempt may wait for its response, e.g. \"10 seconds\" or 10s " +
    `(default ${defaultTimeout}).`
})

/**
 * `--interval`, with its default and the durations it accepts.
 *
 * @example
 * ```ts
 * import { CliHelp } from "@effect-personalize/protocol"
 *
 * assert.ok(CliHelp.interval("30 seconds", "30s").description.startsWith("Time between polls (default 30 seconds)"))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const interval = (defaultInterval: string, examples: string): Option => ({
  metavar: "DURATION",
  description: `Time between polls (default ${defaultInterval}), e.g. ${examples}.`
})

/**
 * What each command is for, its notes and its examples.
 *
 * @example
 * ```ts
 * import { CliHelp } from "@effect-personalize/protocol"
 *
 * const withoutEmulator = CliHelp.commands.list.examples.filter((example) => example.emulator !== true)
 * ```
 *
 * @since 0.1.0
 * @category constants
 */
export const commands: { readonly list: Command; readonly watch: Command; readonly root: Command } = {
  list: {
    summary: "List batch segment jobs as they arrive, page by page.",
    notes: [
      "Credentials and region come from the standard AWS environment (AWS_REGION, AWS_ACCESS_KEY_ID, " +
      "AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ...), or from --region, --endpoint and --profile.",
      "Ctrl-C stops at once and prints the token that resumes after the last printed job.",
      "Several --solution-version-arn are listed side by side, --concurrency at a time; each row names its " +
      "solution version. The first one that fails ends the command with its error. A listing of several has no " +
      "resume token: --starting-token and --max-items take one solution version at most."
    ],
    examples: [
      { description: "Every job of the account and region:", line: "personalize-jobs list --region us-east-1" },
      {
        description: "The failed jobs of one solution version, as CSV:",
        line: `personalize-jobs list --solution-version-arn ${shoes} --status "CREATE FAILED" --format csv`
      },
      {
        description: "The first 10 jobs, then the next 10:",
        line: "personalize-jobs list --max-items 10   # prints: Resume with: --starting-token <token>\n" +
          "  personalize-jobs list --max-items 10 --starting-token <token>"
      },
      {
        description: "Two solution versions side by side, at most 5 requests a second:",
        line:
          `personalize-jobs list --solution-version-arn ${shoes} --solution-version-arn ${hats} --max-rps 5 --format ndjson`
      },
      {
        description: "In CI or cron: exit code 11 when a job failed (the listing still printed whole):",
        line: "personalize-jobs list --fail-on-status \"CREATE FAILED\" --format ndjson > jobs.ndjson"
      },
      {
        description: "The demo data of the embedded emulator, as JSON:",
        line: "personalize-jobs list --emulator --format json",
        emulator: true
      }
    ]
  },
  watch: {
    summary: "Watch batch segment jobs: poll, and print each new job and each status change once.",
    notes: [
      "The first poll prints every job as new; later polls print only what changed. --status chooses which " +
      "events are printed; --until-terminal looks at every job listed.",
      "With --state-file, the state is restored at the start and saved after each change: a watch run again " +
      "later prints only what changed since. A damaged state file, or one of other solution versions, stops the " +
      "command (exit code 2) and is left as it is.",
      "Several --solution-version-arn are watched together, one feed each (one state file holds them all)."
    ],
    examples: [
      {
        description: "Every minute, until every job has finished:",
        line: "personalize-jobs watch --interval \"1 minute\" --until-terminal"
      },
      {
        description: "Only the failures of one solution version, one JSON object per line:",
        line: `personalize-jobs watch --solution-version-arn ${shoes} --status "CREATE FAILED" --format ndjson`
      },
      {
        description: "From cron: what changed since the last run (nothing when nothing did):",
        line: "personalize-jobs watch --once --state-file ~/.personalize-jobs.state --format ndjson"
      },
      {
        description: "Jobs of the embedded emulator advancing (a new job every 20s, none under --until-terminal):",
        line: "personalize-jobs watch --emulator --interval 5s",
        emulator: true
      }
    ]
  },
  root: {
    summary: "List and watch Amazon Personalize batch segment jobs, from AWS or from an embedded emulator. " +
      "Run 'personalize-jobs list --help' or 'personalize-jobs watch --help' for their options.",
    notes: [],
    examples: [
      {
        description: "Try it without an AWS account (embedded emulator, demo data):",
        line: "personalize-jobs list --emulator",
        emulator: true
      },
      {
        description: "Every job of the account, as one JSON object per line:",
        line: "personalize-jobs list --region us-east-1 --format ndjson"
      },
      {
        description: "Follow jobs until they have all finished:",
        line: "personalize-jobs watch --until-terminal --interval \"1 hour\""
      }
    ]
  }
}
