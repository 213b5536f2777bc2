/**
 * A local Amazon Personalize for tests and demos, in memory or over HTTP.
 *
 * @since 0.1.0
 */
export * as PersonalizeEmulator from "./PersonalizeEmulator.js"
