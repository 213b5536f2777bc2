// Follows docs/getting-started.md as a new user would, outside this repository:
//
// 1. builds the packages (`tsc -b` of their sources) and packs each one (`pnpm pack`), as the page's first `sh`
//    block does in the clone;
// 2. in a new temporary folder, runs the `npm` lines of the page's `sh` block that makes the project (`npm init`),
//    with the tarballs that the page names (`../effect-personalize/packs/effect-personalize-core-0.1.0.tgz`) taken
//    from step 1 (the same file names: a version the page does not name fails) and everything else from the npm
//    registry;
// 3. writes every block that the page marks `<!-- file: NAME -->`, and type-checks them with the page's tsconfig;
// 4. starts the emulator as the page says (on a free port instead of 4566), and runs list.ts and main.ts against
//    it with the page's environment variables, then demo.ts on its own; checks what each prints.
//
// Usage: node scripts/try-getting-started.mjs [--keep]   (--keep leaves the folder for a look)
import { execFileSync, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..")
const page = fs.readFileSync(path.join(root, "docs", "getting-started.md"), "utf8")
const keep = process.argv.includes("--keep")
const pnpm = [
  "-y",
  `pnpm@${JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).packageManager.split("@")[1]}`
]
const started = Date.now()
const step = (what) => console.log(`== ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`)

const run = (command, args, { quiet = false, ...options } = {}) => {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options })
  } catch (error) {
    if (!quiet) console.error(`failed: ${command} ${args.join(" ")}\n${error.stdout ?? ""}${error.stderr ?? ""}`)
    throw error
  }
}

const fail = (message) => {
  console.error(`try-getting-started: ${message}`)
  process.exitCode = 1
  throw new Error(message)
}

