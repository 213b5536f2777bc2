/**
 * The rules that keep text from the service safe to print live in the protocol package (`Text`), shared with the
 * Effect 4 edition's CLI. Re-exported here for the modules and tests of this package.
 *
 * The exports are not marked internal: the tests call them.
 */
export { csvField, escapeControl, neutralizeFormula } from "@effect-personalize/protocol/Text"
