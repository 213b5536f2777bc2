#!/usr/bin/env node
/**
 * The `personalize-emulator` command: the emulator's HTTP face as a process. It prints its endpoint URL as
 * the first line of stdout once it listens, and stops cleanly on SIGINT or SIGTERM.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Effect from "effect/Effect"
import { main } from "./internal/cli.js"

// `pnpm emulator -- --port 4566` passes the `--` on: it separates pnpm's arguments from ours, it is not ours.
const argv = process.argv[2] === "--" ? [...process.argv.slice(0, 2), ...process.argv.slice(3)] : process.argv

main(argv).pipe(Effect.provide(NodeContext.layer), NodeRuntime.runMain({ disableErrorReporting: false }))