// The page's blocks: the first `sh` block packs the packages, the one with `npm init` installs them; `<!-- file: NAME -->`
// marks a file.
const blocks = [...page.matchAll(/^(?:<!-- file: (\S+) -->\n)?```([^\n`]*)\n([\s\S]*?)^```$/gm)].map((m) => ({
  file: m[1],
  info: m[2].trim(),
  code: m[3]
}))
const pack = blocks.find((block) => block.info === "sh")
if (pack === undefined || !/ pack --pack-destination \.\.\/\.\.\/packs\b/.test(pack.code)) {
  fail("docs/getting-started.md does not begin with the sh block that packs the packages into packs/")
}
const install = blocks.find((block) => block.info === "sh" && /^npm init\b/m.test(block.code))
if (install === undefined) fail("docs/getting-started.md has no sh block with npm init")
const files = blocks.filter((block) => block.file !== undefined)
for (const name of ["tsconfig.json", "list.ts", "jobs.ts", "main.ts", "demo.ts"]) {
  if (!files.some((block) => block.file === name)) fail(`docs/getting-started.md has no block marked as ${name}`)
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "effect-personalize-getting-started-"))
const tarballs = path.join(work, "tarballs")
const folder = path.join(work, "jobs-report")
fs.mkdirSync(tarballs)
fs.mkdirSync(folder)
let emulator
try {
  step("building and packing the packages")
  const names = ["protocol", "core", "aws", "emulator", "cli"]
  run(process.execPath, [
    path.join(root, "node_modules", "typescript", "bin", "tsc"),
    "-b",
    ...names.map((name) => path.join(root, "packages", name, "tsconfig.src.json"))
  ])
  const tarballOf = {}
  for (const name of names) {
    const dir = path.join(root, "packages", name)
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"))
    if (!manifest.files?.includes("dist")) fail(`packages/${name}/package.json: "files" does not include dist`)
    run("npx", [...pnpm, "pack", "--pack-destination", tarballs], { cwd: dir })
    const tarball = fs.readdirSync(tarballs).find((f) => f.startsWith(`effect-personalize-${name}-`))
    if (tarball === undefined) fail(`pnpm pack made no tarball for ${manifest.name}`)
    tarballOf[manifest.name] = path.join(tarballs, tarball)
  }

  step(`following the page in ${folder}`)
  for (const line of install.code.split("\n").map((l) => l.trim())) {
    if (!line.startsWith("npm ")) continue // mkdir/cd: the folder is made above
    // the workspace's packages come from the tarballs that step 1 made, under the names the page gives them
    const args = line.split(/\s+/).slice(1).map((arg) => {
      const named = /^\.\.\/effect-personalize\/packs\/effect-personalize-(protocol|core|aws|emulator|cli)-[^/]+\.tgz$/.exec(arg)
      if (named === null) return arg
      const tarball = tarballOf[`@effect-personalize/${named[1]}`]
      if (path.basename(tarball) !== path.basename(arg)) {
        fail(`the page installs ${path.basename(arg)}, but pnpm pack made ${path.basename(tarball)}`)
      }
      return tarball
    })
    console.log(`$ npm ${args.map((a) => (a.startsWith(tarballs) ? path.basename(a) : a)).join(" ")}`)
    run("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd: folder })
  }
  for (const block of files) fs.writeFileSync(path.join(folder, block.file), block.code)

  const installed = JSON.parse(fs.readFileSync(path.join(folder, "node_modules", "effect", "package.json"), "utf8"))
  if (!installed.version.startsWith("3.")) fail(`effect ${installed.version} was installed, not Effect 3`)

  step("type-checking the page's files (npx tsc)")
  run("npx", ["tsc", "-p", "."], { cwd: folder })

  step("starting the emulator (npx personalize-emulator --generate 3:20, on a free port)")
  emulator = spawn("npx", ["personalize-emulator", "--port", "0", "--generate", "3:20"], {
    cwd: folder,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true
  })
  const url = await new Promise((resolve, reject) => {
    let out = ""
    const timer = setTimeout(() => reject(new Error(`the emulator printed no URL within 60 s: ${out}`)), 60_000)
    emulator.stdout.on("data", (chunk) => {
      out += chunk
      const m = /^(http:\/\/\S+)\n/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    emulator.on("exit", (code) => reject(new Error(`the emulator exited with ${code}: ${out}`)))
  })
  console.log(`emulator at ${url}`)

  // the variables of step 3, with the emulator's port
  const env = { ...process.env }
  for (const name of Object.keys(env)) if (name.startsWith("AWS_")) delete env[name]
  for (const m of page.matchAll(/^export (AWS_[A-Z_]+)=(\S+)$/gm)) {
    env[m[1]] = m[2].replace("http://127.0.0.1:4566", url)
  }
  if (env.AWS_ENDPOINT_URL_PERSONALIZE !== url) fail("the page does not export AWS_ENDPOINT_URL_PERSONALIZE")
  const tsx = (file, environment, quiet = false) => run("npx", ["tsx", file], { cwd: folder, env: environment, quiet })

  step("npx tsx list.ts")
  const list = tsx("list.ts", env)
  console.log(list.trimEnd())
  const listLines = list.trimEnd().split("\n")
  if (listLines.length !== 6) fail(`list.ts printed ${listLines.length} lines, expected 5 jobs and one line after`)
  for (const line of listLines.slice(0, 5)) {
    if (!/^[a-z0-9-]+ {2}(PENDING|IN PROGRESS|ACTIVE|CREATE FAILED)$/.test(line)) fail(`unexpected line: ${line}`)
  }
  if (listLines[5] !== "(more on the next page)") fail(`unexpected last line: ${listLines[5]}`)

  step("npx tsx main.ts")
  const main = tsx("main.ts", env)
  console.log(main.trimEnd())
  if (!/^60 jobs$/m.test(main)) fail("main.ts did not count the emulator's 60 jobs")
  if (!/^failed: [a-z0-9-]+: \S/m.test(main)) fail("main.ts printed no failed job")

  step("npx tsx list.ts without a region: the error says what to do")
  const noRegion = { ...env }
  delete noRegion.AWS_REGION
  const refused = (() => {
    try {
      tsx("list.ts", noRegion, true)
      return undefined
    } catch (error) {
      return `${error.stdout}${error.stderr}`
    }
  })()
  if (refused === undefined) fail("list.ts succeeded without a region")
  const said = refused.split("\n").find((line) => line.includes("AWS_REGION"))
  if (said === undefined) fail(`the error does not name AWS_REGION: ${refused}`)
  console.log(said.trim())

  step("npx tsx demo.ts (the emulator in memory, no variables)")
  const bare = { ...process.env }
  for (const name of Object.keys(bare)) if (name.startsWith("AWS_")) delete bare[name]
  const demo = tsx("demo.ts", bare)
  console.log(demo.trimEnd())
  if (!/^60 jobs$/m.test(demo)) fail("demo.ts did not count 60 jobs")

  step("npm install the CLI's tarball; npx personalize-jobs list --emulator (docs/cli.md)")
  run("npm", ["install", tarballOf["@effect-personalize/cli"], "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: folder
  })
  const cli = run("npx", ["personalize-jobs", "list", "--emulator", "--max-items", "3", "--format", "ndjson"], {
    cwd: folder,
    env: bare
  })
  const rows = cli.trimEnd().split("\n").map((line) => JSON.parse(line))
  if (rows.length !== 3 || !rows.every((row) => typeof row.batchSegmentJobArn === "string")) {
    fail(`personalize-jobs list printed ${cli}`)
  }
  console.log(`${rows.length} jobs as NDJSON`)

  step("the page works from an empty folder")
} finally {
  if (emulator !== undefined && emulator.exitCode === null) {
    try {
      process.kill(-emulator.pid, "SIGTERM") // npx and the emulator under it: the process group it leads
    } catch {
      // already gone
    }
  }
  if (keep) console.log(`kept: ${work}`)
  else fs.rmSync(work, { recursive: true, force: true })
}
