import { createHash } from 'node:crypto'

/**
 * The Message-ID for one publish step: derived from its idempotency key, so a send that is repeated after all (an
 * operator re-sending by hand, a relay retrying) carries the same id and mail clients show one message. The key is
 * hashed: run ids do not belong in recipients' headers. The sender's domain makes it globally unique (RFC 5322).
 */
export function mailMessageId(key: string, from: string): string {
  const domain = /@([^\s@<>]+)>?\s*$/.exec(from)?.[1] ?? 'zhiliu.invalid'
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`
}
