// The CLI's output formats (protocol's Output and Text), which both editions' `Format` module re-exports: tested once,
// here; the CLIs' tests (and editions.test.ts, which compares the two CLIs' bytes) cover how they are used.
import { Output as format } from "@effect-personalize/protocol"
import { csvField, escapeControl, neutralizeFormula } from "@effect-personalize/protocol/Text"
import { assert, describe, it } from "@effect/vitest"
import { Effect, FastCheck } from "effect"

const solutionVersionArn = "arn:aws:personalize:us-east-1:123456789012:solution/shoes/3f2a1b4c"

const jobArn = (name: string) => `arn:aws:personalize:us-east-1:123456789012:batch-segment-job/${name}`

/** Three jobs that cover every shape: complete, failed with a reason that needs quoting, almost empty. */
const jobs: ReadonlyArray<format.Job> = [
  {
    batchSegmentJobArn: jobArn("spring-launch"),
    jobName: "spring-launch",
    status: "ACTIVE",
    creationDateTime: new Date("2024-03-01T10:00:00Z"),
    lastUpdatedDateTime: new Date("2024-03-01T10:42:17Z"),
    solutionVersionArn
  },
  {
    batchSegmentJobArn: jobArn("winback"),
    jobName: "winback",
    status: "CREATE FAILED",
    creationDateTime: new Date("2024-03-02T08:00:00.250Z"),
    lastUpdatedDateTime: new Date("2024-03-02T08:05:00Z"),
    failureReason: "Bucket \"in\", not found",
    solutionVersionArn
  },
  {
    batchSegmentJobArn: jobArn("draft"),
    status: "PENDING"
  }
]

const [spring, winback, draft] = jobs as [typeof jobs[0], typeof jobs[0], typeof jobs[0]]
const arn = "arn:aws:personalize:us-east-1:123456789012:batch-segment-job"

