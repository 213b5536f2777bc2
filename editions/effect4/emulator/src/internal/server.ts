import * as HttpAnswer from "@effect-personalize/protocol/HttpAnswer"
import * as Failure from "@effect-personalize/protocol/ServiceFailure"
import { protocol } from "@effect-personalize/protocol/ServiceModel"
import * as SigV4 from "@effect-personalize/protocol/SigV4"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Headers from "effect/http/Headers"
import * as HttpRouter from "effect/http/HttpRouter"
import type * as HttpServerError from "effect/http/HttpServerError"
import type * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Http from "node:http"
import type * as Api from "../PersonalizeEmulator.js"
import { Emulator, EmulatorServer, testCredentials } from "../PersonalizeEmulator.js"
import * as Emulators from "./emulator.js"

// The bytes of an answer are the protocol package's, the same in both editions.
const reply = (answer: HttpAnswer.HttpAnswer) =>
  HttpServerResponse.text(answer.body, {
    status: answer.status,
    contentType: answer.contentType,
    headers: answer.headers
  })

/**
 * The body of a request, or `undefined` when it is larger than `max` bytes. A body over the limit is read to its end
 * and dropped, never kept: a client that sends it in chunks (no Content-Length, so its size shows only as it comes)
 * is still sending when the limit is passed, and it must read the 413 answer, not a reset connection. A request that
 * breaks off before its end gets no answer: there is no one left to answer.
 */
const readBody = (incoming: Http.IncomingMessage, max: number): Effect.Effect<Uint8Array | undefined> =>
  Effect.callback((resume) => {
    const chunks: Array<Buffer> = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength
      if (size <= max) chunks.push(chunk)
      else chunks.length = 0
    }
    const onEnd = () => {
      cleanup()
      resume(Effect.succeed(size > max ? undefined : Buffer.concat(chunks, size)))
    }
    const onError = () => {
      cleanup()
      resume(Effect.interrupt)
    }
    const cleanup = () => {
      incoming.off("data", onData)
      incoming.off("end", onEnd)
      incoming.off("error", onError)
      incoming.off("aborted", onError)
    }
    incoming.on("data", onData)
    incoming.on("end", onEnd)
    incoming.on("error", onError)
    incoming.on("aborted", onError)
    return Effect.sync(cleanup)
  })

const incomingOf = (request: HttpServerRequest.HttpServerRequest) =>
  NodeHttpServerRequest.toIncomingMessage(request) as Http.IncomingMessage

