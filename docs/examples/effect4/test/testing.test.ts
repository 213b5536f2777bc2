// The tests that docs/testing.md shows for the Effect 4 edition (docs/examples/effect4/testing-*.ts, included in the
// page verbatim) are real tests: importing them registers them here. testing-http starts `personalize-emulator`
// from the PATH, as a user's test would: here the command of this repository's build (the Effect 3 edition's).
import * as Path from "node:path"
import { root } from "./utils.js"

process.env.PATH = `${Path.join(root, "node_modules", ".bin")}${Path.delimiter}${process.env.PATH ?? ""}`

await import("../testing-watch.ts" as string)
await import("../testing-faults.ts" as string)
await import("../testing-http.ts" as string)
