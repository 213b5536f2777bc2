/**
 * A batch segment job as `ListBatchSegmentJobs` describes it: the schemas of its members and of its summary.
 *
 * @since 0.1.0
 */
export * as BatchSegmentJob from "./BatchSegmentJob.js"

/**
 * The operation: one page as an `Effect`, every page or every job as a lazy `Stream`, a change feed.
 *
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
 * The port a transport implements: one raw `ListBatchSegmentJobs` call.
 *
 * @since 0.1.0
 */
export * as PersonalizeClient from "./PersonalizeClient.js"

/**
 * The typed errors of every Personalize call, and the one classifier of service errors.
 *
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
 * Resume tokens: a position after any job of a listing, which a later listing continues from exactly.
 *
 * @since 0.1.0
 */
export * as ResumeToken from "./ResumeToken.js"

/**
 * The retry policy and the retry budget of every page call.
 *
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
 * A change feed over `ListBatchSegmentJobs`: its events, the state to save, its options.
 *
 * @since 0.1.0
 */
export * as Watch from "./Watch.js"
