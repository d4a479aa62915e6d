import { afterEach, describe, expect, it } from 'vitest'
import { createGuardedFetch, type GuardedFetch } from './create-guarded-fetch.ts'
import { type FakeServer, startFakeServer } from './start-fake-server.ts'

const servers: FakeServer[] = []
let guardedFetch: GuardedFetch

async function serve(...args: Parameters<typeof startFakeServer>): Promise<FakeServer> {
  const server = await startFakeServer(...args)
  servers.push(server)
  return server
}

function allow(...list: FakeServer[]): string[] {
  return list.map((s) => `127.0.0.1:${s.port}`)
}

afterEach(async () => {
  await guardedFetch?.close()
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

describe('createGuardedFetch redirects', () => {
  it('re-checks every hop: an allow-listed server cannot redirect to another loopback port', async () => {
    const internal = await serve()
    const open = await serve((_req, res) =>
      res.writeHead(302, { location: `${internal.origin}/admin` }).end(),
    )
    guardedFetch = createGuardedFetch({ allowHosts: allow(open) })
    await expect(guardedFetch(open.origin)).rejects.toMatchObject({ code: 'OUTBOUND_BLOCKED' })
    expect(internal.requests).toHaveLength(0)
  })

  it('drops Authorization when a redirect leaves the origin, and keeps it within the origin', async () => {
    const other = await serve()
    const first = await serve((req, res) => {
      const location = req.url === '/start' ? '/same' : `${other.origin}/elsewhere`
      res.writeHead(307, { location }).end()
    })
    guardedFetch = createGuardedFetch({ allowHosts: allow(first, other) })
    const response = await guardedFetch(`${first.origin}/start`, {
      headers: { authorization: 'Bearer t0ken' },
    })
    expect(response.url).toBe(`${other.origin}/elsewhere`)
    expect(response.redirected).toBe(true)
    expect(first.requests.map((req) => req.headers.authorization)).toEqual(['Bearer t0ken', 'Bearer t0ken'])
    expect(other.requests[0]?.headers.authorization).toBeUndefined()
  })

  it('turns a POST into a GET without a body on 303', async () => {
    const target = await serve()
    const first = await serve((_req, res) => res.writeHead(303, { location: `${target.origin}/done` }).end())
    guardedFetch = createGuardedFetch({ allowHosts: allow(first, target) })
    await guardedFetch(first.origin, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } })
    expect(target.requests[0]).toMatchObject({ method: 'GET', url: '/done' })
    expect(target.requests[0]?.headers['content-type']).toBeUndefined()
  })

  it('gives up after maxRedirects', async () => {
    const loop = await serve((_req, res) => res.writeHead(302, { location: '/again' }).end())
    guardedFetch = createGuardedFetch({ allowHosts: allow(loop), maxRedirects: 2 })
    await expect(guardedFetch(loop.origin)).rejects.toMatchObject({
      code: 'OUTBOUND_REDIRECT',
      retryable: false,
    })
    expect(loop.requests).toHaveLength(3)
  })

  it("returns the redirect itself when the caller asks for redirect: 'manual'", async () => {
    const first = await serve((_req, res) => res.writeHead(302, { location: 'http://10.0.0.1/' }).end())
    guardedFetch = createGuardedFetch({ allowHosts: allow(first) })
    const response = await guardedFetch(first.origin, { redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('http://10.0.0.1/')
  })
})

describe('createGuardedFetch limits', () => {
  it('refuses a body over the cap when the length is declared', async () => {
    const big = await serve((_req, res) => res.end('x'.repeat(2000)))
    guardedFetch = createGuardedFetch({ allowHosts: allow(big), maxResponseBytes: 1000 })
    await expect(guardedFetch(big.origin)).rejects.toMatchObject({
      code: 'RESPONSE_TOO_LARGE',
      retryable: false,
    })
  })

  it('fails reading a streamed body once it passes the cap', async () => {
    const big = await serve((_req, res) => {
      for (let i = 0; i < 20; i++) res.write('y'.repeat(100))
      res.end()
    })
    guardedFetch = createGuardedFetch({ allowHosts: allow(big), maxResponseBytes: 1000 })
    const response = await guardedFetch(big.origin)
    await expect(response.text()).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE' })
  })

  it('passes a body exactly at the cap', async () => {
    const exact = await serve((_req, res) => res.end('z'.repeat(1000)))
    guardedFetch = createGuardedFetch({ allowHosts: allow(exact), maxResponseBytes: 1000 })
    expect(await (await guardedFetch(exact.origin)).text()).toHaveLength(1000)
  })

  it('times out a server that never answers, as a retryable error', async () => {
    const silent = await serve(() => {})
    guardedFetch = createGuardedFetch({ allowHosts: allow(silent), timeoutMs: 150 })
    await expect(guardedFetch(silent.origin)).rejects.toMatchObject({
      code: 'OUTBOUND_TIMEOUT',
      retryable: true,
    })
  })

  it('times out a body that stalls after the headers', async () => {
    const stalling = await serve((_req, res) => res.write('partial'))
    guardedFetch = createGuardedFetch({ allowHosts: allow(stalling), timeoutMs: 150 })
    const response = await guardedFetch(stalling.origin)
    await expect(response.text()).rejects.toMatchObject({ code: 'OUTBOUND_TIMEOUT' })
  })

  it("rejects with the caller's own abort reason when the caller cancels", async () => {
    const silent = await serve(() => {})
    guardedFetch = createGuardedFetch({ allowHosts: allow(silent) })
    const controller = new AbortController()
    const reason = new Error('run cancelled')
    setTimeout(() => controller.abort(reason), 50)
    await expect(guardedFetch(silent.origin, { signal: controller.signal })).rejects.toBe(reason)
  })

  it('reports a refused connection as a retryable network error', async () => {
    const gone = await serve()
    await gone.close()
    guardedFetch = createGuardedFetch({ allowHosts: allow(gone) })
    const error = await guardedFetch(gone.origin).catch((err: unknown) => err)
    expect(error).toMatchObject({ code: 'OUTBOUND_NETWORK', retryable: true })
    expect((error as Error).message).toContain('ECONNREFUSED')
  })
})
