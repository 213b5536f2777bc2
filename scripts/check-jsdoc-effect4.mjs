// Type-checks the JSDoc @example blocks of the Effect 4 edition's public modules (editions/effect4/*/src/*.ts), as
// `pnpm docgen` does for the Effect 3 edition, the blocks of its READMEs that import something, and the ```ts effect4
// blocks of docs/*.md (scripts/check-examples.mjs checks the others against the Effect 3 edition): each block becomes
// a module under editions/effect4/.tsbuild/examples, with `assert` declared, checked against the edition's sources and
// effect 4. Then the programs of docs/examples/effect4 (the recipes for this edition, and their tests), with their own
// tsconfig.
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..")
const edition = path.join(root, "editions", "effect4")
const out = path.join(edition, ".tsbuild", "examples")
fs.rmSync(out, { recursive: true, force: true })
fs.mkdirSync(out, { recursive: true })

let count = 0
for (const pkg of ["core", "aws", "emulator", "cli"]) {
  const src = path.join(edition, pkg, "src")
  for (const file of fs.readdirSync(src).filter((f) => f.endsWith(".ts")).sort()) {
    const text = fs.readFileSync(path.join(src, file), "utf8")
    const blocks = [...text.matchAll(/@example\n((?:\s*\*.*\n)*?)\s*\*\/\n/g)]
    blocks.forEach((m, i) => {
      const code = /```ts\n([\s\S]*?)```/.exec(m[1].split("\n").map((l) => l.replace(/^\s*\* ?/, "")).join("\n"))
      if (code === null) return
      count++
      fs.writeFileSync(
        path.join(out, `${pkg}-${file.replace(/\.ts$/, "")}-${i}.ts`),
        `import * as assert from "node:assert"\n${code[1]}\nexport {}\n`
      )
    })
  }
}
// the ```ts blocks of the edition's READMEs that import something, as scripts/check-examples.mjs does for the others
for (const pkg of ["core", "aws", "emulator", "cli"]) {
  const text = fs.readFileSync(path.join(edition, pkg, "README.md"), "utf8")
  ;[...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].forEach((m, i) => {
    if (!/^import /m.test(m[1])) return
    count++
    fs.writeFileSync(path.join(out, `${pkg}-README-${i}.ts`), `${m[1]}\nexport {}\n`)
  })
}

// the blocks of the docs pages that are for this edition. A block after `<!-- example: examples/effect4/NAME.ts -->`
// is that file (scripts/check-examples.mjs checks that the page holds it unchanged; the file is checked below, with
// the others of docs/examples/effect4); a block after `<!-- file: NAME.ts -->` is a file of a program that spans
// several blocks (getting-started.md's import each other), checked under that name beside the page's other files.
const docs = path.join(root, "docs")
let included = 0
for (const page of fs.readdirSync(docs).filter((f) => f.endsWith(".md")).sort()) {
  const text = fs.readFileSync(path.join(docs, page), "utf8")
  const name = page.replace(/\.md$/, "")
  ;[...text.matchAll(/^```ts effect4\n([\s\S]*?)^```$/gm)].forEach((m, i) => {
    const before = text.slice(0, m.index).split("\n")
    const marker = /^<!-- (example|file): (\S+) -->$/.exec(before[before.length - 2] ?? "")
    if (marker?.[1] === "example") {
      if (!marker[2].startsWith("examples/effect4/")) {
        console.error(
          `docs/${page}:${before.length}: a ts effect4 block includes ${marker[2]}, not a file of examples/effect4`
        )
        process.exit(1)
      }
      included++
      return
    }
    count++
    const file = marker?.[1] === "file"
      ? path.join(out, `docs-${name}`, marker[2])
      : path.join(out, `docs-${name}-${i}.ts`)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    // a file of a program keeps its own imports: `assert` is only declared for the loose blocks
    fs.writeFileSync(
      file,
      marker?.[1] === "file" ? `${m[1]}\nexport {}\n` : `import * as assert from "node:assert"\n${m[1]}\nexport {}\n`
    )
  })
}

const paths = {}
for (const pkg of ["core", "aws", "emulator", "cli"]) {
  paths[`@effect-personalize/${pkg}`] = [path.join(edition, pkg, "src", "index.ts")]
  paths[`@effect-personalize/${pkg}/*`] = [path.join(edition, pkg, "src", "*.ts")]
}
paths["@effect-personalize/protocol/*"] = [path.join(root, "packages", "protocol", "src", "*.ts")]
paths["effect"] = [path.join(edition, "node_modules", "effect")]
paths["effect/*"] = [
  path.join(edition, "node_modules", "effect", "dist", "*.d.ts"),
  path.join(edition, "node_modules", "effect", "dist", "*", "index.d.ts") // effect/http, effect/testing, ...
]
fs.writeFileSync(
  path.join(out, "tsconfig.json"),
  JSON.stringify({
    compilerOptions: {
      noEmit: true,
      strict: true,
      exactOptionalPropertyTypes: true,
      skipLibCheck: true,
      moduleResolution: "Bundler",
      module: "ES2022",
      target: "ES2022",
      lib: ["ES2022", "DOM"],
      types: ["node"],
      typeRoots: [path.join(root, "node_modules", "@types")],
      allowImportingTsExtensions: true,
      paths
    },
    include: ["**/*.ts"]
  })
)
// the programs of docs/examples/effect4 (the recipes, included in the pages) and their tests, with their own
// tsconfig: they import the edition's packages as a user's project does (docs/examples/effect4/package.json)
const recipes = path.join(docs, "examples", "effect4")
const programs = fs.readdirSync(recipes).filter((f) => f.endsWith(".ts")).length
try {
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc")
  execFileSync(process.execPath, [tsc, "-p", out], { stdio: "inherit" })
  execFileSync(process.execPath, [tsc, "-p", path.join(recipes, "tsconfig.json")], { stdio: "inherit" })
} catch {
  console.log(`examples (effect 4 edition: JSDoc, READMEs, docs, docs/examples/effect4): some do not compile`)
  process.exit(1)
}
console.log(
  `examples (effect 4 edition: JSDoc, READMEs, docs): ${count} blocks checked, and the ${programs} programs of ` +
    `docs/examples/effect4 (${included} blocks of the pages include them)`
)
