// Follows docs/getting-started.md as a new user would, outside this repository, for each edition: the Effect 3
// edition's route (the page's `sh`, `ts` and `json` blocks) under the machine's Node, then the Effect 4 edition's (its
// `sh effect4` and `ts effect4` blocks, and the same tsconfig) under Node 22 (the machine's when it is 22.19 or later,
// else fetched from the npm registry with `npx -y node@22`, as scripts/test-effect4.mjs does).
//
// 1. builds the packages (`tsc -b` of their sources) and packs each one (`pnpm pack`), as the page's first `sh`
//    block of the route does in the clone;
// 2. in a new temporary folder, runs the `npm` lines of the route's `sh` block that makes the project (`npm init`),
//    with the tarballs that the page names (`../effect-personalize/packs/effect-personalize-core-0.1.0.tgz`) taken
//    from step 1 (the same file names: a version the page does not name fails) and everything else from the npm
//    registry;
// 3. writes every block of the route that the page marks `<!-- file: NAME -->`, and type-checks them with the page's
//    tsconfig;
// 4. starts the emulator as the page says (`npx personalize-emulator`, the route's own, in the project; on a free port
//    instead of 4566), and runs list.ts and main.ts against it with the page's environment variables, then demo.ts
//    on its own; checks what each prints;
// 5. installs the route's CLI tarball in the project, as docs/cli.md says, and runs `npx personalize-jobs list
//    --emulator`.
//
// Usage: node scripts/try-getting-started.mjs [--edition 3|4] [--keep]   (both editions by default; --keep leaves the
// folders for a look)
import { execFileSync, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { node22 } from "./node22.mjs"

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..")
const page = fs.readFileSync(path.join(root, "docs", "getting-started.md"), "utf8")
const keep = process.argv.includes("--keep")
const only = process.argv.includes("--edition") ? process.argv[process.argv.indexOf("--edition") + 1] : undefined
if (only !== undefined && only !== "3" && only !== "4") {
  console.error("try-getting-started: --edition is 3 or 4")
  process.exit(2)
}
const pnpm = [
  "-y",
  `pnpm@${JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).packageManager.split("@")[1]}`
]
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc")
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

// A page's blocks, with the file name of their `<!-- file: NAME -->` marker.
const blocksOf = (text) =>
  [...text.matchAll(/^(?:<!-- file: (\S+) -->\n)?```([^\n`]*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    file: m[1],
    info: m[2].trim(),
    code: m[3]
  }))
const blocks = blocksOf(page)
const cliBlocks = blocksOf(fs.readFileSync(path.join(root, "docs", "cli.md"), "utf8"))

/** The two routes of the page: which blocks, which packages, which Node. */
const editions = {
  3: {
    name: "Effect 3 edition",
    sh: "sh",
    ts: "ts",
    effect: "3.",
    // the version of its packages
    version: "0.",
    // packs/ holds these, each `effect-personalize-NAME-VERSION.tgz`
    packs: ["protocol", "core", "aws", "emulator", "cli"].map((name) => path.join(root, "packages", name)),
    build: ["protocol", "core", "aws", "emulator", "cli"].map((name) =>
      path.join(root, "packages", name, "tsconfig.src.json")
    ),
    node: () => process.execPath
  },
  4: {
    name: "Effect 4 edition",
    sh: "sh effect4",
    ts: "ts effect4",
    effect: "4.",
    version: "1.",
    // nothing of the Effect 3 edition: the protocol package has no Effect in it
    packs: [
      path.join(root, "packages", "protocol"),
      ...["core", "aws", "emulator", "cli"].map((name) => path.join(root, "editions", "effect4", name))
    ],
    build: [path.join(root, "editions", "effect4", "tsconfig.json")],
    node: node22
  }
}

