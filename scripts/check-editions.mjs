// Finds drift between the two editions: every test of an Effect 3 package (packages/<pkg>/test) must have a test of
// the same title in the Effect 4 edition's package of the same name (editions/effect4/<pkg>/test), or be listed in
// editions/effect4/mirror-exceptions.json with the reason it is not mirrored. A behaviour fix lands in both editions
// with its test in both (editions/README.md), so a test added to one edition only fails this check.
//
// Usage: node scripts/check-editions.mjs [--list]   (--list prints every unmirrored title, exceptions included)
import * as fs from "node:fs"
import * as path from "node:path"

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..")
const exceptionsFile = path.join(root, "editions", "effect4", "mirror-exceptions.json")
const list = process.argv.includes("--list")

// The titles of a test file: the first argument of `it(...)`, `it.effect(...)`, `it.live(...)`, `it.scoped(...)`,
// `it.prop(...)`, `it.effect.prop(...)`, `test(...)` (string literals, as this repository writes them).
const titleOf =
  /\b(?:it(?:\.(?:effect|live|scoped|scopedLive|prop|fails|concurrent))*|test)\(\s*(["'`])((?:\\.|(?!\1)[^\\])*)\1/g
const titles = (dir) =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true })
      .filter((f) => f.endsWith(".test.ts"))
      .flatMap((f) =>
        [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(titleOf)].map((m) => ({ file: f, title: m[2] }))
      )
    : undefined

const exceptions = JSON.parse(fs.readFileSync(exceptionsFile, "utf8"))
let failures = 0
for (const pkg of fs.readdirSync(path.join(root, "packages"))) {
  const effect3 = titles(path.join(root, "packages", pkg, "test"))
  const effect4 = titles(path.join(root, "editions", "effect4", pkg, "test"))
  if (effect3 === undefined || effect4 === undefined) continue // protocol is shared; a package not ported yet
  const mirrored = new Set(effect4.map((t) => t.title))
  const excused = exceptions[pkg] ?? {}
  const missing = effect3.filter((t) => !mirrored.has(t.title))
  const unexcused = missing.filter((t) => excused[t.title] === undefined)
  const stale = Object.keys(excused).filter((title) => !missing.some((t) => t.title === title))
  console.log(
    `${pkg}: ${effect3.length} tests in the Effect 3 edition, ${effect3.length - missing.length} mirrored, ` +
      `${missing.length - unexcused.length} excused, ${unexcused.length} missing`
  )
  for (const t of list ? missing : unexcused) {
    console.log(
      `  ${excused[t.title] === undefined ? "missing" : "excused"}: packages/${pkg}/test/${t.file}: ${t.title}`
    )
  }
  for (const title of stale) console.log(`  stale exception (mirrored now, or the test is gone): ${title}`)
  failures += unexcused.length + stale.length
}
if (failures > 0) {
  console.error(
    `\n${failures} test(s) of the Effect 3 edition have no twin in the Effect 4 edition. Mirror each one ` +
      `(same title, same assertions) in editions/effect4/<pkg>/test, or say why not in ` +
      `editions/effect4/mirror-exceptions.json.`
  )
  process.exit(1)
}
