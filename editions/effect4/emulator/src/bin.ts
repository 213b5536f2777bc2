#!/usr/bin/env node
/**
 * The `personalize-emulator` command: the emulator's HTTP face as a process. It prints its endpoint URL as
 * the first line of stdout once it listens, and stops cleanly on SIGINT or SIGTERM (exit code 0); a command line it
 * cannot run with is one line on stderr and exit code 2.
 *
 * @since 1.0.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { main } from "./internal/cli.js"

// `pnpm emulator -- --port 4566` passes the `--` on: it separates pnpm's arguments from ours, it is not ours.
const argv = process.argv[2] === "--" ? process.argv.slice(3) : process.argv.slice(2)

const program = main(argv).pipe(Effect.provide(NodeServices.layer))

NodeRuntime.runMain(program, {
  disableErrorReporting: false,
  // Stopped by a signal is a clean stop; a usage error has set its own code.
  teardown: (exit, onExit) =>
    onExit(
      Exit.isSuccess(exit) || Cause.hasInterruptsOnly(exit.cause) ? Number(process.exitCode ?? 0) : 1
    )
})
