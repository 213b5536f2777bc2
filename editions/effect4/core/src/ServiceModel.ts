/**
 * The facts of the service model (`ListBatchSegmentJobs.json`): the protocol's names, the constraints of every
 * member and their rules. Their one home is `@effect-personalize/protocol`, which both editions read; this module
 * gives them under the name the Effect 3 edition uses.
 *
 * @since 1.0.0
 */
export * from "@effect-personalize/protocol/ServiceModel"
