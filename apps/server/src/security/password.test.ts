import { scryptSync } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'

// The suite hashes with a test-only cheaper cost (vitest.config.ts); this file specifies the production one, so it
// imports password.ts with the switch off. (Hoisted above the imports below.)
vi.hoisted(() => {
  delete process.env.ZHILIU_TEST_CHEAP_PASSWORD_HASH
})

import {
  hashPassword,
  MIN_PASSWORD_LENGTH,
  needsRehash,
  passwordProblem,
  verifyPassword,
} from './password.ts'

describe('hashPassword and verifyPassword', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse')
    expect(await verifyPassword('correct horse', stored)).toBe(true)
    expect(await verifyPassword('correct horsf', stored)).toBe(false)
  })

  it('stores a self-describing scrypt hash with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse')
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[\w-]{22}\$[\w-]{43}$/)
    expect(await hashPassword('correct horse')).not.toBe(a)
  })

  it('is standard scrypt, so the hash can be checked by any implementation', async () => {
    const [, , , salt, hash] = (await hashPassword('correct horse')).split('$')
    const expected = scryptSync('correct horse', Buffer.from(salt ?? '', 'base64url'), 32, {
      N: 2 ** 15,
      r: 8,
      p: 3,
      maxmem: 64 * 1024 * 1024,
    })
    expect(expected.toString('base64url')).toBe(hash)
  })

  it('treats full-width and half-width forms of the same password alike (NFKC)', async () => {
    const stored = await hashPassword('Ｐａｓｓｗｏｒｄ１２３')
    expect(await verifyPassword('Password123', stored)).toBe(true)
  })

  it('verifies hashes made with older, weaker parameters and asks for a re-hash', async () => {
    const salt = Buffer.from('0123456789abcdef')
    const old = scryptSync('correct horse', salt, 32, { N: 2 ** 14, r: 8, p: 1 })
    const stored = `$scrypt$ln=14,r=8,p=1$${salt.toString('base64url')}$${old.toString('base64url')}`
    expect(await verifyPassword('correct horse', stored)).toBe(true)
    expect(needsRehash(stored)).toBe(true)
    expect(needsRehash(await hashPassword('correct horse'))).toBe(false)
  })

  it('refuses a malformed or absurd stored hash instead of running with it', async () => {
    await expect(verifyPassword('x', 'plaintext')).rejects.toMatchObject({ code: 'PASSWORD_HASH_INVALID' })
    const huge = `$scrypt$ln=30,r=8,p=1$${'a'.repeat(22)}$${'b'.repeat(43)}`
    await expect(verifyPassword('x', huge)).rejects.toMatchObject({ code: 'PASSWORD_HASH_INVALID' })
  })

  it(`refuses new passwords shorter than ${MIN_PASSWORD_LENGTH} characters`, async () => {
    expect(passwordProblem('1234567')).toMatch(/at least 8/)
    expect(passwordProblem('密码密码密码密码')).toBeUndefined()
    await expect(hashPassword('short')).rejects.toMatchObject({ code: 'PASSWORD_WEAK' })
  })
})

describe("the test suite's cheaper hash", () => {
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.resetModules()
  })

  async function freshHash(env: Record<string, string | undefined>): Promise<string> {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
    vi.resetModules()
    const fresh = await import('./password.ts')
    return fresh.hashPassword('correct horse')
  }

  it("applies only under the test runner, so a leaked variable cannot weaken a server's hashes", async () => {
    expect(await freshHash({ ZHILIU_TEST_CHEAP_PASSWORD_HASH: '1', VITEST: undefined })).toMatch(
      /^\$scrypt\$ln=15,r=8,p=3\$/,
    )
    const cheap = await freshHash({ ZHILIU_TEST_CHEAP_PASSWORD_HASH: '1', VITEST: 'true' })
    expect(cheap).toMatch(/^\$scrypt\$ln=11,r=8,p=3\$/)
    // Hashed like any other: it verifies, and is not flagged for a re-hash by the server that made it.
    const { needsRehash: rehashCheap, verifyPassword: verifyCheap } = await import('./password.ts')
    expect(await verifyCheap('correct horse', cheap)).toBe(true)
    expect(rehashCheap(cheap)).toBe(false)
  })
})