const makeApp = Effect.fnUntraced(function*(emulator: Api.Emulator.Service, options: Api.ServerOptions) {
  const verifySignatures = options.verifySignatures ?? true
  const maxBodySize = options.maxBodySize ?? HttpAnswer.defaultMaxBodySize
  const credentials: ReadonlyArray<Api.Credentials> = options.credentials === undefined
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
  // The account of each key, for the rate limit; a key without one is the emulator's.
  const accounts = new Map(
    credentials.flatMap((c) => c.accountId === undefined ? [] : [[c.accessKeyId, c.accountId] as const])
  )

  // The answer on the wire. A hung answer never gets here: `handle` does not complete, and the handler is
  // interrupted when the client goes away (`handle` counts that as an abort).
  const write = (answer: Api.Answer, request: HttpServerRequest.HttpServerRequest) => {
    switch (answer._tag) {
      case "Success":
        return Effect.succeed(reply(HttpAnswer.success(answer.requestId, answer.body)))
      case "Malformed":
        return Effect.succeed(reply(HttpAnswer.malformed(answer.requestId, answer.text)))
      case "Failure": {
        const { retryAfter } = answer.failure
        return Effect.succeed(
          reply(
            HttpAnswer.failure(
              answer.requestId,
              answer.failure,
              retryAfter === undefined ? undefined : Duration.toMillis(retryAfter)
            )
          )
        )
      }
      case "Reset":
        return Effect.andThen(
          Effect.sync(() => incomingOf(request).socket.resetAndDestroy()),
          Effect.never
        )
    }
  }

  // The checks of the transport, before the operation: size, signature, target, content type, JSON.
  const read = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<Api.Request> =>
    Effect.gen(function*() {
      const refuse = (refused: Api.ServiceFailure, body?: unknown): Api.Request =>
        body === undefined ? { face: "http", refused } : { face: "http", body, refused }
      const incoming = incomingOf(request)
      const length = Number(request.headers["content-length"] ?? "0")
      if (length > maxBodySize) return refuse(Failure.requestTooLarge(maxBodySize))
      const bytes = yield* readBody(incoming, maxBodySize)
      if (bytes === undefined) return refuse(Failure.requestTooLarge(maxBodySize))
      const headers = incoming.headers
      if (verifySignatures) {
        const refused = SigV4.verify(
          // the path and query as sent (effect 4's `originalUrl` is the whole URL)
          { method: request.method, url: incoming.url ?? "/", headers, body: bytes },
          (accessKeyId) => secrets.get(accessKeyId)
        )
        if (refused !== undefined) return refuse(refused)
      }
      const accessKeyId = SigV4.accessKeyIdOf(headers)
      const accountId = accessKeyId === undefined ? undefined : accounts.get(accessKeyId)
      const base: Api.Request = accountId === undefined ? { face: "http" } : { face: "http", accountId }
      const target = request.headers["x-amz-target"]
      if (target !== protocol.target) return refuse(Failure.unknownOperation(target))
      if (!HttpAnswer.isJsonContentType(request.headers["content-type"])) {
        return refuse(
          Failure.serialization(`Content-Type must be ${protocol.contentType} for the awsJson1_1 protocol`)
        )
      }
      const text = new TextDecoder().decode(bytes)
      try {
        const body: unknown = text.trim() === "" ? {} : JSON.parse(text)
        return { ...base, body }
      } catch {
        return refuse(Failure.serialization("Unexpected character in the request body: not JSON"), text)
      }
    })

  const handle = (request: HttpServerRequest.HttpServerRequest) =>
    Effect.flatMap(Effect.flatMap(read(request), emulator.handle), (answer) => write(answer, request))

  const other = (request: HttpServerRequest.HttpServerRequest) =>
    Effect.flatMap(
      emulator.handle({ face: "http", refused: Failure.unknownOperation(`${request.method} ${request.url}`) }),
      (answer) => write(answer, request)
    )

  const router = yield* HttpRouter.make
  yield* router.add("POST", "/", handle)
  yield* router.add("*", "*", other)
  return router.asHttpEffect()
})

/** @internal */
export const layer = (
  options: Api.ServerOptions = {}
): Layer.Layer<EmulatorServer, HttpServerError.ServeError, Emulator> =>
  Layer.effect(
    EmulatorServer,
    Effect.gen(function*() {
      const emulator = yield* Emulator
      const host = options.host ?? "127.0.0.1"
      const node = Http.createServer()
      const server = yield* NodeHttpServer.make(() => node, { host, port: options.port ?? 0 })
      const app = yield* makeApp(emulator, options)
      // The server's spans record request headers: a session token is as secret as the signature.
      yield* server.serve(app).pipe(
        Effect.provideService(Headers.CurrentRedactedNames, [
          ...Headers.CurrentRedactedNames.defaultValue(),
          "x-amz-security-token"
        ])
      )
      // Added last, so run first: before the server waits for its connections to end (up to 20 seconds), a hung or
      // keep-alive connection is closed, so that it does not hold the shutdown.
      yield* Effect.addFinalizer(() => Effect.sync(() => node.closeAllConnections()))
      const address = server.address
      const port = address._tag === "UnixPathAddress" ? 0 : address.port
      const urlHost = host.includes(":") ? `[${host}]` : host
      return { url: `http://${urlHost}:${port}`, host, port }
    })
  )

/** @internal */
export const layerWith = (
  options?: Api.Options & Api.ServerOptions
): Layer.Layer<EmulatorServer | Emulator, Api.SeedError | HttpServerError.ServeError> =>
  layer(options).pipe(Layer.provideMerge(Emulators.layer(options)))
