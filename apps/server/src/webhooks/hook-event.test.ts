import { createServer, request as httpRequest, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { hookEvent } from './hook-event.ts'

/** Sends one request over loopback and hands back what node:http received, as the node server gets it. */
async function received(headers: Record<string, string | string[]>): Promise<IncomingMessage> {
  const server = createServer()
  const incoming = new Promise<IncomingMessage>((resolve) =>
    server.once('request', (req, res) => {
      resolve(req)
      res.end()
    }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const req = httpRequest({ port, host: '127.0.0.1', method: 'POST', path: '/hooks/f' })
  for (const [name, value] of Object.entries(headers)) req.setHeader(name, value)
  req.end('{}')
  try {
    return await incoming
  } finally {
    server.close()
  }
}

/** The fetch Request @hono/node-server would build from it: Headers from the same raw list. */
function asFetchRequest(incoming: IncomingMessage): Request {
  const pairs: [string, string][] = []
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
    pairs.push([incoming.rawHeaders[i] as string, incoming.rawHeaders[i + 1] as string])
  }
  return new Request('http://127.0.0.1/hooks/f', { method: 'POST', headers: pairs, body: '{}' })
}

describe('hookEvent', () => {
  it('reads the raw headers of a node:http request as fetch Headers reads them, leaving out credentials', async () => {
    const incoming = await received({
      'X-Mixed-Case': 'Value',
      'x-repeated': ['one', 'two'],
      constructor: 'not a prototype',
      Cookie: 'session=1',
      authorization: 'Bearer t',
      'webhook-signature': 'v1,abc',
      'content-type': 'application/json',
    })
    const request = asFetchRequest(incoming)
    const fromRaw = hookEvent(request, new URLSearchParams(), {}, 0, incoming)
    const fromFetch = hookEvent(request, new URLSearchParams(), {}, 0)
    expect(fromRaw).toEqual(fromFetch)
    expect(fromRaw.headers).toMatchObject({
      'x-mixed-case': 'Value',
      'x-repeated': 'one, two',
      constructor: 'not a prototype',
      'content-type': 'application/json',
    })
    expect(Object.keys(fromRaw.headers ?? {})).not.toContain('cookie')
    expect(Object.keys(fromRaw.headers ?? {})).not.toContain('authorization')
    expect(Object.keys(fromRaw.headers ?? {})).not.toContain('webhook-signature')
  })

  it('keeps at most 100 headers, and the first value of a repeated query parameter', async () => {
    const many = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`x-h${i}`, String(i)]))
    const incoming = await received(many)
    const event = hookEvent(asFetchRequest(incoming), new URLSearchParams('a=1&a=2&b=3'), {}, 0, incoming)
    expect(Object.keys(event.headers ?? {})).toHaveLength(100)
    expect(event.query).toEqual({ a: '1', b: '3' })
  })
})