const route = async (edition) => {
  const { name } = edition
  const pack = blocks.find((block) => block.info === edition.sh)
  if (pack === undefined || !/ pack --pack-destination (\.\.\/)+packs\b/.test(pack.code)) {
    fail(`docs/getting-started.md: the ${name}'s first ${edition.sh} block does not pack the packages into packs/`)
  }
  const install = blocks.find((block) => block.info === edition.sh && /^npm init\b/m.test(block.code))
  if (install === undefined) fail(`docs/getting-started.md has no ${edition.sh} block with npm init`)
  // the route's block of docs/cli.md that installs the CLI's tarball
  const cliInstall = cliBlocks.find((block) => block.info === edition.sh && /effect-personalize-cli-/.test(block.code))
  if (cliInstall === undefined) fail(`docs/cli.md has no ${edition.sh} block that installs the CLI's tarball`)
  const files = blocks.filter((block) => block.file !== undefined && [edition.ts, "json"].includes(block.info))
  for (const file of ["tsconfig.json", "list.ts", "jobs.ts", "main.ts", "demo.ts"]) {
    if (!files.some((block) => block.file === file)) {
      fail(`docs/getting-started.md has no ${edition.ts} block marked as ${file}`)
    }
  }

  const node = edition.node()
  // the route's commands (npm, npx, tsx) run under its Node: first on the PATH
  const PATH = `${path.dirname(node)}${path.delimiter}${process.env.PATH}`
  const base = { ...process.env, PATH }
  for (const variable of Object.keys(base)) if (variable.startsWith("AWS_")) delete base[variable]
  console.log(`${name}: Node ${run(node, ["--version"]).trim()}`)

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "effect-personalize-getting-started-"))
  const tarballs = path.join(work, "tarballs")
  const folder = path.join(work, "jobs-report")
  fs.mkdirSync(tarballs)
  fs.mkdirSync(folder)
  let emulator
  try {
    step(`${name}: building and packing the packages`)
    for (const project of edition.build) run(process.execPath, [tsc, "-b", project])
    const tarballOf = new Map() // file name -> path
    for (const dir of edition.packs) {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"))
      if (!manifest.files?.includes("dist")) {
        fail(`${path.relative(root, dir)}/package.json: "files" does not include dist`)
      }
      const before = new Set(fs.readdirSync(tarballs))
      run("npx", [...pnpm, "pack", "--pack-destination", tarballs], { cwd: dir })
      const made = fs.readdirSync(tarballs).filter((f) => !before.has(f))
      if (made.length !== 1) fail(`pnpm pack made no tarball for ${manifest.name} ${manifest.version}`)
      tarballOf.set(made[0], path.join(tarballs, made[0]))
    }

    /** Runs the `npm` lines of a block in `cwd`, with the tarballs the page names taken from packs/. */
    const npmLines = (block, cwd) => {
      for (const line of block.code.split("\n").map((l) => l.trim())) {
        if (!line.startsWith("npm ")) continue // mkdir/cd: the folder is made above; npx: run below
        const args = line.split(/\s+/).slice(1).map((arg) => {
          if (!/^\.\.\/effect-personalize\/packs\//.test(arg)) return arg
          const tarball = tarballOf.get(path.basename(arg))
          if (tarball === undefined) {
            fail(`the page installs ${path.basename(arg)}, but pnpm pack made ${[...tarballOf.keys()].join(", ")}`)
          }
          return tarball
        })
        console.log(`$ npm ${args.map((a) => (a.startsWith(tarballs) ? path.basename(a) : a)).join(" ")}`)
        run("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, env: base })
      }
    }

    step(`${name}: following the page in ${folder}`)
    npmLines(install, folder)
    for (const block of files) fs.writeFileSync(path.join(folder, block.file), block.code)

    const installed = JSON.parse(fs.readFileSync(path.join(folder, "node_modules", "effect", "package.json"), "utf8"))
    if (!installed.version.startsWith(edition.effect)) {
      fail(`effect ${installed.version} was installed, not Effect ${edition.effect.slice(0, -1)}`)
    }

    step(`${name}: type-checking the page's files (npx tsc)`)
    run("npx", ["tsc", "-p", "."], { cwd: folder, env: base })

    // the emulator of the route's edition, nothing else: the project's own
    const emulatorManifest = path.join(folder, "node_modules", "@effect-personalize", "emulator", "package.json")
    if (!fs.existsSync(emulatorManifest)) fail("the page does not install @effect-personalize/emulator in the project")
    const emulatorPackage = JSON.parse(fs.readFileSync(emulatorManifest, "utf8"))
    if (!emulatorPackage.version.startsWith(edition.version)) {
      fail(`the project has @effect-personalize/emulator ${emulatorPackage.version}, not the ${name}'s`)
    }
    step(`${name}: starting the emulator (npx personalize-emulator --generate 3:20, on a free port)`)
    emulator = spawn("npx", ["personalize-emulator", "--port", "0", "--generate", "3:20"], {
      cwd: folder,
      env: base,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true
    })
    const child = emulator
    const url = await new Promise((resolve, reject) => {
      let out = ""
      const timer = setTimeout(() => reject(new Error(`the emulator printed no URL within 60 s: ${out}`)), 60_000)
      child.stdout.on("data", (chunk) => {
        out += chunk
        const m = /^(http:\/\/\S+)\n/.exec(out)
        if (m) {
          clearTimeout(timer)
          resolve(m[1])
        }
      })
      child.on("exit", (code) => reject(new Error(`the emulator exited with ${code}: ${out}`)))
    })
    console.log(`emulator at ${url}`)

    // the variables of step 3, with the emulator's port
    const env = { ...base }
    for (const m of page.matchAll(/^export (AWS_[A-Z_]+)=(\S+)$/gm)) {
      env[m[1]] = m[2].replace("http://127.0.0.1:4566", url)
    }
    if (env.AWS_ENDPOINT_URL_PERSONALIZE !== url) fail("the page does not export AWS_ENDPOINT_URL_PERSONALIZE")
    const tsx = (file, environment, quiet = false) =>
      run("npx", ["tsx", file], { cwd: folder, env: environment, quiet })

    step(`${name}: npx tsx list.ts`)
    const list = tsx("list.ts", env)
    console.log(list.trimEnd())
    const listLines = list.trimEnd().split("\n")
    if (listLines.length !== 6) fail(`list.ts printed ${listLines.length} lines, expected 5 jobs and one line after`)
    for (const line of listLines.slice(0, 5)) {
      if (!/^[a-z0-9-]+ {2}(PENDING|IN PROGRESS|ACTIVE|CREATE FAILED)$/.test(line)) fail(`unexpected line: ${line}`)
    }
    if (listLines[5] !== "(more on the next page)") fail(`unexpected last line: ${listLines[5]}`)

    step(`${name}: npx tsx main.ts`)
    const main = tsx("main.ts", env)
    console.log(main.trimEnd())
    if (!/^60 jobs$/m.test(main)) fail("main.ts did not count the emulator's 60 jobs")
    if (!/^failed: [a-z0-9-]+: \S/m.test(main)) fail("main.ts printed no failed job")

    step(`${name}: npx tsx list.ts without a region: the error says what to do`)
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

    step(`${name}: npx tsx demo.ts (in memory, no variables)`)
    const demo = tsx("demo.ts", base)
    console.log(demo.trimEnd())
    if (!/^60 jobs$/m.test(demo)) fail("demo.ts did not count 60 jobs")
    if (!/^failed: [a-z0-9-]+: \S/m.test(demo)) fail("demo.ts printed no failed job")

    step(`${name}: npm install the CLI's tarball, as docs/cli.md says; npx personalize-jobs list --emulator`)
    npmLines(cliInstall, folder)
    const cli = run("npx", ["personalize-jobs", "list", "--emulator", "--max-items", "3", "--format", "ndjson"], {
      cwd: folder,
      env: base
    })
    const rows = cli.trimEnd().split("\n").map((line) => JSON.parse(line))
    if (rows.length !== 3 || !rows.every((row) => typeof row.batchSegmentJobArn === "string")) {
      fail(`personalize-jobs list printed ${cli}`)
    }
    console.log(`${rows.length} jobs as NDJSON`)

    step(`${name}: the page works from an empty folder`)
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
}

for (const edition of only === undefined ? ["3", "4"] : [only]) await route(editions[edition])
