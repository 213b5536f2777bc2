import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Http from "node:http"
import type * as Api from "../PersonalizeEmulator.js"
import { Emulator, EmulatorServer, testCredentials } from "../PersonalizeEmulator.js"
import type { Engine, Entry, Outcome } from "./emulator.js"
import { engineOf } from "./emulator.js"
import * as Failure from "./failure.js"
import * as SigV4 from "./sigv4.js"

/** @internal */
export const defaultMaxBodySize = 64 * 1024

const reply = (entry: Entry, status: number, body: string, headers: Record<string, string> = {}) =>
  HttpServerResponse.text(body, {
    status,
    contentType: Failure.contentType,
    headers: { "x-amzn-RequestId": entry.requestId, ...headers }
  })

const replyFailure = (engine: Engine, entry: Entry, failure: Failure.ServiceFailure) => {
  engine.finish(entry, failure.status, failure.type)
  return reply(
    entry,
    failure.status,
    JSON.stringify({ __type: failure.wireType ?? failure.type, message: failure.message }),
    { "x-amzn-ErrorType": failure.type }
  )
}

const isJsonContentType = (value: string | undefined): boolean =>
  value !== undefined && value.split(";")[0].trim().toLowerCase() === Failure.contentType

const makeApp = (engine: Engine, options: Api.ServerOptions) => {
  const verifySignatures = options.verifySignatures ?? true
  const maxBodySize = options.maxBodySize ?? defaultMaxBodySize
  const credentials = options.credentials === undefined
    ? [testCredentials]
    : Array.isArray(options.credentials)
    ? options.credentials as ReadonlyArray<Api.Credentials>
    : [options.credentials as Api.Credentials]
  const secrets = new Map(
    credentials.map((c) => [
      c.accessKeyId,
      typeof c.secretAccessKey === "string" ? c.secretAccessKey : Redacted.value(c.secretAccessKey)
    ])
  )

  const resetByEmulator = new WeakSet<Entry>()

  const render = (entry: Entry, outcome: Outcome, request: HttpServerRequest.HttpServerRequest) => {
    switch (outcome._tag) {
      case "Success":
        engine.finish(entry, 200)
        return Effect.succeed(reply(entry, 200, JSON.stringify(outcome.body)))
      case "WrongTypes":
        engine.finish(entry, 200)
        return Effect.succeed(reply(entry, 200, JSON.stringify(outcome.body)))
      case "Malformed":
        engine.finish(entry, 200)
        return Effect.succeed(reply(entry, 200, outcome.text))
      case "Failure":
        return Effect.succeed(replyFailure(engine, entry, outcome.failure))
      case "Reset":
        return Effect.zipRight(
          Effect.sync(() => {
            resetByEmulator.add(entry)
            NodeHttpServerRequest.toIncomingMessage(request).socket.resetAndDestroy()
          }),
          Effect.never
        )
      case "Hang":
        return Effect.never
    }
  }

  const handle = Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const entry = engine.begin("http")
    return yield* Effect.gen(function*() {
      const length = Number(request.headers["content-length"] ?? "0")
      if (length > maxBodySize) return replyFailure(engine, entry, Failure.requestTooLarge(maxBodySize))
      const bytes = yield* request.arrayBuffer.pipe(
        HttpIncomingMessage.withMaxBodySize(Option.some(maxBodySize)),
        Effect.map((buffer) => new Uint8Array(buffer)),
        Effect.option
      )
      if (Option.isNone(bytes) || bytes.value.byteLength > maxBodySize) {
        return replyFailure(engine, entry, Failure.requestTooLarge(maxBodySize))
      }
      if (verifySignatures) {
        const verified = SigV4.verify(
          {
            method: request.method,
            url: request.originalUrl,
            headers: NodeHttpServerRequest.toIncomingMessage(request).headers,
            body: bytes.value
          },
          (accessKeyId) => secrets.get(accessKeyId)
        )
        if (Either.isLeft(verified)) return replyFailure(engine, entry, verified.left)
      }
      const target = request.headers["x-amz-target"]
      if (target !== Failure.target) {
        return replyFailure(engine, entry, Failure.unknownOperation(target))
      }
      if (!isJsonContentType(request.headers["content-type"])) {
        return replyFailure(
          engine,
          entry,
          Failure.serialization(`Content-Type must be ${Failure.contentType} for the awsJson1_1 protocol`)
        )
      }
      const text = new TextDecoder().decode(bytes.value)
      let body: unknown
      try {
        body = text.trim() === "" ? {} : JSON.parse(text)
      } catch {
        entry.body = text
        return replyFailure(engine, entry, Failure.serialization("Unexpected character in the request body: not JSON"))
      }
      const outcome = yield* engine.run(entry, body)
      return yield* render(entry, outcome, request)
    }).pipe(
      Effect.onInterrupt(() =>
        Effect.sync(() => {
          if (!resetByEmulator.has(entry)) engine.abort(entry)
        })
      )
    )
  })

  const other = Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const entry = engine.begin("http")
    return replyFailure(engine, entry, Failure.unknownOperation(`${request.method} ${request.url}`))
  })

  return HttpRouter.empty.pipe(HttpRouter.post("/", handle), HttpRouter.all("*", other))
}

/** @internal */
export const layer = (
  options: Api.ServerOptions = {}
): Layer.Layer<EmulatorServer, HttpServerError.ServeError, Emulator> =>
  Layer.scoped(
    EmulatorServer,
    Effect.gen(function*() {
      const engine = engineOf(yield* Emulator)
      const host = options.host ?? "127.0.0.1"
      const node = Http.createServer()
      const server = yield* NodeHttpServer.make(() => node, { host, port: options.port ?? 0 })
      // Runs before the server closes: a hung or keep-alive connection must not hold the shutdown.
      yield* Effect.addFinalizer(() => Effect.sync(() => node.closeAllConnections()))
      yield* server.serve(makeApp(engine, options))
      const address = server.address
      const port = address._tag === "TcpAddress" ? address.port : 0
      const urlHost = host.includes(":") ? `[${host}]` : host
      return { url: `http://${urlHost}:${port}`, host, port }
    })
  )

/** @internal */
export const layerWith = <E>(
  emulator: Layer.Layer<Emulator, E>,
  options?: Api.ServerOptions
): Layer.Layer<EmulatorServer | Emulator, E | HttpServerError.ServeError> =>
  layer(options).pipe(Layer.provideMerge(emulator))