describe("formats", () => {
  it.effect("ndjson: one object per job, SDK member order, ISO timestamps, absent members left out", () =>
    Effect.sync(() => {
      const writer = format.jobWriter("ndjson", false)
      assert.strictEqual(
        writer.open + writer.write(jobs) + writer.close,
        `{"batchSegmentJobArn":"${arn}/spring-launch","jobName":"spring-launch","status":"ACTIVE",` +
          `"creationDateTime":"2024-03-01T10:00:00Z","lastUpdatedDateTime":"2024-03-01T10:42:17Z",` +
          `"solutionVersionArn":"${solutionVersionArn}"}\n` +
          `{"batchSegmentJobArn":"${arn}/winback","jobName":"winback","status":"CREATE FAILED",` +
          `"creationDateTime":"2024-03-02T08:00:00.250Z","lastUpdatedDateTime":"2024-03-02T08:05:00Z",` +
          `"failureReason":"Bucket \\"in\\", not found","solutionVersionArn":"${solutionVersionArn}"}\n` +
          `{"batchSegmentJobArn":"${arn}/draft","status":"PENDING"}\n`
      )
    }))

  it.effect("json: one array, the same whether written page by page or at once, and parseable", () =>
    Effect.sync(() => {
      const writer = format.jobWriter("json", false)
      const text = writer.open + writer.write([spring, winback]) + writer.write([]) + writer.write([draft]) +
        writer.close
      assert.strictEqual(text, format.json(jobs))
      assert.strictEqual(
        text,
        `[\n  {"batchSegmentJobArn":"${arn}/spring-launch","jobName":"spring-launch","status":"ACTIVE",` +
          `"creationDateTime":"2024-03-01T10:00:00Z","lastUpdatedDateTime":"2024-03-01T10:42:17Z",` +
          `"solutionVersionArn":"${solutionVersionArn}"},\n` +
          `  {"batchSegmentJobArn":"${arn}/winback","jobName":"winback","status":"CREATE FAILED",` +
          `"creationDateTime":"2024-03-02T08:00:00.250Z","lastUpdatedDateTime":"2024-03-02T08:05:00Z",` +
          `"failureReason":"Bucket \\"in\\", not found","solutionVersionArn":"${solutionVersionArn}"},\n` +
          `  {"batchSegmentJobArn":"${arn}/draft","status":"PENDING"}\n]\n`
      )
      assert.deepStrictEqual(JSON.parse(text), jobs.map(format.toRecord))
      const empty = format.jobWriter("json", false)
      assert.strictEqual(empty.open + empty.write([]) + empty.close, "[]\n")
      assert.deepStrictEqual(JSON.parse(format.json([])), [])
    }))

  it.effect("csv: a header, RFC 4180 quoting, empty fields for absent members", () =>
    Effect.sync(() => {
      const writer = format.jobWriter("csv", false)
      assert.strictEqual(
        writer.open + writer.write(jobs),
        "batchSegmentJobArn,jobName,status,creationDateTime,lastUpdatedDateTime,failureReason,solutionVersionArn\n" +
          `${arn}/spring-launch,spring-launch,ACTIVE,2024-03-01T10:00:00Z,2024-03-01T10:42:17Z,,${solutionVersionArn}\n` +
          `${arn}/winback,winback,CREATE FAILED,2024-03-02T08:00:00.250Z,2024-03-02T08:05:00Z,` +
          `"Bucket ""in"", not found",${solutionVersionArn}\n` +
          `${arn}/draft,,PENDING,,,,\n`
      )
      assert.strictEqual(csvField("plain"), "plain")
      assert.strictEqual(csvField(undefined), "")
    }))

  it.effect("table: aligned columns, short solution versions, '-' for absent values, no trailing spaces", () =>
    Effect.sync(() => {
      const writer = format.jobWriter("table", false)
      assert.strictEqual(
        writer.write(jobs),
        [
          "JOB NAME       STATUS         CREATED (UTC)        LAST UPDATED (UTC)   SOLUTION VERSION  FAILURE REASON",
          "spring-launch  ACTIVE         2024-03-01 10:00:00  2024-03-01 10:42:17  shoes/3f2a1b4c    -",
          "winback        CREATE FAILED  2024-03-02 08:00:00  2024-03-02 08:05:00  shoes/3f2a1b4c    Bucket \"in\", not found",
          "-              PENDING        -                    -                    -                 -",
          ""
        ].join("\n")
      )
    }))

  it.effect("table: the heading once, the widths of the first page hold for every page after it", () =>
    Effect.sync(() => {
      const writer = format.jobWriter("table", false)
      const first = writer.write([draft])
      const empty = writer.write([])
      const second = writer.write([spring, winback])
      assert.strictEqual(
        first,
        "JOB NAME  STATUS         CREATED (UTC)        LAST UPDATED (UTC)   SOLUTION VERSION  FAILURE REASON\n" +
          "-         PENDING        -                    -                    -                 -\n"
      )
      assert.strictEqual(empty, "")
      // a longer status comes in its room; a longer name is cut, not pushing the columns after it
      assert.strictEqual(
        second,
        "spring-…  ACTIVE         2024-03-01 10:00:00  2024-03-01 10:42:17  shoes/3f2a1b4c    -\n" +
          "winback   CREATE FAILED  2024-03-02 08:00:00  2024-03-02 08:05:00  shoes/3f2a1b4c    Bucket \"in\", not found\n"
      )
    }))

  it.prop(
    "table: any jobs over any pages, every row lines up with the heading",
    [FastCheck.array(
      FastCheck.array(
        FastCheck.record({
          name: FastCheck.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$/),
          status: FastCheck.constantFrom("PENDING", "IN PROGRESS", "ACTIVE", "CREATE FAILED"),
          reason: FastCheck.option(FastCheck.string({ maxLength: 200 }), { nil: undefined })
        }),
        { minLength: 1, maxLength: 5 }
      ),
      { minLength: 1, maxLength: 8 }
    )],
    ([pages]) => {
      const writer = format.jobWriter("table", false)
      const text = pages.map((page) =>
        writer.write(page.map(({ name, reason, status }) => ({
          jobName: name,
          status,
          creationDateTime: new Date("2024-03-01T10:00:00Z"),
          lastUpdatedDateTime: new Date("2024-03-01T10:42:17Z"),
          solutionVersionArn,
          ...(reason === undefined ? {} : { failureReason: reason })
        })))
      ).join("")
      assert.deepStrictEqual(misaligned(text), [], text)
    }
  )

  it.effect("table on a terminal of some width: failure reasons cut to fit it, the other formats whole", () =>
    Effect.sync(() => {
      const reason = "The input S3 path s3://bucket/input.json does not exist or Amazon Personalize cannot read it"
      const job = { ...winback, failureReason: reason }
      const text = format.jobWriter("table", false, 120).write([spring, job])
      const lines = text.trimEnd().split("\n")
      assert.deepStrictEqual(lines.map((line) => line.length), [104, 91, 120])
      assert.isTrue(lines[2]!.endsWith("  The input S3 path s3://bucket…"), lines[2])
      // narrower than the other columns: the reason keeps at least the width of its heading
      const narrow = format.jobWriter("table", false, 40).write([job]).trimEnd().split("\n")[1]!
      assert.isTrue(narrow.endsWith("  The input S3 …"), narrow)
      // without a width, and in the other formats, the whole reason
      assert.include(format.jobWriter("table", false).write([job]), reason)
      assert.include(format.jobWriter("csv", false, 120).write([job]), reason)
      assert.include(format.jobWriter("ndjson", false, 120).write([job]), reason)
      const event = format.eventWriter("table", false, 160).write([{ _tag: "new", job }]).trimEnd().split("\n")[1]!
      assert.strictEqual(event.length, 160)
      assert.isTrue(event.endsWith("…"), event)
    }))

  it.effect("table on a terminal: bold heading, colored status, same alignment", () =>
    Effect.sync(() => {
      const colored = format.jobWriter("table", true).write(jobs)
      const plain = format.jobWriter("table", false).write(jobs)

      assert.strictEqual(colored.replace(/\u001b\[\d+m/g, ""), plain)
      assert.include(colored, "\u001b[32mACTIVE\u001b[39m")
      assert.include(colored, "\u001b[31mCREATE FAILED\u001b[39m")
    }))

  it.effect("shortSolutionVersion keeps what follows solution/, else the whole ARN", () =>
    Effect.sync(() => {
      assert.strictEqual(format.shortSolutionVersion(solutionVersionArn), "shoes/3f2a1b4c")
      assert.strictEqual(
        format.shortSolutionVersion("arn:aws:personalize:x:y:other/z"),
        "arn:aws:personalize:x:y:other/z"
      )
      assert.strictEqual(format.shortSolutionVersion(undefined), undefined)
    }))
})

