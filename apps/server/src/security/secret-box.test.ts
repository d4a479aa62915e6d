import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSecretBox } from './secret-box.ts'

const oldKey = { id: 'old00001', key: randomBytes(32) }
const newKey = { id: 'new00002', key: randomBytes(32) }

describe('createSecretBox', () => {
  it('opens what it sealed, including non-ASCII text', () => {
    const box = createSecretBox([newKey], newKey.id)
    const sealed = box.seal('sk-密钥-🔑')
    expect(box.open(sealed)).toBe('sk-密钥-🔑')
  })

  it('produces a versioned base64url value that names its key and differs every time', () => {
    const box = createSecretBox([newKey], newKey.id)
    const a = box.seal('same')
    expect(a).toMatch(/^v1\.new00002\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/)
    expect(box.seal('same')).not.toBe(a)
    expect(a).not.toContain('same')
  })

  it('opens values sealed with an older key after rotation', () => {
    const sealedBefore = createSecretBox([oldKey], oldKey.id).seal('token')
    const rotated = createSecretBox([oldKey, newKey], newKey.id)
    expect(rotated.open(sealedBefore)).toBe('token')
    expect(rotated.seal('token')).toMatch(/^v1\.new00002\./)
  })

  it('refuses a value sealed with a key it does not hold', () => {
    const sealed = createSecretBox([oldKey], oldKey.id).seal('token')
    expect(() => createSecretBox([newKey], newKey.id).open(sealed)).toThrow(
      expect.objectContaining({ code: 'SECRET_KEY_UNKNOWN' }),
    )
  })

  it.each([
    ['a flipped ciphertext byte', (parts: string[]) => (parts[3] = flip(parts[3]))],
    ['a flipped tag byte', (parts: string[]) => (parts[4] = flip(parts[4]))],
    ['a flipped iv byte', (parts: string[]) => (parts[2] = flip(parts[2]))],
    ['a truncated tag', (parts: string[]) => (parts[4] = (parts[4] ?? '').slice(0, 8))],
    ['a relabelled key id', (parts: string[]) => (parts[1] = oldKey.id)],
    ['an unknown version', (parts: string[]) => (parts[0] = 'v2')],
  ])('refuses a value with %s', (_name, tamper) => {
    const box = createSecretBox([oldKey, { ...newKey, key: oldKey.key }], newKey.id)
    const parts = box.seal('token').split('.')
    tamper(parts)
    expect(() => box.open(parts.join('.'))).toThrow(expect.objectContaining({ code: 'SECRET_INVALID' }))
  })

  it('binds a value to its context so it cannot be moved to another credential', () => {
    const box = createSecretBox([newKey], newKey.id)
    const sealed = box.seal('token', 'cred_1')
    expect(box.open(sealed, 'cred_1')).toBe('token')
    expect(() => box.open(sealed, 'cred_2')).toThrow(expect.objectContaining({ code: 'SECRET_INVALID' }))
  })

  it('refuses keys that are not 32 bytes and an active key it was not given', () => {
    expect(() => createSecretBox([{ id: 'k', key: randomBytes(16) }], 'k')).toThrow(/32 bytes/)
    expect(() => createSecretBox([newKey], 'missing')).toThrow(/not among the keys/)
  })
})

function flip(part = ''): string {
  const bytes = Buffer.from(part, 'base64url')
  bytes[0] = (bytes[0] ?? 0) ^ 1
  return bytes.toString('base64url')
}
