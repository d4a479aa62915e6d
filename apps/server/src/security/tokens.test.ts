import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createOpaqueToken, hashToken, tokenPrefix } from './tokens.ts'

describe('opaque tokens', () => {
  it('carry their greppable prefix and 32 random bytes', () => {
    const token = createOpaqueToken('zl_pat')
    expect(token).toMatch(/^zl_pat_[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(token.slice('zl_pat_'.length), 'base64url')).toHaveLength(32)
    expect(createOpaqueToken('zl_pat')).not.toBe(token)
  })

  it('are stored as their sha256 hex digest', () => {
    const token = createOpaqueToken('zl_sess')
    expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'))
    expect(hashToken(token)).not.toContain(token.slice(8))
  })

  it('are recognised by kind, and garbage is not', () => {
    expect(tokenPrefix(createOpaqueToken('zl_sess'))).toBe('zl_sess')
    expect(tokenPrefix(createOpaqueToken('zl_pat'))).toBe('zl_pat')
    expect(tokenPrefix('zl_pat_short')).toBeUndefined()
    expect(tokenPrefix(`Bearer ${createOpaqueToken('zl_pat')}`)).toBeUndefined()
  })
})
