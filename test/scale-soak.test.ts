import { ListBatchSegmentJobs, Retry } from "@effect-personalize/core"
import type { PersonalizeEmulator } from "@effect-personalize/emulator"
import { assert, describe, it } from "@effect/vitest"
import {
  Cause,
  Chunk,
  Effect,
  Exit,
  Inspectable,
  Layer,
  Logger,
  LogLevel,
  Metric,
  Option,
  Redacted,
  Stream,
  Tracer
} from "effect"
import * as DiagnosticsChannel from "node:diagnostics_channel"
import * as Util from "node:util"
import { rig, type RigOptions } from "./scale-harness.js"

// The faults a client must survive, drawn for 40% of the requests. Latency is drawn twice as often as each other
// kind (it is the commonest fault of a real service), so that about 30% of the attempts fail: the default policy's
// five attempts then fail a page only when five faults in a row hit it (0.24% a page), which none of these seeds do.
const kinds: ReadonlyArray<PersonalizeEmulator.FaultKind> = [
  "throttle",
  "tooManyRequests",
  "internalError",
  "serviceUnavailable",
  "connectionReset",
  "hang",
  "latency",
  "latency"
]
const faultRate = 0.4
// On the test's clock: a hung request is given up after 2 s; a normal answer takes no time on that clock.
const attemptTimeout = "2 seconds"

interface Outcome {
  readonly seed: number
  readonly exit: Exit.Exit<ReadonlyArray<string>, ListBatchSegmentJobs.Error>
  readonly expected: ReadonlyArray<string>
  readonly stats: PersonalizeEmulator.Stats
  /** How each failed attempt failed, as the port gave it. */
  readonly failures: ReadonlyArray<Cause.Cause<unknown>>
}

/** One seed: a fresh emulator with its faults, a fresh retry budget, and one stream over the aws layer. */
const soak = (seed: number, options: { readonly credentials?: RigOptions["credentials"] } = {}) =>
  Effect.scoped(Effect.gen(function*() {
    const { drive, emulator, failures, layer } = yield* rig({
      credentials: options.credentials,
      emulator: {
        generate: { solutionVersions: 3, jobsPerVersion: 20, seed },
        faults: { rate: faultRate, seed, kinds, latency: "300 millis" },
        credentials: options.credentials === undefined ? undefined : {
          accessKeyId: options.credentials.accessKeyId,
          secretAccessKey: options.credentials.secretAccessKey
        }
      }
    })
    const expected = (yield* emulator.jobs).map((job) => job.batchSegmentJobArn)
    const exit = yield* drive(
      ListBatchSegmentJobs.stream({}, { pageSize: 6, timeout: attemptTimeout }).pipe(
        Stream.map((job) => job.batchSegmentJobArn ?? "?"),
        Stream.runCollect,
        Effect.map(Chunk.toReadonlyArray),
        Effect.provide(Layer.merge(layer, Retry.layerBudget()))
      ),
      seed
    )
    return { seed, exit, expected, stats: yield* emulator.stats, failures } satisfies Outcome
  }))

const sum = (outcomes: ReadonlyArray<Outcome>, f: (stats: PersonalizeEmulator.Stats) => number) =>
  outcomes.reduce((total, o) => total + f(o.stats), 0)

describe("soak: the HTTP emulator with 40% of its answers faulty", () => {
  it.scoped(
    "for each of 20 seeds, stream yields every job exactly once, in order, with the default policy",
    () =>
      Effect.gen(function*() {
        const outcomes: Array<Outcome> = []
        for (let seed = 1; seed <= 20; seed++) outcomes.push(yield* soak(seed))
        const requests = sum(outcomes, (s) => s.requests)
        const faults = sum(outcomes, (s) => s.faultsInjected)
        const pages = sum(outcomes, (s) => s.pages)
        const distinct = Array.from(new Set(kinds))
        const byKind = Object.fromEntries(distinct.map((kind) => [kind, sum(outcomes, (s) => s.faults[kind] ?? 0)]))
        const failed = faults - byKind.latency
        console.log(
          `soak: 20 seeds, ${requests} requests, ${faults} faults (${(100 * faults / requests).toFixed(1)}%: ${
            distinct.map((kind) => `${kind} ${byKind[kind]}`).join(", ")
          }), ${requests - pages} retries, ${sum(outcomes, (s) => s.aborted)} attempts timed out`
        )
        for (const { exit, expected, seed, stats } of outcomes) {
          if (Exit.isFailure(exit)) assert.fail(`seed ${seed}: ${Cause.pretty(exit.cause)}`)
          assert.deepStrictEqual(exit.value, expected, `seed ${seed}: every job once, in order`)
          // every failed attempt was retried, and nothing else was sent
          assert.strictEqual(stats.requests - stats.pages, stats.faultsInjected - (stats.faults.latency ?? 0))
          assert.strictEqual(stats.aborted, stats.faults.hang ?? 0, `seed ${seed}: every hung request was given up`)
          assert.strictEqual(stats.inFlight, 0)
        }
        assert.isAtLeast(faults / requests, 0.3, "at least 30% of the requests faulty")
        for (const kind of distinct) assert.isAtLeast(byKind[kind], 5, `${kind} injected`)
        assert.strictEqual(requests - pages, failed)
      }),
    { timeout: 60_000 }
  )
})

