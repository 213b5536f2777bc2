/**
 * A batch segment job as `ListBatchSegmentJobs` describes it: the schemas of its members and of its summary.
 *
 * @since 1.0.0
 */
export * as BatchSegmentJob from "./BatchSegmentJob.js"

/**
 * The operation: one page as an `Effect`, every page or every job as a lazy `Stream`.
 *
 * @since 1.0.0
 */
export * as ListBatchSegmentJobs from "./ListBatchSegmentJobs.js"

/**
 * The metrics of every call (OpenTelemetry RPC conventions, `personalize.client.*` counters).
 *
 * @since 1.0.0
 */
export * as Metrics from "./Metrics.js"

/**
 * The port a transport implements, and the combinators of the page call's stack.
 *
 * @since 1.0.0
 */
export * as PersonalizeClient from "./PersonalizeClient.js"

/**
 * The typed errors of every Personalize call, and the one classifier of service errors.
 *
 * @since 1.0.0
 */
export * as PersonalizeError from "./PersonalizeError.js"

/**
 * One request rate for the whole program: a shared, adaptive limiter.
 *
 * @since 1.0.0
 */
export * as RateLimit from "./RateLimit.js"

/**
 * Resume tokens: a position inside a listing, after any job, that a later listing continues from (the format both
 * editions share).
 *
 * @since 1.0.0
 */
export * as ResumeToken from "./ResumeToken.js"

/**
 * The retry policy and the retry budget of every page call.
 *
 * @since 1.0.0
 */
export * as Retry from "./Retry.js"

/**
 * The facts of the service model, from `@effect-personalize/protocol`.
 *
 * @since 1.0.0
 */
export * as ServiceModel from "./ServiceModel.js"

/**
 * A change feed over `ListBatchSegmentJobs`: one typed event per change, and the state to resume it from (saved in
 * the format both editions share).
 *
 * @since 1.0.0
 */
export * as Watch from "./Watch.js"
