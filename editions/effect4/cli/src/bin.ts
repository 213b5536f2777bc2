#!/usr/bin/env node
/**
 * The `personalize-jobs` executable.
 *
 * @since 1.0.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Cli from "./Cli.js"
import * as Output from "./Output.js"

// `personalize-jobs list | head` closes stdout early: that is not an error. Any other failure to write stdout (a
// full disk) reaches the write that failed (see `Output.layerNode`), which ends the command with one line.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0)
})

// The AWS SDK's notice about its future Node.js support policy is not about this run: keep stderr for what is.
const emitWarning = process.emitWarning.bind(process)
process.emitWarning = ((warning: string | Error, ...rest: Array<any>) => {
  const text = typeof warning === "string" ? warning : warning.message
  if (text.startsWith("NodeVersionSupportWarning")) return
  return (emitWarning as (...args: Array<any>) => void)(warning, ...rest)
}) as typeof process.emitWarning

// `pnpm start -- --format json` passes the `--` on: it separates pnpm's arguments from ours, it is not ours.
const argv = process.argv[2] === "--" ? [...process.argv.slice(0, 2), ...process.argv.slice(3)] : process.argv

Cli.run(argv).pipe(
  Effect.provide(Layer.merge(NodeServices.layer, Output.layerNode)),
  NodeRuntime.runMain({ disableErrorReporting: true, teardown: Cli.teardown })
)
