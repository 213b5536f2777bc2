// Reads a CPU profile (`node --cpu-prof`) and prints where the self time fell: by owner (effect's runtime, effect's
// Schema, the AWS SDK, Node, this library's editions, the garbage collector...) and the top functions by self time,
// with their owner.
//
//   node bench/cpuprofile-top.mjs <file.cpuprofile>[@from-to] [--per N] [--top N] [--base <base.cpuprofile>[@from-to]]
//
// `@from-to`: only the samples in that window (microseconds on the profiler's clock, as bench/profile-throughput.mjs
// prints it). `--per`: divide by that many listings. `--base` (e.g. the SDK paginator's profile, of as many listings):
// each row also gives the base's time and the difference, and the rows are sorted by the difference: what this side
// spends beyond the base. `--cpu MS` and `--base-cpu MS` (each side's CPU time per listing, as profile-throughput.mjs
// prints it): scale each profile's samples to it. A sample stands for the wall time since the one before, so on a
// loaded machine a profile holds more time than the process ran; scaled, each row is that side's share of its CPU.
import { readFileSync } from "node:fs"

const args = process.argv.slice(2)
const flag = (name, fallback) => {
  const at = args.indexOf(name)
  return at < 0 ? fallback : args.splice(at, 2)[1]
}
const top = Number(flag("--top", 30))
const per = Number(flag("--per", 1))
const baseFile = flag("--base", undefined)
const cpu = flag("--cpu", undefined)
const baseCpu = flag("--base-cpu", undefined)
const file = args[0]
if (file === undefined) {
  console.error("Usage: node bench/cpuprofile-top.mjs <file.cpuprofile>[@from-to] [--per N] [--top N] [--base <file>]")
  process.exit(2)
}

/** Who owns the code at `url`: a package of node_modules, an edition of this library, Node itself. */
const ownerOf = (url, functionName) => {
  if (url === "") {
    if (functionName === "(garbage collector)") return "garbage collector"
    if (functionName === "(program)" || functionName === "(idle)") return functionName
    return "V8 / Node natives"
  }
  if (url.startsWith("node:")) return "Node (its JavaScript)"
  const effect = /node_modules\/\.pnpm\/effect@(\d+)[^/]*\/node_modules\/effect\/dist\/(.*)$/.exec(url)
  if (effect !== null) {
    const [, major, path] = effect
    const schema = /^(Schema\w*|ParseResult)\.js$|^internal\/schema/.test(path)
    return `effect ${major}: ${schema ? "Schema" : "runtime"}`
  }
  const pkg = /node_modules\/\.pnpm\/((?:@[^+/]+\+)?[^@/]+)@/.exec(url)
  if (pkg !== null) {
    const name = pkg[1].replace("+", "/")
    if (/^@(aws-sdk|smithy|aws-crypto)\//.test(name)) return "AWS SDK"
    return name
  }
  if (url.includes("/editions/effect4/core/")) return "Effect 4 edition: core"
  if (url.includes("/editions/effect4/aws/")) return "Effect 4 edition: aws"
  if (url.includes("/packages/protocol/")) return "protocol"
  const effect3 = /\/packages\/(core|aws)\//.exec(url)
  if (effect3 !== null) return `Effect 3 edition: ${effect3[1]}`
  if (url.includes("/bench/")) return "the benchmark"
  return url
}

/** Self time (µs) by owner and by function, idle left out. */
const read = (spec, cpuMs) => {
  const [, path, from, to] = /^(.*?)(?:@(\d+)-(\d+))?$/.exec(spec)
  const profile = JSON.parse(readFileSync(path, "utf8"))
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfUs = new Map()
  // a sample's time is the profile's start plus the deltas so far; it stands for the time since the one before
  let at = profile.startTime
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0
    at += delta
    if (from !== undefined && (at < Number(from) || at > Number(to))) continue
    const id = profile.samples[i]
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta)
  }
  const byOwner = new Map()
  const byFunction = new Map()
  let total = 0
  for (const [id, us] of selfUs) {
    const { columnNumber, functionName, lineNumber, url } = nodes.get(id).callFrame
    const owner = ownerOf(url, functionName)
    if (owner === "(idle)") continue
    total += us
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + us)
    const short = url.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, "").replace(
      /^file:\/\/.*?\/(editions|packages|bench)\//,
      "$1/"
    )
    const where = url === "" ? "(native)" : `${short}:${lineNumber + 1}:${columnNumber + 1}`
    const key = `${functionName || "(anonymous)"}\t${where}\t${owner}`
    byFunction.set(key, (byFunction.get(key) ?? 0) + us)
  }
  if (cpuMs !== undefined) {
    const scale = Number(cpuMs) * 1000 * per / total
    for (const map of [byOwner, byFunction]) for (const [key, us] of map) map.set(key, us * scale)
    total = Number(cpuMs) * 1000 * per
  }
  return { byOwner, byFunction, total }
}

const side = read(file, cpu)
const base = baseFile === undefined ? undefined : read(baseFile, baseCpu)
const ms = (us) => (us / 1000 / per).toFixed(2)
const share = (us) => `${(100 * us / side.total).toFixed(1)} %`
console.log(
  `${file}: ${ms(side.total)} ms of samples (idle left out${
    cpu === undefined ? "" : ", scaled to the CPU time given"
  })${per === 1 ? "" : ` per listing (of ${per})`}${base === undefined ? "" : `; ${baseFile}: ${ms(base.total)} ms`}\n`
)
const table = (title, mine, theirs, rows, format) => {
  const keys = [...new Set([...mine.keys(), ...(theirs?.keys() ?? [])])]
  const score = (key) => (mine.get(key) ?? 0) - (theirs?.get(key) ?? 0)
  keys.sort((a, b) => score(b) - score(a))
  console.log(theirs === undefined ? `| ${title} | self ms | share |` : `| ${title} | self ms | base | difference |`)
  console.log(
    `| ${title.split(" | ").map(() => "---").join(" | ")} | ---: | ---: |${theirs === undefined ? "" : " ---: |"}`
  )
  for (const key of keys.slice(0, rows)) {
    const us = mine.get(key) ?? 0
    const tail = theirs === undefined
      ? `${ms(us)} | ${share(us)}`
      : `${ms(us)} | ${ms(theirs.get(key) ?? 0)} | ${ms(score(key))}`
    console.log(`| ${format(key)} | ${tail} |`)
  }
  console.log("")
}
table("owner", side.byOwner, base?.byOwner, Infinity, (owner) => owner)
table("function | where | owner", side.byFunction, base?.byFunction, top, (key) => {
  const [name, where, owner] = key.split("\t")
  return `\`${name}\` | ${where} | ${owner}`
})
