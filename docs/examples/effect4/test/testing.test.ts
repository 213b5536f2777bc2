// The tests that docs/testing.md shows for the Effect 4 edition (docs/examples/effect4/testing-*.ts, included in the
// page verbatim) are real tests: importing them registers them here.
await import("../testing-watch.ts" as string)
await import("../testing-faults.ts" as string)
await import("../testing-http.ts" as string)
