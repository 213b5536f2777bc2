/**
 * @since 0.1.0
 */
export * as BatchSegmentJob from "./BatchSegmentJob.js"

/**
 * @since 0.1.0
 */
export * as ListBatchSegmentJobs from "./ListBatchSegmentJobs.js"

/**
 * The metrics of every call (OpenTelemetry RPC conventions, `personalize.client.*` counters).
 *
 * @since 0.2.0
 */
export * as Metrics from "./Metrics.js"

/**
 * @since 0.1.0
 */
export * as PersonalizeClient from "./PersonalizeClient.js"

/**
 * @since 0.1.0
 */
export * as PersonalizeError from "./PersonalizeError.js"

/**
 * One request rate for the whole program: a shared, adaptive limiter.
 *
 * @since 0.2.0
 */
export * as RateLimit from "./RateLimit.js"

/**
 * @since 0.1.0
 */
export * as ResumeToken from "./ResumeToken.js"

/**
 * @since 0.1.0
 */
export * as Retry from "./Retry.js"

/**
 * The facts of the service model (`ListBatchSegmentJobs.json`) that more than one package needs: the protocol's
 * names and the constraints of every member. The core's schemas are built from them, and the emulator validates
 * and answers with them, so that the two cannot drift apart.
 *
 * @since 0.2.0
 */
export * as ServiceModel from "./ServiceModel.js"

/**
 * @since 0.1.0
 */
export * as Watch from "./Watch.js"
