// The pages of docs/ against the code they describe: the included programs, the CLI's options and exit codes, the
// names of the spans, metrics and log lines, and every link between pages.
import { ExitCode } from "@effect-personalize/cli"
import { assert, describe, it } from "@effect/vitest"
import { execFileSync, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

const root = path.resolve(import.meta.dirname, "..")
const docs = path.join(root, "docs")
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8")
const pages = fs.readdirSync(docs).filter((f) => f.endsWith(".md")).sort()

/** GitHub's anchor of a heading: lower case, punctuation but `-` and `_` dropped, spaces as `-`. */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-")

const anchorsOf = (text: string) =>
  new Set([...text.replace(/^```[\s\S]*?^```$/gm, "").matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)))

describe("docs/", () => {
  it("every page holds its included programs verbatim", () => {
    let included = 0
    for (const page of pages) {
      const text = read(`docs/${page}`)
      for (const m of text.matchAll(/^<!-- example: (\S+) -->\n```ts(?: effect4)?\n([\s\S]*?)^```$/gm)) {
        included++
        assert.strictEqual(
          m[2],
          fs.readFileSync(path.join(docs, m[1]!), "utf8"),
          `docs/${page}: ${m[1]} differs (run: node scripts/check-examples.mjs --write)`
        )
      }
    }
    // the Effect 3 programs and their Effect 4 twins (docs/examples/effect4)
    assert.isAtLeast(included, 20)
  })

  it("every TypeScript sample of the guides and recipes is followed by the Effect 4 edition's", () => {
    // editions.md puts the two side by side in its own words; the SDK program of pagination.md has no Effect in it
    const apart = new Set(["editions.md"])
    const sameForBoth = new Set(["examples/migrate-sdk.ts"])
    let twins = 0
    for (const page of pages.filter((p) => !apart.has(p))) {
      const text = read(`docs/${page}`)
      for (const m of text.matchAll(/^(?:<!-- (?:example|file): (\S+) -->\n)?```ts\n[\s\S]*?^```\n/gm)) {
        if (m[1] !== undefined && sameForBoth.has(m[1])) continue
        const after = text.slice(m.index + m[0].length)
        const line = text.slice(0, m.index).split("\n").length
        assert.match(
          after,
          /^\nEffect 4 edition\b[^\n]*:\n\n(<!-- (example|file): \S+ -->\n)?```ts effect4\n/,
          `docs/${page}:${line}`
        )
        twins++
      }
    }
    assert.isAtLeast(twins, 30)
  })

  it("every link between pages leads to a file, and to a heading there", () => {
    for (const page of [...pages.map((p) => `docs/${p}`), "README.md"]) {
      const text = read(page).replace(/^```[\s\S]*?^```$/gm, "")
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!
        if (/^[a-z]+:/.test(target)) continue
        const [file, anchor] = target.split("#") as [string, string | undefined]
        const resolved = file === "" ? path.join(root, page) : path.resolve(path.dirname(path.join(root, page)), file)
        assert.isTrue(fs.existsSync(resolved), `${page}: ${target} does not exist`)
        if (anchor !== undefined && resolved.endsWith(".md")) {
          assert.isTrue(
            anchorsOf(fs.readFileSync(resolved, "utf8")).has(anchor),
            `${page}: ${target} has no heading #${anchor}`
          )
        }
      }
    }
  })

  it("the index and the root README link every page", () => {
    const index = read("docs/README.md")
    const readme = read("README.md")
    for (const page of pages.filter((p) => p !== "README.md")) {
      assert.include(index, `](${page})`, `docs/README.md does not link ${page}`)
      assert.include(readme, `](docs/${page})`, `README.md does not link docs/${page}`)
    }
  })

  it("cli.md: the exit codes are ExitCode.table", () => {
    const text = read("docs/cli.md")
    const start = text.indexOf("<!-- exit codes:")
    assert.isAtLeast(start, 0)
    const table = text.slice(text.indexOf("| code |", start)).split("\n\n")[0]!.trim()
    const expected = [
      "| code | meaning |",
      "| --- | --- |",
      ...ExitCode.table.map(({ code, meaning }) => `| ${code} | ${meaning} |`)
    ].join("\n")
    assert.strictEqual(table, expected, `docs/cli.md's exit codes differ from ExitCode.table; they are:\n${expected}`)
  })

  it("cli.md: every option of every command (from the built CLI's --help)", () => {
    const text = read("docs/cli.md")
    const bin = path.join(root, "packages", "cli", "dist", "bin.js")
    for (const command of ["list", "watch"]) {
      const help = execFileSync(process.execPath, [bin, command, "--help"], {
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" }
      })
      const usage = help.split("\n").find((line) => line.startsWith(`$ personalize-jobs ${command} `))
      assert.isDefined(usage, `no usage line in ${command} --help`)
      const options = [...usage!.matchAll(/--[a-z-]+/g)].map((m) => m[0])
      assert.isAtLeast(options.length, 10)
      for (const option of options) {
        assert.include(text, `\`${option}`, `docs/cli.md does not document ${command} ${option}`)
      }
      assert.include(text, `## \`personalize-jobs ${command}\``)
    }
  })

  it("cli.md and the CLI's README: every usage error shown is what the built CLI prints, exit code 2", () => {
    const bin = path.join(root, "packages", "cli", "dist", "bin.js")
    let shown = 0
    for (const page of ["docs/cli.md", "packages/cli/README.md"]) {
      for (const m of read(page).matchAll(/^\$ personalize-jobs ([^\n'"]+)\n(Error: .*)$/gm)) {
        shown++
        const run = spawnSync(process.execPath, [bin, ...m[1]!.trim().split(/\s+/)], {
          encoding: "utf8",
          // nothing from this machine: a usage error comes before any of it is read
          env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" }
        })
        assert.strictEqual(run.status, 2, `${page}: personalize-jobs ${m[1]}`)
        assert.strictEqual(run.stderr, `${m[2]}\n`, `${page}: personalize-jobs ${m[1]} prints something else`)
        assert.strictEqual(run.stdout, "")
      }
    }
    assert.isAtLeast(shown, 5)
  })

  it("cli.md: the resume-token example is what the built CLI prints for its command (the token after the last job)", () => {
    const bin = path.join(root, "packages", "cli", "dist", "bin.js")
    const m = read("docs/cli.md").match(
      /^\$ personalize-jobs (list --emulator [^\n>]*--max-items (\d+)[^\n>]*?) > \S+\nResume with: --starting-token (\S+)$/m
    )
    assert.isNotNull(m, "docs/cli.md shows no resume-token example of the embedded emulator")
    const [, command, maxItems, shown] = m!
    const run = spawnSync(process.execPath, [bin, ...command!.trim().split(/\s+/)], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" }
    })
    assert.strictEqual(run.status, 0, run.stderr)
    const jobs = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { batchSegmentJobArn: string })
    assert.strictEqual(jobs.length, Number(maxItems))
    const printed = run.stderr.match(/Resume with: --starting-token (\S+)/)?.[1]
    assert.isDefined(printed, run.stderr)
    // The demo's jobs are created relative to now, so the token's creation time (and checksum) differ from run to
    // run: what the example must show is the token of the same position, the last job printed.
    const payload = (token: string) =>
      JSON.parse(Buffer.from(token.slice("epr2.".length).split(".")[0]!, "base64url").toString("utf8")) as {
        readonly t: string | null
        readonly a: string
      }
    assert.deepStrictEqual(
      { t: payload(shown!).t, a: payload(shown!).a },
      { t: payload(printed!).t, a: jobs.at(-1)!.batchSegmentJobArn },
      "docs/cli.md's resume token is not the one its command prints"
    )
  })

  it("observability.md: every span, metric and log line of the core", () => {
    const text = read("docs/observability.md")
    const sources = ["Metrics.ts", "internal/operation.ts", "internal/pagination.ts", "internal/watch.ts"]
      .map((file) => read(`packages/core/src/${file}`))
      .join("\n")
    const metrics = [...sources.matchAll(/Metric\.(?:counter|histogram|gauge)\(\s*"([^"]+)"/g)].map((m) => m[1]!)
    const spans = [...sources.matchAll(/(?:useSpan|makeSpanScoped|withSpan)\(\s*"([^"]+)"/g)].map((m) => m[1]!)
    const logs = [...sources.matchAll(/log(?:Debug|Info|Warning|Error)\(\s*"([^"]+)"/g)].map((m) => m[1]!)
    const attributes = [...sources.matchAll(/attribute\("([^"]+)"|"(personalize\.[a-z_]+)":/g)].map((m) =>
      m[1] ?? m[2]!
    )
    assert.isAtLeast(metrics.length, 10)
    assert.isAtLeast(spans.length, 3)
    assert.isAtLeast(logs.length, 5)
    for (const name of [...metrics, ...spans, ...logs, ...attributes]) {
      assert.include(text, `\`${name}\``, `docs/observability.md does not name ${name}`)
    }
    for (const tag of ["rpc.system", "rpc.service", "rpc.method", "error.type"]) assert.include(text, `\`${tag}\``)
  })
})
