import { once } from 'node:events'
import { createServer, request as httpRequest, IncomingMessage } from 'node:http'
import { type AddressInfo, Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../http/api-error.ts'
import { incomingOf } from '../http/incoming.ts'
import { readHookBody } from './read-hook-body.ts'

const servers: Array<ReturnType<typeof createServer>> = []
afterEach(() => {
  for (const server of servers.splice(0)) server.close()
})

/** A node:http server whose handler reads each body straight from the node request, as the real server does. */
async function startReader(limit: number): Promise<number> {
  const server = createServer((incoming, res) => {
    const headers = Object.entries(incoming.headers).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    )
    // A Request without a body: reading it instead of `incoming` would yield nothing.
    const request = new Request('http://local/hook', { method: 'POST', headers })
    readHookBody(request, limit, incoming).then(
      (body) => res.end(`read ${Buffer.from(body).toString()}`),
      (error: unknown) => {
        res.statusCode = error instanceof ApiError ? error.status : 500
        res.end(error instanceof ApiError ? error.code : String(error))
      },
    )
  })
  servers.push(server)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return (server.address() as AddressInfo).port
}

/** POSTs `chunks` one by one, with Content-Length when `declared`, chunked otherwise. */
async function post(port: number, chunks: string[], declared: boolean) {
  const length = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0)
  const req = httpRequest({
    port,
    host: '127.0.0.1',
    method: 'POST',
    headers: declared ? { 'content-length': String(length) } : { 'transfer-encoding': 'chunked' },
  })
  for (const chunk of chunks) req.write(chunk)
  req.end()
  const [res] = (await once(req, 'response')) as [IncomingMessage]
  let text = ''
  for await (const part of res) text += String(part)
  return { status: res.statusCode, text }
}

describe('readHookBody on the node server', () => {
  it('reads the whole body from the node request, declared or chunked', async () => {
    const port = await startReader(64)
    expect(await post(port, ['{"a":', '1}'], true)).toEqual({ status: 200, text: 'read {"a":1}' })
    expect(await post(port, ['{"b":', '2}'], false)).toEqual({ status: 200, text: 'read {"b":2}' })
  })

  it('refuses a chunked body with 413 as soon as it passes the limit, and a declared one before reading', async () => {
    const port = await startReader(8)
    expect(await post(port, ['12345', '67890'], false)).toEqual({ status: 413, text: 'BODY_TOO_LARGE' })
    expect(await post(port, ['1234567890'], true)).toEqual({ status: 413, text: 'BODY_TOO_LARGE' })
  })

  it('finds the node request only in a node server binding', () => {
    const incoming = new IncomingMessage(new Socket())
    expect(incomingOf({ incoming, outgoing: {} })).toBe(incoming)
    // In process (`app.request`) the binding is missing, or whatever a test passed.
    expect(incomingOf(undefined)).toBeUndefined()
    expect(incomingOf({ incoming: { on() {} } })).toBeUndefined()
  })
})
