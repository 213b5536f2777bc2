import * as path from "node:path"
import type { ViteUserConfig } from "vitest/config"

const root = path.dirname(new URL(import.meta.url).pathname)

// Tests run against the sources, not the build: every workspace package resolves to its `src/`.
const alias = ["protocol", "core", "aws", "emulator", "cli"].flatMap((name) => [
  {
    find: new RegExp(`^@effect-personalize/${name}$`),
    replacement: path.join(root, "packages", name, "src", "index.ts")
  },
  {
    find: new RegExp(`^@effect-personalize/${name}/(.*)$`),
    replacement: path.join(root, "packages", name, "src", "$1.ts")
  }
])

export const shared: ViteUserConfig = {
  esbuild: { target: "es2022" },
  resolve: { alias },
  test: {
    setupFiles: [path.join(root, "vitest.setup.ts")],
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
}
