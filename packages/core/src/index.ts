/**
 * @since 0.1.0
 */
export * as BatchSegmentJob from "./BatchSegmentJob.js"

/**
 * @since 0.1.0
 */
export * as ListBatchSegmentJobs from "./ListBatchSegmentJobs.js"

/**
 * @since 0.1.0
 */
export * as PersonalizeClient from "./PersonalizeClient.js"

/**
 * @since 0.1.0
 */
export * as PersonalizeError from "./PersonalizeError.js"

/**
 * @since 0.1.0
 */
export * as ResumeToken from "./ResumeToken.js"

/**
 * @since 0.1.0
 */
export * as Retry from "./Retry.js"

/**
 * @since 0.1.0
 */
export * as Watch from "./Watch.js"
