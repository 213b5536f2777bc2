/**
 * @since 0.1.0
 */
export * as PersonalizeEmulator from "./PersonalizeEmulator.js"
