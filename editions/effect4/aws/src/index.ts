/**
 * The AWS SDK for JavaScript v3 as the `PersonalizeClient` port, over its own handler or an Effect `HttpClient`.
 *
 * @since 1.0.0
 */
export * as PersonalizeAws from "./PersonalizeAws.js"
