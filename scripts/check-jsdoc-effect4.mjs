// Type-checks the JSDoc @example blocks of the Effect 4 edition's public modules (editions/effect4/*/src/*.ts), as
// `pnpm docgen` does for the Effect 3 edition, the blocks of its READMEs that import something, and the ```ts effect4
// blocks of docs/*.md (scripts/check-examples.mjs checks the others against the Effect 3 edition): each block becomes
// a module under editions/effect4/.tsbuild/examples, with `assert` declared, checked against the edition's sources and
// effect 4.
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..")
const edition = path.join(root, "editions", "effect4")
const out = path.join(edition, ".tsbuild", "examples")
fs.rmSync(out, { recursive: true, force: true })
fs.mkdirSync(out, { recursive: true })

let count = 0
for (const pkg of ["core", "aws", "cli"]) {
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
for (const pkg of ["core", "aws", "cli"]) {
  const text = fs.readFileSync(path.join(edition, pkg, "README.md"), "utf8")
  ;[...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].forEach((m, i) => {
    if (!/^import /m.test(m[1])) return
    count++
    fs.writeFileSync(path.join(out, `${pkg}-README-${i}.ts`), `${m[1]}\nexport {}\n`)
  })
}

// the blocks of the docs pages that are for this edition
const docs = path.join(root, "docs")
for (const page of fs.readdirSync(docs).filter((f) => f.endsWith(".md")).sort()) {
  const text = fs.readFileSync(path.join(docs, page), "utf8")
  ;[...text.matchAll(/^```ts effect4\n([\s\S]*?)^```$/gm)].forEach((m, i) => {
    count++
    fs.writeFileSync(
      path.join(out, `docs-${page.replace(/\.md$/, "")}-${i}.ts`),
      `import * as assert from "node:assert"\n${m[1]}\nexport {}\n`
    )
  })
}

const paths = {}
for (const pkg of ["core", "aws", "cli"]) {
  paths[`@effect-personalize/${pkg}`] = [path.join(edition, pkg, "src", "index.ts")]
  paths[`@effect-personalize/${pkg}/*`] = [path.join(edition, pkg, "src", "*.ts")]
}
paths["@effect-personalize/protocol/*"] = [path.join(root, "packages", "protocol", "src", "*.ts")]
paths["effect"] = [path.join(edition, "node_modules", "effect")]
paths["effect/*"] = [path.join(edition, "node_modules", "effect", "dist", "*.d.ts")]
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
    include: ["*.ts"]
  })
)
try {
  execFileSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", out], {
    stdio: "inherit"
  })
} catch {
  console.log(`examples (effect 4 edition: JSDoc, READMEs, docs): ${count} checked, some do not compile`)
  process.exit(1)
}
console.log(`examples (effect 4 edition: JSDoc, READMEs, docs): ${count} checked`)
