import type { LookupFunction } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createGuardedFetch, type GuardedFetch } from './create-guarded-fetch.ts'
import { type FakeServer, startFakeServer } from './start-fake-server.ts'

let server: FakeServer
let guardedFetch: GuardedFetch

beforeEach(async () => {
  server = await startFakeServer()
})
afterEach(async () => {
  await guardedFetch?.close()
  await server.close()
})

describe('createGuardedFetch refuses internal destinations', () => {
  it.each([
    (port: number) => `http://127.0.0.1:${port}/`,
    (port: number) => `http://localhost:${port}/`,
    (port: number) => `http://LOCALHOST.:${port}/`,
    (port: number) => `http://[::1]:${port}/`,
    (port: number) => `http://[::ffff:127.0.0.1]:${port}/`,
    (port: number) => `http://[::ffff:7f00:1]:${port}/`,
    (port: number) => `http://[64:ff9b::7f00:1]:${port}/`,
    (port: number) => `http://2130706433:${port}/`,
    (port: number) => `http://0x7f000001:${port}/`,
    (port: number) => `http://0x7f.0.0.1:${port}/`,
    (port: number) => `http://017700000001:${port}/`,
    (port: number) => `http://127.1:${port}/`,
    (port: number) => `http://0.0.0.0:${port}/`,
    () => 'http://169.254.169.254/latest/meta-data/',
    () => 'http://[fd00::1]/',
    () => 'http://10.0.0.1/',
  ])('blocks %s without sending a request', async (toUrl) => {
    guardedFetch = createGuardedFetch()
    const url = toUrl(server.port)
    const error = await guardedFetch(url).catch((err: unknown) => err)
    expect(error).toMatchObject({ code: 'OUTBOUND_BLOCKED', retryable: false })
    expect(server.requests).toHaveLength(0)
  })

  it('names the host and the kind of address in the message, not the address it resolved to', async () => {
    guardedFetch = createGuardedFetch({ lookup: resolveTo('127.0.0.1') })
    const error = await guardedFetch(`http://api.example.com:${server.port}/`).catch((err: unknown) => err)
    expect(error).toMatchObject({ code: 'OUTBOUND_BLOCKED' })
    expect((error as Error).message).toBe(
      'Request to api.example.com blocked: it resolves to a loopback address',
    )
  })

  it('checks the address a public-looking name resolves to at connect time (DNS rebinding)', async () => {
    const asked: string[] = []
    guardedFetch = createGuardedFetch({ lookup: resolveTo('127.0.0.1', asked) })
    const error = await guardedFetch(`http://rebind.example.com:${server.port}/`).catch((err: unknown) => err)
    expect(error).toMatchObject({ code: 'OUTBOUND_BLOCKED' })
    expect(asked).toEqual(['rebind.example.com'])
    expect(server.requests).toHaveLength(0)
  })

  it('refuses schemes other than http and https', async () => {
    guardedFetch = createGuardedFetch()
    await expect(guardedFetch('file:///etc/passwd')).rejects.toMatchObject({ code: 'OUTBOUND_BLOCKED' })
  })

  it('refuses unparseable URLs and URLs carrying credentials as non-retryable', async () => {
    guardedFetch = createGuardedFetch({ allowHosts: [`127.0.0.1:${server.port}`] })
    const invalid = { code: 'OUTBOUND_INVALID_URL', retryable: false }
    await expect(guardedFetch('not a url')).rejects.toMatchObject(invalid)
    await expect(guardedFetch(`http://u:p@127.0.0.1:${server.port}/`)).rejects.toMatchObject(invalid)
    expect(server.requests).toHaveLength(0)
  })
})

describe('createGuardedFetch lets trusted destinations through', () => {
  it('reaches an allow-listed host:port', async () => {
    guardedFetch = createGuardedFetch({ allowHosts: [`127.0.0.1:${server.port}`] })
    const response = await guardedFetch(`${server.origin}/hello`)
    expect(await response.text()).toBe('ok')
    expect(server.requests.map((req) => req.url)).toEqual(['/hello'])
  })

  it('reaches an allow-listed host on any port, and a name that resolves to an allow-listed host', async () => {
    guardedFetch = createGuardedFetch({ allowHosts: ['fake.internal'], lookup: resolveTo('127.0.0.1') })
    const response = await guardedFetch(`http://fake.internal:${server.port}/`)
    expect(response.status).toBe(200)
  })

  it('does not let an allow-listed host:port open other ports of the same host', async () => {
    guardedFetch = createGuardedFetch({ allowHosts: [`127.0.0.1:${server.port + 1}`] })
    await expect(guardedFetch(server.origin)).rejects.toMatchObject({ code: 'OUTBOUND_BLOCKED' })
  })

  it('reaches a trusted model-provider origin', async () => {
    guardedFetch = createGuardedFetch({ trustedOrigins: [`${server.origin}/v1`] })
    const response = await guardedFetch(`${server.origin}/v1/chat/completions`, {
      method: 'POST',
      body: '{}',
    })
    expect(response.status).toBe(200)
  })
})

/** A resolver that answers every name with `address`, the way a rebinding attacker's DNS would. */
function resolveTo(address: string, asked: string[] = []): LookupFunction {
  return (hostname, options, callback) => {
    asked.push(hostname)
    if (options.all) callback(null, [{ address, family: 4 }])
    else callback(null, address, 4)
  }
}
