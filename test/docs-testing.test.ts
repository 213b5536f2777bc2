// The tests that docs/testing.md shows (docs/examples/testing-*.ts, included in the page verbatim) are real tests:
// importing them registers them here.
await import("../docs/examples/testing-watch.ts" as string)
await import("../docs/examples/testing-faults.ts" as string)
await import("../docs/examples/testing-http.ts" as string)
