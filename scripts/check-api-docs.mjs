// Checks the JSDoc of the public API, from which `pnpm docgen` makes the reference: every export of every public
// module (packages/*/src/*.ts and the Effect 4 edition's editions/effect4/*/src/*.ts; not internal/, not bin.ts), and every member of an exported namespace, has a
// summary (the text before the tags) and an @example; every module has a summary in its header comment. The
// re-exports of index.ts (`export * as Module from ...`) need a summary only: the module's page has the examples.
//
// When the reference has been generated (`pnpm docgen`: packages/*/docs/modules/*.md, editions/effect4/*/docs/modules/*.md),
// it also checks that every export has its entry there.
//
// Usage: node scripts/check-api-docs.mjs [--summary-only] [package ...]   (a package: `core`, or a folder such as
// `editions/effect4/core`)
// Prints what lacks what, by module, and exits 1 when anything does.
import * as fs from "node:fs"
import * as path from "node:path"
import ts from "typescript"

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..")
const args = process.argv.slice(2)
const summaryOnly = args.includes("--summary-only")
const packages = args.filter((a) => !a.startsWith("--"))
const edition4 = path.join(root, "editions", "effect4")
const chosen = packages.length > 0
  ? packages.map((p) => (p.includes("/") ? p : `packages/${p}`))
  : [
    ...fs.readdirSync(path.join(root, "packages")).sort().map((p) => `packages/${p}`),
    ...fs.readdirSync(edition4).filter((p) => fs.existsSync(path.join(edition4, p, "src"))).sort().map((p) =>
      `editions/effect4/${p}`
    )
  ]

/** The JSDoc blocks right before a node (the last one is the node's). */
const docsOf = (node) => (node.jsDoc ?? []).filter((doc) => ts.isJSDoc(doc))

const summaryOf = (doc) => {
  if (doc === undefined) return ""
  const comment = typeof doc.comment === "string" ? doc.comment : ts.getTextOfJSDocComment(doc.comment) ?? ""
  return comment.trim()
}

const hasExample = (doc) => (doc?.tags ?? []).some((tag) => tag.tagName.text === "example")

const isExported = (node) => (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Export) !== 0

/** The exported declarations of a module or a namespace body, with their names and JSDoc. */
const exportsOf = (statements, prefix) => {
  const found = []
  const seen = new Set()
  for (const statement of statements) {
    if (ts.isExportDeclaration(statement)) {
      // `export * as Name from "./Name.js"` (index.ts)
      const clause = statement.exportClause
      if (clause !== undefined && ts.isNamespaceExport(clause)) {
        found.push({ name: prefix + clause.name.text, kind: "module re-export", doc: docsOf(statement).at(-1) })
      } else if (clause !== undefined && ts.isNamedExports(clause)) {
        for (const element of clause.elements) {
          found.push({ name: prefix + element.name.text, kind: "re-export", doc: docsOf(statement).at(-1) })
        }
      }
      continue
    }
    if (!isExported(statement)) continue
    const doc = docsOf(statement).at(-1)
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        found.push({ name: prefix + declaration.name.getText(), kind: "const", doc })
      }
    } else if (ts.isModuleDeclaration(statement) && statement.body && ts.isModuleBlock(statement.body)) {
      // a namespace: its members are the exports (`ListBatchSegmentJobs.Many.Job`); the namespace itself merges
      // with the class or const of the same name, which carries the doc
      found.push(...exportsOf(statement.body.statements, `${prefix}${statement.name.text}.`))
    } else if (statement.name !== undefined) {
      const name = prefix + statement.name.text
      const kind = ts.isFunctionDeclaration(statement)
        ? "function"
        : ts.isClassDeclaration(statement)
        ? "class"
        : ts.isInterfaceDeclaration(statement)
        ? "interface"
        : ts.isTypeAliasDeclaration(statement)
        ? "type"
        : "declaration"
      // overloads: the first declaration with a doc speaks for all of them
      if (seen.has(name)) continue
      seen.add(name)
      found.push({ name, kind, doc })
    }
  }
  // a type and a const of one name (`Request`, `Status`) are one entry of the reference when either is documented
  const byName = new Map()
  for (const entry of found) {
    const other = byName.get(entry.name)
    if (other === undefined || (summaryOf(other.doc) === "" && summaryOf(entry.doc) !== "")) {
      byName.set(entry.name, entry)
    } else if (other !== undefined && !hasExample(other.doc) && hasExample(entry.doc)) other.doc = entry.doc
  }
  return [...byName.values()]
}

let lacking = 0
let total = 0
const report = []
for (const pkg of chosen) {
  const src = path.join(root, pkg, "src")
  if (!fs.existsSync(src)) continue
  for (const file of fs.readdirSync(src).filter((f) => f.endsWith(".ts") && f !== "bin.ts").sort()) {
    const text = fs.readFileSync(path.join(src, file), "utf8")
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true)
    const problems = []
    // the module's header: the first JSDoc of the file, before its imports
    const header = /^\s*\/\*\*([\s\S]*?)\*\//.exec(text)
    const headerSummary = header === null ?
      "" :
      header[1].split("\n").map((l) => l.replace(/^\s*\* ?/, "")).filter((l) => !l.startsWith("@")).join(" ").trim()
    if (file !== "index.ts" && headerSummary === "") problems.push("(module): no summary in the header comment")
    const generated = path.join(root, pkg, "docs", "modules", `${file}.md`)
    const fresh = fs.existsSync(generated) &&
      fs.statSync(generated).mtimeMs >= fs.statSync(path.join(src, file)).mtimeMs
    // a reference older than the source is not read (pnpm test runs this again right after docgen)
    const reference = fresh ? fs.readFileSync(generated, "utf8") : undefined
    for (const entry of exportsOf(source.statements, "")) {
      total++
      const missing = []
      // docgen's headings: `## name`, `## name (interface)`, a namespace's members under their own short name,
      // and `## From "./Module.js"` for a re-export of index.ts
      const heading = entry.kind === "module re-export" ? `From "./${entry.name}.js"` : entry.name.split(".").at(-1)
      if (
        reference !== undefined &&
        !reference.split("\n").some((line) => /^#+ /.test(line) && line.replace(/^#+ /, "").split(" (")[0] === heading)
      ) {
        missing.push("entry in the generated reference")
      }
      if (summaryOf(entry.doc) === "") missing.push("summary")
      if (!summaryOnly && entry.kind !== "module re-export" && !hasExample(entry.doc)) missing.push("@example")
      if (missing.length > 0) problems.push(`${entry.name} (${entry.kind}): no ${missing.join(", no ")}`)
    }
    if (problems.length > 0) {
      lacking += problems.length
      report.push(`${pkg}/src/${file}`, ...problems.map((p) => `  ${p}`))
    }
  }
}
if (report.length > 0) console.log(report.join("\n"))
console.log(
  `api docs: ${total} exports checked; ${lacking} lack ${summaryOnly ? "a summary" : "a summary or an @example"}`
)
process.exit(lacking > 0 ? 1 : 0)
