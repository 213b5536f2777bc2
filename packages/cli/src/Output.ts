/**
 * Where the program writes: stdout for jobs, stderr for everything else (progress, resume tokens, errors), and
 * whether each one is a terminal. `layerNode` is the process's; `layerTest` captures both streams.
 *
 * @since 0.1.0
 */
import type * as Layer from "effect/Layer"
import * as internal from "./internal/output.js"

/**
 * @since 0.1.0
 * @category tags
 */
export const Output: typeof internal.Output = internal.Output

/**
 * @since 0.1.0
 * @category tags
 */
export type Output = internal.Output

/**
 * @since 0.1.0
 * @category models
 */
export type Service = internal.Service

/**
 * What `layerTest` captured.
 *
 * @since 0.1.0
 * @category tags
 */
export const Capture: typeof internal.Capture = internal.Capture

/**
 * @since 0.1.0
 * @category tags
 */
export type Capture = internal.Capture

/**
 * `process.stdout` and `process.stderr`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerNode: Layer.Layer<Output> = internal.layerNode

/**
 * Captures both streams in memory (read them with `Capture`); neither is a terminal unless told.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerTest: (options?: {
  readonly stdoutIsTTY?: boolean | undefined
  readonly stderrIsTTY?: boolean | undefined
}) => Layer.Layer<Output | Capture> = internal.layerTest