const secretPatterns = (values: ReadonlyArray<string>) => values.filter((value) => value.length >= 8)

/** Everything a value shows of itself: its string forms, JSON and a deep inspection (causes included). */
const forms = (u: unknown): string => {
  const parts: Array<string> = []
  const safe = (f: () => string) => {
    try {
      parts.push(f())
    } catch (e) {
      parts.push(`unprintable: ${String(e)}`)
    }
  }
  safe(() => String(u))
  safe(() => JSON.stringify(u) ?? "")
  safe(() => Inspectable.format(u))
  safe(() => Util.inspect(u, { depth: 12, showHidden: true, getters: true }))
  if (u !== null && typeof u === "object" && "message" in u) safe(() => String(u.message))
  return parts.join("\n")
}

describe("secrets", () => {
  it.scoped(
    "no error, log line, span attribute or metric tag of a soak run holds the secret, token or signature",
    () =>
      Effect.gen(function*() {
        const credentials = {
          accessKeyId: "AKIASCALESOAKTESTKEY",
          secretAccessKey: Redacted.make("scale/SoakSecretAccessKey+do-not-print-0123456789"),
          sessionToken: Redacted.make("IQoJb3JpZ2luX2VjEXAMPLE-scale-soak-session-token-do-not-print")
        }
        const signatures = new Set<string>()
        const onRequest = (message: unknown) => {
          const request = (message as { request: { getHeader: (name: string) => unknown } }).request
          const authorization = String(request.getHeader("authorization") ?? "")
          const signature = /Signature=([0-9a-f]+)/.exec(authorization)?.[1]
          if (signature !== undefined) signatures.add(signature)
        }
        DiagnosticsChannel.subscribe("http.client.request.start", onRequest)
        yield* Effect.addFinalizer(() =>
          Effect.sync(() => DiagnosticsChannel.unsubscribe("http.client.request.start", onRequest))
        )

        const seen: Array<string> = []
        const logger = Logger.make((options) => {
          seen.push(
            forms(options.message),
            forms(Object.fromEntries(options.annotations)),
            forms(options.cause),
            Cause.pretty(options.cause),
            options.spans.toString()
          )
        })
        const spans: Array<{ name: string; attributes: Map<string, unknown>; events: Array<unknown>; exit?: unknown }> =
          []
        const tracer = Tracer.make({
          span(name, parent, context, links, startTime, kind, options) {
            const recorded = {
              name,
              attributes: new Map<string, unknown>(Object.entries(options?.attributes ?? {})),
              events: [] as Array<unknown>,
              exit: undefined as unknown
            }
            spans.push(recorded)
            return {
              _tag: "Span",
              name,
              spanId: `span-${spans.length}`,
              traceId: "trace",
              parent,
              context,
              status: { _tag: "Started", startTime },
              attributes: recorded.attributes,
              links,
              sampled: true,
              kind,
              end: (_, exit) => {
                recorded.exit = exit
              },
              attribute: (key, value) => {
                recorded.attributes.set(key, value)
              },
              event: (name, _, attributes) => {
                recorded.events.push({ name, attributes })
              },
              addLinks: () => {}
            }
          },
          context: (f) => f()
        })
        const outcomes: Array<Outcome> = []
        for (let seed = 1; seed <= 3; seed++) {
          outcomes.push(
            yield* soak(seed, { credentials }).pipe(
              Effect.provide(Layer.mergeAll(Logger.replace(Logger.defaultLogger, logger), Layer.setTracer(tracer))),
              Logger.withMinimumLogLevel(LogLevel.Debug)
            )
          )
        }
        const errors = outcomes.flatMap((o) =>
          o.failures.flatMap((cause) => [cause, ...Chunk.toReadonlyArray(Cause.failures(cause))])
        )
        for (const { exit, seed } of outcomes) assert.isTrue(Exit.isSuccess(exit), `seed ${seed}`)
        assert.isAbove(signatures.size, 10, "the signatures of the requests were seen")
        assert.isAbove(seen.length, 50, "the log lines were captured")
        assert.isAbove(spans.length, 10, "the spans were captured")

        const metrics = Metric.unsafeSnapshot().map((pair) =>
          `${pair.metricKey.name} ${pair.metricKey.tags.map((tag) => `${tag.key}=${tag.value}`).join(",")} ${
            Option.getOrElse(pair.metricKey.description, () => "")
          }`
        )
        const haystacks = [
          ...seen,
          ...spans.map((span) =>
            forms({ name: span.name, attributes: Object.fromEntries(span.attributes), events: span.events }) +
            forms(span.exit)
          ),
          ...errors.map(forms),
          ...outcomes.map((o) => forms(o.exit)),
          ...metrics
        ]
        const secrets = secretPatterns([
          Redacted.value(credentials.secretAccessKey),
          Redacted.value(credentials.sessionToken),
          ...signatures
        ])
        for (const secret of secrets) {
          const found = haystacks.find((text) => text.includes(secret))
          assert.isUndefined(found, `a secret is in: ${found?.slice(0, 300)}`)
        }
        console.log(
          `secrets: ${secrets.length} secrets (${signatures.size} signatures) checked against ${seen.length} log forms, ${spans.length} spans, ${errors.length} errors, ${metrics.length} metric keys`
        )
      }),
    { timeout: 60_000 }
  )
})
