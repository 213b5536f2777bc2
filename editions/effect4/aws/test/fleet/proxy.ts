/**
 * The recording proxy of the fleet (fleet.ts), as a process of its own so that nothing else delays its clock: in front
 * of the emulator at TARGET, it notes when each request arrives and whether it was throttled. Prints its URL as the
 * first line of stdout; `GET /__arrivals` answers what it noted, as JSON, with the longest its event loop was held up
 * (`lagMs`: how late it may have noted an arrival).
 *
 *   node proxy.js TARGET
 */
import * as Http from "node:http"
import { monitorEventLoopDelay } from "node:perf_hooks"

const to = new URL(process.argv[2]!)
const arrivals: Array<{ readonly at: number; readonly throttled: boolean }> = []
const agent = new Http.Agent({ keepAlive: true })
const lag = monitorEventLoopDelay({ resolution: 10 })

const server = Http.createServer((request, response) => {
  const at = Date.now()
  if (request.method === "GET" && request.url === "/__arrivals") {
    response.writeHead(200, { "content-type": "application/json" })
    response.end(JSON.stringify({ arrivals, lagMs: lag.max / 1e6 }))
    return
  }
  const forwarded = Http.request({
    host: to.hostname,
    port: to.port,
    method: request.method,
    path: request.url,
    headers: request.headers,
    agent
  }, (answer) => {
    const chunks: Array<Buffer> = []
    answer.on("data", (chunk: Buffer) => chunks.push(chunk))
    answer.on("end", () => {
      const body = Buffer.concat(chunks)
      arrivals.push({ at, throttled: answer.statusCode === 400 && body.includes("ThrottlingException") })
      response.writeHead(answer.statusCode ?? 502, answer.headers)
      response.end(body)
    })
  })
  forwarded.on("error", () => {
    response.writeHead(502)
    response.end()
  })
  request.pipe(forwarded)
})

server.listen(0, "127.0.0.1", () => {
  const address = server.address()
  const port = typeof address === "object" && address !== null ? address.port : 0
  lag.enable()
  process.stdout.write(`http://127.0.0.1:${port}\n`)
})
