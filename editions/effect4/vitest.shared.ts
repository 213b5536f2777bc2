import * as path from "node:path"
import type { ViteUserConfig } from "vitest/config"

const edition = path.dirname(new URL(import.meta.url).pathname)
const packages = path.join(edition, "..", "..", "packages")

// Tests run against the sources, not the build: the edition's packages resolve to their `src/`, and so does the
// Effect-free package both editions share.
const alias = [
  ...["core", "aws", "emulator", "cli"].map((name) => ({ name, dir: path.join(edition, name) })),
  { name: "protocol", dir: path.join(packages, "protocol") }
].flatMap(({ dir, name }) => [
  { find: new RegExp(`^@effect-personalize/${name}$`), replacement: path.join(dir, "src", "index.ts") },
  { find: new RegExp(`^@effect-personalize/${name}/(.*)$`), replacement: path.join(dir, "src", "$1.ts") }
])

export const shared: ViteUserConfig = {
  esbuild: { target: "es2022" },
  resolve: { alias },
  test: {
    setupFiles: [path.join(edition, "vitest.setup.ts")],
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
}
