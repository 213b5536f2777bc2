/**
 * A real HTTP server on 127.0.0.1, port 0, for the duration of a scope: it records every request and answers with
 * the handler of the test.
 */
import { Deferred, Effect, Queue } from "effect"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

export interface Received {
  readonly method: string
  readonly url: string
  readonly headers: Http.IncomingHttpHeaders
  readonly body: string
  /** Completes when the socket that carried this request closes. */
  readonly socketClosed: Deferred.Deferred<void>
}

export type Handler = (request: Received, response: Http.ServerResponse, raw: Http.IncomingMessage) => void

export interface TestServer {
  readonly endpoint: string
  readonly port: number
  /** Every request so far, in order of arrival. */
  readonly requests: ReadonlyArray<Received>
  /** The next request to arrive (in order; each request is taken once). */
  readonly next: Effect.Effect<Received>
}

export const make = (handler: Handler): Effect.Effect<TestServer, never, Scope.Scope> =>
  Effect.gen(function*() {
    const requests: Array<Received> = []
    const arrivals = yield* Queue.unbounded<Received>()
    const server = Http.createServer((raw, response) => {
      const chunks: Array<Buffer> = []
      raw.on("data", (chunk: Buffer) => chunks.push(chunk))
      raw.on("end", () => {
        const socketClosed = Deferred.makeUnsafe<void>()
        raw.socket.once("close", () => Deferred.doneUnsafe(socketClosed, Effect.void))
        if (raw.socket.destroyed) Deferred.doneUnsafe(socketClosed, Effect.void)
        const received: Received = {
          method: raw.method ?? "",
          url: raw.url ?? "",
          headers: raw.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          socketClosed
        }
        requests.push(received)
        Queue.offerUnsafe(arrivals, received)
        handler(received, response, raw)
      })
    })
    const port = yield* Effect.acquireRelease(
      Effect.callback<number>((resume) => {
        server.listen(0, "127.0.0.1", () => resume(Effect.succeed((server.address() as AddressInfo).port)))
      }),
      () =>
        Effect.callback<void>((resume) => {
          server.closeAllConnections()
          server.close(() => resume(Effect.void))
        })
    )
    return { endpoint: `http://127.0.0.1:${port}`, port, requests, next: Queue.take(arrivals) }
  })

/** A port on 127.0.0.1 where nothing listens (bound, then closed). */
export const closedPort: Effect.Effect<number> = Effect.callback<number>((resume) => {
  const server = Http.createServer()
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo
    server.close(() => resume(Effect.succeed(port)))
  })
})

/** Answers with a JSON body (or a raw string) and the given status and headers. */
export const respond = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): Handler =>
(_request, response) => {
  const text = typeof body === "string" ? body : JSON.stringify(body)
  response.writeHead(status, {
    "content-type": "application/x-amz-json-1.1",
    "x-amzn-requestid": "req-0001",
    ...headers
  })
  response.end(text)
}

/** Never answers: the request stays open until the client goes away. */
export const hold: Handler = () => {}
