import type { LookupAddress } from 'node:dns'
import type { LookupFunction } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createGuardedLookup } from './create-guarded-lookup.ts'

function answering(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, _options, callback) => callback(null, addresses)
}

function run(lookup: LookupFunction, all: boolean): Promise<{ err: unknown; result: unknown }> {
  return new Promise((resolve) =>
    lookup('api.example.com', { all }, (err, result) => resolve({ err, result })),
  )
}

describe('createGuardedLookup', () => {
  it('passes public addresses through, in the shape the caller asked for', async () => {
    const lookup = createGuardedLookup(answering([{ address: '93.184.215.14', family: 4 }]))
    expect((await run(lookup, true)).result).toEqual([{ address: '93.184.215.14', family: 4 }])
    expect((await run(lookup, false)).result).toBe('93.184.215.14')
  })

  it('drops internal addresses from a mixed answer so the socket can only pick a public one', async () => {
    const lookup = createGuardedLookup(
      answering([
        { address: '127.0.0.1', family: 4 },
        { address: '2606:4700::1', family: 6 },
        { address: 'fd00::1', family: 6 },
      ]),
    )
    expect((await run(lookup, true)).result).toEqual([{ address: '2606:4700::1', family: 6 }])
  })

  it('fails with OUTBOUND_BLOCKED when every address is internal', async () => {
    const lookup = createGuardedLookup(answering([{ address: '169.254.169.254', family: 4 }]))
    const { err } = await run(lookup, false)
    expect(err).toMatchObject({ code: 'OUTBOUND_BLOCKED', retryable: false })
    expect((err as Error).message).not.toContain('169.254')
  })

  it('passes resolver errors through unchanged', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })
    const lookup = createGuardedLookup((_h, _o, callback) => callback(notFound, ''))
    expect((await run(lookup, true)).err).toBe(notFound)
  })
})
