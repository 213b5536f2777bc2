/**
 * @since 0.1.0
 */
export * as PersonalizeAws from "./PersonalizeAws.js"
