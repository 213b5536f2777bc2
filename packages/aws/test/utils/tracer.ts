import { Option, Tracer } from "effect"

export interface Recorded {
  readonly name: string
  readonly spanId: string
  /** The name of the parent span, when it was recorded by this tracer. */
  readonly parent: string | undefined
  readonly attributes: Map<string, unknown>
}

/** A tracer that keeps every span it makes, with its parent's name. */
export const recordingTracer = () => {
  const spans: Array<Recorded> = []
  let id = 0
  const tracer = Tracer.make({
    span(name, parent, context, links, startTime, kind) {
      const spanId = `span-${++id}`
      const recorded: Recorded = {
        name,
        spanId,
        parent: Option.isSome(parent) ? spans.find((s) => s.spanId === parent.value.spanId)?.name : undefined,
        attributes: new Map()
      }
      spans.push(recorded)
      return {
        _tag: "Span",
        name,
        spanId,
        traceId: "trace",
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes: recorded.attributes,
        links,
        sampled: true,
        kind,
        end: () => {},
        attribute: (key, value) => {
          recorded.attributes.set(key, value)
        },
        event: () => {},
        addLinks: () => {}
      }
    },
    context: (f) => f()
  })
  return { tracer, spans }
}
