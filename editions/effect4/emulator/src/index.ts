/**
 * A local Amazon Personalize for tests and demos, in memory or over HTTP.
 *
 * @since 1.0.0
 */
export * as PersonalizeEmulator from "./PersonalizeEmulator.js"
