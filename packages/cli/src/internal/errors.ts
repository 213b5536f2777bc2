/** @internal */
import { isPersonalizeError } from "@effect-personalize/core/PersonalizeError"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import * as ConfigError from "effect/ConfigError"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import type { CliError, CliExit } from "../CliError.js"
import { ExitCode } from "./exitCode.js"

const flags: Record<string, string> = {
  solutionVersionArn: "--solution-version-arn",
  maxResults: "--page-size",
  pageSize: "--page-size",
  maxItems: "--max-items",
  startingToken: "--starting-token",
  nextToken: "--starting-token",
  prefetch: "--prefetch",
  requestsPerSecond: "--max-rps",
  concurrency: "--concurrency"
}

/** @internal */
export const exitCodeOf = (error: CliError): ExitCode => {
  switch (error._tag) {
    case "InvalidInputException":
      return ExitCode.InvalidInput
    case "InvalidNextTokenException":
      return ExitCode.InvalidToken
    case "AccessDeniedException":
      return ExitCode.AccessDenied
    case "ThrottlingException":
      return ExitCode.Throttled
    case "PersonalizeServiceException":
      return ExitCode.ServiceError
    case "TransportError":
      return ExitCode.Transport
    case "ResponseDecodeError":
      return ExitCode.BadResponse
    case "PaginationLoopError":
      return ExitCode.PaginationLoop
    case "UsageError":
      return ExitCode.InvalidInput
    case "EmulatorError":
      return ExitCode.Failure
    case "StatusFoundError":
      return ExitCode.StatusFound
    case "StateFileError":
      return error.reason === "Damaged" || error.reason === "OtherFilter" ? ExitCode.InvalidInput : ExitCode.StateFile
    default:
      return ExitCode.InvalidInput // ConfigError
  }
}

/** The leaves of a configuration error: what is missing or malformed, and where. */
const configLeaves = (error: ConfigError.ConfigError): Array<{ readonly path: string; readonly message: string }> => {
  switch (error._op) {
    case "And":
    case "Or":
      return [...configLeaves(error.left), ...configLeaves(error.right)]
    case "InvalidData":
    case "MissingData":
    case "SourceUnavailable":
    case "Unsupported":
      return [{ path: error.path.join("."), message: error.message }]
  }
}

/** The AWS layer's advice about its option, as the flag that sets it. */
const insecureAdvice = (text: string): string =>
  text.replace(/set the option allowInsecureEndpoint: true/g, "pass --allow-insecure-endpoint")

const configMessage = (error: ConfigError.ConfigError): string => {
  const leaves = configLeaves(error)
  const refused = leaves.find((leaf) => leaf.path === "endpoint")
  if (refused !== undefined) {
    // the AWS layer refused the endpoint when it was built: nothing was sent
    return `${
      insecureAdvice(refused.message).replace(
        /^Refusing the endpoint:/,
        "Refusing the endpoint (--endpoint, AWS_ENDPOINT_URL_PERSONALIZE or AWS_ENDPOINT_URL):"
      )
    } Nothing was sent.`
  }
  if (leaves.some((leaf) => leaf.path === "AWS_REGION" || leaf.path === "AWS_DEFAULT_REGION")) {
    return "No AWS region is configured. Set AWS_REGION (or AWS_DEFAULT_REGION), pass --region us-east-1, " +
      "or try the demo data with --emulator."
  }
  const details = [...new Set(leaves.map((leaf) => leaf.message || `${leaf.path} is not valid`))].map((message) =>
    message.includes("AWS_ENDPOINT_URL_PERSONALIZE") ? `${message} (--endpoint)` : message
  )
  return `The AWS configuration is not valid: ${details.join("; ")}.`
}

/** One line, saying what happened and what to do about it. @internal */
export const messageOf = (error: CliError): string => {
  const line = (() => {
    switch (error._tag) {
      case "InvalidInputException": {
        if (error.origin === "client" && error.field === "endpoint") {
          return `Refusing the endpoint: ${insecureAdvice(error.detail)}.`
        }
        const flag = error.field === undefined ? undefined : flags[error.field.split(".")[0]!]
        return error.origin === "client" && flag !== undefined
          ? `Invalid ${flag}: ${error.detail}.`
          : `${error.message}. Check ${flag ?? "the options"} (see --help).`
      }
      case "InvalidNextTokenException":
        // a token the client cannot read can only be one that was given; the service's refusal names the token
        // given when it was that one (see list.ts), else it refused a token of its own, mid-listing
        return error.origin === "client" ? `${error.message} (option --starting-token)` : error.message
      case "AccessDeniedException":
        return error.origin === "client"
          ? `No AWS credentials could be loaded (${error.code})${error.detail ? `: ${error.detail}` : ""}. ` +
            "Nothing was sent to Amazon Personalize. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass " +
            "--profile with a profile of ~/.aws/credentials or ~/.aws/config that has credentials."
          : `${error.message} Credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, --profile or ` +
            "AWS_PROFILE, or the SDK's default chain."
      case "ThrottlingException":
        return `${error.message} Retries were exhausted; raise --max-attempts or run again later.`
      case "PersonalizeServiceException":
        return error.message
      case "TransportError":
        return error.message
      case "ResponseDecodeError":
        return `${error.message}. Is --endpoint really Amazon Personalize?`
      case "PaginationLoopError":
        return `${error.message} Try again later; if it persists, report it to AWS support.`
      case "UsageError":
        return error.message
      case "EmulatorError":
      case "StateFileError":
      case "StatusFoundError":
        return error.message
      default:
        return configMessage(error)
    }
  })()
  // one line; a detail that ended its sentence (or its line) before ours gives one full stop, not '..' or '. .'
  return line.replace(/\s*\n\s*/g, " ").replace(/\.\s*\.(\s|$)/g, ".$1")
}

/** @internal */
export const isCliError = (u: unknown): u is CliError =>
  isPersonalizeError(u) || ConfigError.isConfigError(u) ||
  Predicate.isTagged(u, "UsageError") || Predicate.isTagged(u, "EmulatorError") ||
  Predicate.isTagged(u, "StateFileError") || Predicate.isTagged(u, "StatusFoundError")

/**
 * The exit code of a whole run: the code of a `CliExit`, 2 for a command line the parser rejected (it already
 * printed why), 130 when interrupted, 1 for anything else.
 *
 * @internal
 */
export const exitCodeOfExit = <E>(exit: Exit.Exit<unknown, E>): number => {
  if (Exit.isSuccess(exit)) return ExitCode.Success
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure)) {
    const error: unknown = failure.value
    if (Predicate.isTagged(error, "CliExit")) return (error as unknown as CliExit).code
    if (ValidationError.isValidationError(error)) return ExitCode.InvalidInput
    if (isCliError(error)) return exitCodeOf(error)
  }
  if (Cause.isInterruptedOnly(exit.cause)) return ExitCode.Interrupted
  return ExitCode.Failure
}
