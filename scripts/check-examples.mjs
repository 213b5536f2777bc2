// Type-checks the ```ts examples of the READMEs and of the guides in docs/ (the JSDoc @example blocks are
// type-checked and run by `pnpm docgen`).
// Each example becomes a module under .tsbuild/examples and is checked against the built packages.
// A block without an import is a signature sketch, not an example, and is left out.
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..")
const out = path.join(root, ".tsbuild", "examples")
fs.rmSync(out, { recursive: true, force: true })
fs.mkdirSync(out, { recursive: true })

const examples = []
const fence = /```ts\n([\s\S]*?)```/g
const readmes = [
  path.join(root, "README.md"),
  ...fs.readdirSync(path.join(root, "packages")).map((p) => path.join(root, "packages", p, "README.md")),
  ...fs.readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join(root, "docs", f))
].filter((f) => fs.existsSync(f))
for (const file of readmes) {
  for (const m of fs.readFileSync(file, "utf8").matchAll(fence)) {
    examples.push({ from: path.relative(root, file), code: m[1] })
  }
}

const files = examples.filter((example) => /^import /m.test(example.code)).map((example, i) => {
  const name = path.join(out, `example-${String(i).padStart(3, "0")}.ts`)
  fs.writeFileSync(name, `// from ${example.from}\n${example.code}\nexport {}\n`)
  return name
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
    files: files.map((f) => path.basename(f))
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
console.log(`examples: ${files.length} examples type-check`)
