import { fromBase64, toBase64 } from '../base64.ts'
import { NodeError } from '../errors.ts'
import { hmacSha256, sha256Hex } from './web-crypto.ts'

export interface StandardWebhookHeaders {
  'webhook-id': string
  'webhook-timestamp': string
  'webhook-signature': string
}

const SECRET_PREFIX = 'whsec_'
/** The same floor our own server's verifier sets. */
const MIN_KEY_BYTES = 16

/**
 * The webhook id for one node execution: derived from its idempotency key, so every retry and every resume sends the
 * same id (Standard Webhooks asks for that, and receivers drop a repeat by it), without putting run ids on the wire.
 */
export async function webhookMessageId(idempotencyKey: string): Promise<string> {
  return `msg_${(await sha256Hex(idempotencyKey)).slice(0, 32)}`
}

/**
 * Standard Webhooks v1, as our own webhook trigger verifies it: `v1,` + base64 HMAC-SHA256 of
 * `${id}.${timestamp}.${body}`, keyed with the bytes of a `whsec_<base64>` secret, timestamp in Unix seconds.
 */
export async function signStandardWebhook(input: {
  secret: string
  id: string
  nowMs: number
  body: string
}): Promise<StandardWebhookHeaders> {
  const timestamp = String(Math.floor(input.nowMs / 1000))
  const mac = await hmacSha256(secretKey(input.secret), `${input.id}.${timestamp}.${input.body}`)
  return {
    'webhook-id': input.id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${toBase64(mac)}`,
  }
}

function secretKey(secret: string): Uint8Array {
  const trimmed = secret.trim()
  const key = fromBase64(trimmed.startsWith(SECRET_PREFIX) ? trimmed.slice(SECRET_PREFIX.length) : trimmed)
  if (!key || key.length < MIN_KEY_BYTES) {
    throw new NodeError(
      'CREDENTIAL_INVALID',
      `The webhook signing secret must be "whsec_" followed by at least ${MIN_KEY_BYTES} bytes in base64`,
      { details: { credentialType: 'webhook.signing' } },
    )
  }
  return key
}
