// Type-checks the TypeScript examples of the READMEs, of the guides in docs/ and of the programs in docs/examples/
// (the JSDoc @example blocks are type-checked and run by `pnpm docgen`).
//
// - docs/*.md: every ```ts block is checked. A block that is not meant to compile (a signature, a fragment) says so
//   with the info string "ts sketch"; a block of the Effect 4 edition says "ts effect4" and is checked by
//   scripts/check-jsdoc-effect4.mjs instead; any other info string starting with "ts" is an error.
// - READMEs (root and packages/*): the ```ts blocks that import something; a block without an import is a sketch.
// - A block preceded by the line `<!-- example: examples/NAME.ts -->` is that file, verbatim: the check fails when
//   the two differ. `node scripts/check-examples.mjs --write` copies the files into the pages. The same holds for a
//   "ts effect4" block preceded by `<!-- example: examples/effect4/NAME.ts -->` (the Effect 4 twin of a program; the
//   file is type-checked by scripts/check-jsdoc-effect4.mjs).
// - A block preceded by the line `<!-- file: NAME.ts -->` is a file of a program that spans several blocks (the
//   files of getting-started.md import each other): it is checked under that name, beside the other files of its page.
// - docs/examples/*.ts are checked where they are, as the recipes' tests import them.
//
// Each block becomes a module under .tsbuild/examples, checked against the built packages (run `tsc -b` first).
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..")
const out = path.join(root, ".tsbuild", "examples")
const docs = path.join(root, "docs")
const examplesDir = path.join(docs, "examples")
const write = process.argv.includes("--write")

/** The fenced blocks of a Markdown text, with their info string, their text, and the include marker before them. */
const blocksOf = (text) => {
  const blocks = []
  const fence = /^```([^\n`]*)\n([\s\S]*?)^```$/gm
  for (const m of text.matchAll(fence)) {
    const before = text.slice(0, m.index).split("\n")
    const marker = /^<!-- (example|file): (\S+) -->$/.exec(before[before.length - 2] ?? "")
    blocks.push({
      info: m[1].trim(),
      code: m[2],
      start: m.index + m[0].indexOf("\n") + 1,
      end: m.index + m[0].length - 3,
      include: marker?.[1] === "example" ? marker[2] : undefined,
      file: marker?.[1] === "file" ? marker[2] : undefined,
      line: before.length
    })
  }
  return blocks
}

const problems = []
const toCheck = [] // { from, code, file? } copied into .tsbuild/examples
const included = new Set()
let sketches = 0

const readmes = [
  path.join(root, "README.md"),
  ...fs.readdirSync(path.join(root, "packages")).map((p) => path.join(root, "packages", p, "README.md"))
].filter((f) => fs.existsSync(f))
const pages = fs.readdirSync(docs).filter((f) => f.endsWith(".md")).map((f) => path.join(docs, f))

for (const file of [...readmes, ...pages]) {
  const isPage = pages.includes(file)
  const from = path.relative(root, file)
  let text = fs.readFileSync(file, "utf8")
  const blocks = blocksOf(text)
  // rewritten from the end, so that the offsets of the blocks before stay right
  for (const block of [...blocks].reverse()) {
    const where = `${from}:${block.line + 1}`
    if (block.include !== undefined) {
      const target = path.resolve(path.dirname(file), block.include)
      if (!fs.existsSync(target)) {
        problems.push(`${where}: includes ${block.include}, which does not exist`)
        continue
      }
      included.add(target)
      const content = fs.readFileSync(target, "utf8")
      if (content !== block.code) {
        if (write) text = text.slice(0, block.start) + content + text.slice(block.end)
        else problems.push(`${where}: differs from ${block.include} (run: node scripts/check-examples.mjs --write)`)
      }
      continue // the file itself is checked below
    }
    if (!/^(ts|typescript)\b/.test(block.info)) continue
    if (isPage) {
      if (block.info === "ts sketch") sketches++
      else if (block.info === "ts effect4") continue // scripts/check-jsdoc-effect4.mjs checks it
      else if (block.info === "ts" || block.info === "typescript") {
        toCheck.push({
          from: where,
          code: block.code,
          file: block.file && path.join(path.basename(file, ".md"), block.file)
        })
      } else {problems.push(
          `${where}: a TypeScript block is "ts" (checked), "ts effect4" (checked against the Effect 4 edition) or "ts sketch" (not), not "${block.info}"`
        )}
    } else if (/^import /m.test(block.code)) {
      toCheck.push({ from: where, code: block.code })
    }
  }
  if (write) fs.writeFileSync(file, text)
}

const exampleFiles = fs.existsSync(examplesDir)
  ? fs.readdirSync(examplesDir).filter((f) => f.endsWith(".ts")).map((f) => path.join(examplesDir, f))
  : []

if (problems.length > 0) {
  for (const problem of problems) console.error(problem)
  console.error(`examples: ${problems.length} problem(s) above`)
  process.exit(1)
}

fs.rmSync(out, { recursive: true, force: true })
fs.mkdirSync(out, { recursive: true })
const files = toCheck.reverse().map((example, i) => {
  const name = path.join(out, example.file ?? `example-${String(i).padStart(3, "0")}.ts`)
  fs.mkdirSync(path.dirname(name), { recursive: true })
  fs.writeFileSync(name, `// from ${example.from}\n${example.code}\nexport {}\n`)
  return path.relative(out, name)
})
fs.writeFileSync(
  path.join(out, "tsconfig.json"),
  JSON.stringify({
    extends: "../../tsconfig.base.json",
    compilerOptions: {
      noEmit: true,
      composite: false,
      incremental: false,
      declaration: false,
      declarationMap: false,
      noUnusedLocals: false,
      noUnusedParameters: false
    },
    files: [...files, ...exampleFiles.map((f) => path.relative(out, f))]
  })
)
try {
  execFileSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", out], {
    stdio: "inherit"
  })
} catch {
  console.error(`examples: type errors above (the files under .tsbuild/examples name their source on line 1)`)
  process.exit(1)
}
console.log(
  `examples: ${files.length} blocks and ${exampleFiles.length} programs of docs/examples type-check ` +
    `(${included.size} of them included in pages; ${sketches} sketch blocks not checked)`
)
