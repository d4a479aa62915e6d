import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { ZhiliuError } from '@zhiliu/nodes'

export type WebhookSignatureCode = 'SIGNATURE_MISSING' | 'SIGNATURE_INVALID' | 'SIGNATURE_STALE'

export class WebhookSignatureError extends ZhiliuError {
  declare readonly code: WebhookSignatureCode
  constructor(code: WebhookSignatureCode, message: string) {
    super(code, message)
  }
}

export interface WebhookHeaders {
  'webhook-id': string
  'webhook-timestamp': string
  'webhook-signature': string
}

/** Anything the headers can arrive as: a fetch `Headers` or a plain record (Hono's `c.req.header()`, node's). */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>

export const DEFAULT_TOLERANCE_SECONDS = 300
const SECRET_PREFIX = 'whsec_'

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`
}

/** Signs `${id}.${timestamp}.${body}` with HMAC-SHA256 (Standard Webhooks v1). `timestamp` is in Unix seconds. */
export function signWebhook(input: {
  secret: string
  id: string
  timestamp: number
  body: string | Uint8Array
}): WebhookHeaders {
  const timestamp = String(Math.floor(input.timestamp))
  const signature = hmac(input.secret, input.id, timestamp, input.body).toString('base64')
  return { 'webhook-id': input.id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` }
}

/**
 * Checks a Standard Webhooks signature over the raw body. `now` is in milliseconds (like `Date.now()`); a timestamp
 * more than `toleranceSeconds` away in either direction is stale. Any one matching `v1` signature in the header is
 * enough, so a sender can sign with an old and a new secret while rotating. Returns the webhook id for replay checks.
 */
export function verifyWebhook(input: {
  secret: string
  headers: HeaderSource
  body: string | Uint8Array
  now: number
  toleranceSeconds?: number
}): { id: string; timestamp: number } {
  const id = header(input.headers, 'webhook-id')
  const timestampText = header(input.headers, 'webhook-timestamp')
  const signatures = header(input.headers, 'webhook-signature')
  if (!id || !timestampText || !signatures) {
    throw new WebhookSignatureError(
      'SIGNATURE_MISSING',
      'The webhook-id, -timestamp and -signature headers are required',
    )
  }
  if (!/^\d{1,12}$/.test(timestampText)) {
    throw new WebhookSignatureError('SIGNATURE_INVALID', 'The webhook-timestamp header is not Unix seconds')
  }
  const timestamp = Number(timestampText)
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS
  if (Math.abs(input.now / 1000 - timestamp) > tolerance) {
    throw new WebhookSignatureError(
      'SIGNATURE_STALE',
      `The webhook timestamp is more than ${tolerance} s from now`,
    )
  }
  const expected = hmac(input.secret, id, timestampText, input.body)
  const matches = signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2)
    if (version !== 'v1' || !value) return false
    const given = Buffer.from(value, 'base64')
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
  if (!matches) throw new WebhookSignatureError('SIGNATURE_INVALID', 'No webhook signature matches')
  return { id, timestamp }
}

function hmac(secret: string, id: string, timestamp: string, body: string | Uint8Array): Buffer {
  return createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.`).update(body).digest()
}

function secretKey(secret: string): Buffer {
  const key = Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  )
  if (key.length < 16)
    throw new Error('A webhook secret must hold at least 16 bytes of base64 after "whsec_"')
  return key
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name)
  const value = key === undefined ? undefined : headers[key]
  return Array.isArray(value) ? value.join(' ') : value
}
