import { createHash, randomBytes } from 'node:crypto'

/** Every kind of opaque token; the prefix makes a leaked one easy to find with a secret scanner or grep. */
export const TOKEN_PREFIXES = ['zl_pat', 'zl_sess'] as const
export type TokenPrefix = (typeof TOKEN_PREFIXES)[number]

/** `<prefix>_<43 base64url characters>`: 32 random bytes, e.g. `zl_pat_3q2-…`. Show once, store only `hashToken`. */
export function createOpaqueToken(prefix: TokenPrefix): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`
}

/**
 * What is stored and looked up. A fast hash is enough here, unlike passwords: the token has 256 random bits, so
 * there is nothing to guess from a leaked hash.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** The kind of a well-formed token, or undefined, so garbage is refused before any lookup. */
export function tokenPrefix(token: string): TokenPrefix | undefined {
  return TOKEN_PREFIXES.find((prefix) => new RegExp(`^${prefix}_[A-Za-z0-9_-]{43}$`).test(token))
}