describe("text from the service", () => {
  const hostile: format.Job = {
    batchSegmentJobArn: `${arn}/x\u001b]0;owned\u0007`,
    jobName: "evil\u001b[2J\u001b[H",
    status: "ACTIVE\r\u009b31m",
    creationDateTime: new Date("2024-03-01T10:00:00Z"),
    failureReason: "=HYPERLINK(\"https://example.com\",\"x\")\nnext\tline\u2028\u202e",
    solutionVersionArn: `${solutionVersionArn}\u0000`
  }

  it.effect("table: every control character shown as an escape, never sent to the terminal", () =>
    Effect.sync(() => {
      for (const color of [false, true]) {
        const text = format.jobWriter("table", color).write([hostile]).replace(/\u001b\[\d+m/g, "")
        assert.strictEqual(
          text,
          "JOB NAME           STATUS           CREATED (UTC)        LAST UPDATED (UTC)   SOLUTION VERSION    " +
            "FAILURE REASON\n" +
            "evil\\x1b[2J\\x1b[H  ACTIVE\\r\\x9b31m  2024-03-01 10:00:00  -                    shoes/3f2a1b4c\\x00  " +
            "=HYPERLINK(\"https://example.com\",\"x\")\\nnext\\tline\\u2028\\u202e\n"
        )
      }
    }))

  it.effect("watch table: the previous status too", () =>
    Effect.sync(() => {
      const text = format.eventWriter("table", false).write([
        { _tag: "changed", job: spring, previousStatus: "\u001b]0;x\u0007" }
      ])
      assert.include(text, "\\x1b]0;x\\x07 → ACTIVE")
      assert.notMatch(text, /[\u0000-\u0009\u000b-\u001f]/)
    }))

  it.effect("csv: control characters escaped, a formula neutralised with ', then RFC 4180 quoting", () =>
    Effect.sync(() => {
      const writer = format.jobWriter("csv", false)
      assert.strictEqual(
        writer.write([hostile]),
        `${arn}/x\\x1b]0;owned\\x07,evil\\x1b[2J\\x1b[H,ACTIVE\\r\\x9b31m,2024-03-01T10:00:00Z,,` +
          `"'=HYPERLINK(""https://example.com"",""x"")\\nnext\\tline\\u2028\\u202e",${solutionVersionArn}\\x00\n`
      )
      const events = format.eventWriter("csv", false)
      assert.strictEqual(
        events.write([{ _tag: "changed", job: { jobName: "@SUM(A1)", status: "+1" }, previousStatus: "-2+3" }]),
        "changed,'-2+3,,'@SUM(A1),'+1,,,,\n"
      )
      assert.strictEqual(csvField("a\nb"), "a\\nb")
      assert.strictEqual(csvField(" padded"), "\" padded\"")
      assert.strictEqual(csvField(" =1+1"), "' =1+1")
      assert.strictEqual(csvField("\t=1"), "\\t=1")
      assert.strictEqual(csvField("ab=c-d"), "ab=c-d")
    }))

  it.effect("json and ndjson stay exact", () =>
    Effect.sync(() => {
      const ndjson = format.jobWriter("ndjson", false).write([hostile])
      assert.deepStrictEqual(JSON.parse(ndjson), format.toRecord(hostile))
      assert.strictEqual(JSON.parse(ndjson).failureReason, hostile.failureReason)
      assert.strictEqual(JSON.parse(format.json([hostile]))[0].jobName, hostile.jobName)
    }))

  it.effect("escapeControl: C0, DEL, C1, separators and bidi controls; printable text as it is", () =>
    Effect.sync(() => {
      assert.strictEqual(
        escapeControl("\u0000\u0007\b\u001b\u007f\u0085\u200e\u2029\u2066"),
        [
          "\\x00",
          "\\x07",
          "\\x08",
          "\\x1b",
          "\\x7f",
          "\\x85",
          "\\u200e",
          "\\u2029",
          "\\u2066"
        ].join("")
      )
      assert.strictEqual(
        escapeControl("Bucket \"in\", not found: C:\\data é → ✓"),
        "Bucket \"in\", not found: C:\\data é → ✓"
      )
      assert.strictEqual(neutralizeFormula("＝1"), "'＝1")
      assert.strictEqual(neutralizeFormula("spring-launch"), "spring-launch")
    }))
})

describe("status filter", () => {
  it.effect("case-insensitive, spaces, underscores or dashes, repeatable", () =>
    Effect.sync(() => {
      const names = (statuses: ReadonlyArray<string>) => jobs.filter(format.statusFilter(statuses)).map((j) => j.status)
      assert.deepStrictEqual(names([]), ["ACTIVE", "CREATE FAILED", "PENDING"])
      assert.deepStrictEqual(names(["active"]), ["ACTIVE"])
      assert.deepStrictEqual(names(["ACTIVE", "create failed"]), ["ACTIVE", "CREATE FAILED"])
      assert.deepStrictEqual(names(["create_failed"]), ["CREATE FAILED"])
      assert.deepStrictEqual(names([" Create-Failed "]), ["CREATE FAILED"])
      assert.deepStrictEqual(names(["IN PROGRESS"]), [])
      assert.deepStrictEqual(names(["CREATE"]), [])
    }))

  it.effect("a job without a status matches no filter; an unknown status matches itself", () =>
    Effect.sync(() => {
      const keep = format.statusFilter(["DELETE PENDING"])
      assert.isFalse(keep({ jobName: "x" }))
      assert.isTrue(keep({ jobName: "x", status: "DELETE PENDING" }))
    }))
})

describe("watch events", () => {
  const changed: format.WatchEvent = { _tag: "changed", job: spring, previousStatus: "IN PROGRESS" }
  const fresh: format.WatchEvent = { _tag: "new", job: draft }

  it.effect("ndjson carries the event and the previous status", () =>
    Effect.sync(() => {
      assert.strictEqual(
        format.eventWriter("ndjson", false).write([changed]),
        `{"event":"changed","previousStatus":"IN PROGRESS","batchSegmentJobArn":"${arn}/spring-launch",` +
          `"jobName":"spring-launch","status":"ACTIVE","creationDateTime":"2024-03-01T10:00:00Z",` +
          `"lastUpdatedDateTime":"2024-03-01T10:42:17Z","solutionVersionArn":"${solutionVersionArn}"}\n`
      )
      assert.strictEqual(
        format.eventWriter("ndjson", false).write([fresh]),
        `{"event":"new","batchSegmentJobArn":"${arn}/draft","status":"PENDING"}\n`
      )
    }))

  it.effect("csv and table", () =>
    Effect.sync(() => {
      const csv = format.eventWriter("csv", false)
      assert.strictEqual(
        csv.open + csv.write([fresh, changed]),
        "event,previousStatus,batchSegmentJobArn,jobName,status,creationDateTime,lastUpdatedDateTime,failureReason," +
          "solutionVersionArn\n" +
          `new,,${arn}/draft,,PENDING,,,,\n` +
          `changed,IN PROGRESS,${arn}/spring-launch,spring-launch,ACTIVE,2024-03-01T10:00:00Z,2024-03-01T10:42:17Z,,` +
          `${solutionVersionArn}\n`
      )
      assert.strictEqual(
        format.eventWriter("table", false).write([fresh, changed]),
        "EVENT     JOB NAME                  STATUS                       CREATED (UTC)        LAST UPDATED (UTC)   " +
          "SOLUTION VERSION          FAILURE REASON\n" +
          "new       -                         PENDING                      -                    -                    " +
          "-                         -\n" +
          "changed   spring-launch             IN PROGRESS → ACTIVE         2024-03-01 10:00:00  2024-03-01 10:42:17  " +
          "shoes/3f2a1b4c            -\n"
      )
    }))
})

/** Where each column of a table line starts: after a run of at least two spaces (the separator). */
const columnStarts = (heading: string): Array<number> => {
  const starts = [0]
  for (const match of heading.matchAll(/ {2,}/g)) starts.push(match.index + match[0].length)
  return starts
}

/** Each line's failures to line up with the heading: a column that does not start where the heading's does. */
const misaligned = (table: string): Array<string> => {
  const [heading, ...rows] = table.replace(/\u001b\[\d+m/g, "").trimEnd().split("\n")
  const starts = columnStarts(heading!)
  return rows.flatMap((row) =>
    starts.slice(1).flatMap((start) =>
      row.slice(start - 2, start) === "  " && row[start] !== " " && row[start] !== undefined
        ? []
        : [`column at ${start} not aligned in: ${row}`]
    )
  )
}

describe("the watch table as it streams", () => {
  const job = (name: string, status: string): format.Job => ({
    batchSegmentJobArn: jobArn(name),
    jobName: name,
    status,
    creationDateTime: new Date("2024-03-01T10:00:00Z"),
    lastUpdatedDateTime: new Date("2024-03-01T10:42:17Z"),
    solutionVersionArn
  })

  it.effect("new jobs, then transitions and a vanished job: every row lines up with the heading", () =>
    Effect.sync(() => {
      for (const color of [false, true]) {
        const writer = format.eventWriter("table", color)
        const text =
          writer.write([{ _tag: "new", job: job("a", "PENDING") }, { _tag: "new", job: job("b", "PENDING") }]) +
          writer.write([{ _tag: "changed", job: job("a", "IN PROGRESS"), previousStatus: "PENDING" }]) +
          writer.write([{ _tag: "changed", job: job("b", "CREATE FAILED"), previousStatus: "IN PROGRESS" }]) +
          writer.write([{ _tag: "vanished", job: job("a", "ACTIVE") }]) +
          writer.write([{ _tag: "new", job: job("a-much-longer-job-name-than-the-column-has-room-for", "PENDING") }])
        const plain = text.replace(/\u001b\[\d+m/g, "")
        assert.deepStrictEqual(misaligned(text), [], plain)
        assert.include(plain, "PENDING → IN PROGRESS ")
        assert.include(plain, "IN PROGRESS → CREATE FAILED")
        // a name longer than its column is cut, not pushing the columns after it
        assert.include(plain, "a-much-longer-job-name-…  PENDING ")
      }
    }))

  const name = FastCheck.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$/)
  const status = FastCheck.oneof(
    FastCheck.constantFrom("PENDING", "IN PROGRESS", "ACTIVE", "CREATE FAILED"),
    FastCheck.stringMatching(/^[A-Z][A-Z ]{0,40}[A-Z]$/)
  )
  const event = FastCheck.record({
    tag: FastCheck.constantFrom("new" as const, "changed" as const, "vanished" as const),
    name,
    status,
    previous: status
  }).map(({ name, previous, status, tag }): format.WatchEvent =>
    tag === "changed"
      ? { _tag: tag, job: job(name, status), previousStatus: previous }
      : { _tag: tag, job: job(name, status) }
  )
  const batches = FastCheck.array(FastCheck.array(event, { minLength: 1, maxLength: 5 }), {
    minLength: 1,
    maxLength: 8
  })

  it.prop("any events in any batches: the column separators of every row are at the heading's offsets", [batches], (
    [batches]
  ) => {
    const writer = format.eventWriter("table", false)
    const text = batches.map((batch) => writer.write(batch)).join("")
    assert.deepStrictEqual(misaligned(text), [], text)
  })
})
