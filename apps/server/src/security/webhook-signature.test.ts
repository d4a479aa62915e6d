import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { generateWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature.ts'

const secret = `whsec_${Buffer.from('a fixed test secret of 32 bytes!').toString('base64')}`
const body = '{"event":"invoice.paid","amount":42}'
const id = 'msg_2Lf5Zx'
const timestamp = 1_760_000_000
const now = timestamp * 1000

// Computed here from the scheme's definition, not through the code under test.
function independentSignature(sec: string, msgId: string, ts: number, payload: string): string {
  const key = Buffer.from(sec.slice('whsec_'.length), 'base64')
  return createHmac('sha256', key).update(`${msgId}.${ts}.${payload}`).digest('base64')
}

describe('signWebhook', () => {
  it('produces the Standard Webhooks headers with a v1 HMAC-SHA256 signature', () => {
    expect(signWebhook({ secret, id, timestamp, body })).toEqual({
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': `v1,${independentSignature(secret, id, timestamp, body)}`,
    })
  })

  it('generates whsec_ secrets holding 32 random bytes', () => {
    const generated = generateWebhookSecret()
    expect(generated).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(Buffer.from(generated.slice(6), 'base64')).toHaveLength(32)
  })
})

describe('verifyWebhook', () => {
  const headers = {
    'Webhook-Id': id,
    'Webhook-Timestamp': String(timestamp),
    'Webhook-Signature': `v1,${independentSignature(secret, id, timestamp, body)}`,
  }

  it('accepts an independently computed signature, from a record or Headers, with the body as text or bytes', () => {
    expect(verifyWebhook({ secret, headers, body, now })).toEqual({ id, timestamp })
    expect(verifyWebhook({ secret, headers: new Headers(headers), body: Buffer.from(body), now }).id).toBe(id)
  })

  it('accepts the header when any one of several signatures matches (secret rotation)', () => {
    const oldSecret = generateWebhookSecret()
    const rotating = {
      ...headers,
      'Webhook-Signature': `v1,${independentSignature(oldSecret, id, timestamp, body)} v1a,xyz ${headers['Webhook-Signature']}`,
    }
    expect(verifyWebhook({ secret, headers: rotating, body, now }).id).toBe(id)
  })

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])('reports a missing %s header', (name) => {
    const partial = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== name))
    expect(() => verifyWebhook({ secret, headers: partial, body, now })).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_MISSING' }),
    )
  })

  it.each([
    ['a changed body', { body: `${body} ` }],
    ['another secret', { secret: generateWebhookSecret() }],
    ['a changed id', { headers: { ...headers, 'Webhook-Id': 'msg_other' } }],
    [
      'a truncated signature',
      { headers: { ...headers, 'Webhook-Signature': headers['Webhook-Signature'].slice(0, 20) } },
    ],
    [
      'an unknown scheme',
      { headers: { ...headers, 'Webhook-Signature': headers['Webhook-Signature'].replace('v1,', 'v2,') } },
    ],
  ])('rejects %s as invalid', (_name, change) => {
    expect(() => verifyWebhook({ secret, headers, body, now, ...change })).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_INVALID' }),
    )
  })

  it('rejects timestamps outside the tolerance in either direction, and accepts the edge', () => {
    const stale = expect.objectContaining({ code: 'SIGNATURE_STALE' })
    expect(() => verifyWebhook({ secret, headers, body, now: now + 301_000 })).toThrow(stale)
    expect(() => verifyWebhook({ secret, headers, body, now: now - 301_000 })).toThrow(stale)
    expect(() => verifyWebhook({ secret, headers, body, now: now + 10_000, toleranceSeconds: 5 })).toThrow(
      stale,
    )
    expect(verifyWebhook({ secret, headers, body, now: now + 300_000 }).id).toBe(id)
  })
})
