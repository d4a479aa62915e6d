import { createHash } from 'node:crypto'

/**
 * What an Idempotency-Key promises to repeat: the body bytes and the query string, the two parts of a call that
 * become the run's input. Headers are left out on purpose: a retry rightly sends a new signature, timestamp or
 * trace id. The flow is not hashed either, since keys are already scoped per flow (by id or custom path alike).
 */
export function hookRequestHash(body: Uint8Array, url: string): string {
  const queryAt = url.indexOf('?')
  const query = queryAt === -1 ? '' : url.slice(queryAt + 1)
  // Length-prefixed, so no query and body can be cut differently into the same bytes.
  const hash = createHash('sha256')
    .update(`${Buffer.byteLength(query)}:${query}`)
    .update(body)
  return `sha256:${hash.digest('hex')}`
}
