import { describe, expect, it } from 'vitest'
import { type ContractContext, flowDocument } from './contract-context.ts'

export function describeUsers(ctx: ContractContext): void {
  describe('users', () => {
    it('counts users, starting from zero', async () => {
      expect(await ctx.store().countUsers()).toBe(0)
      await ctx.user('owner')
      await ctx.user()
      expect(await ctx.store().countUsers()).toBe(2)
    })

    it('creates the first user only while there is none, one winner among concurrent calls', async () => {
      const attempt = (i: number) =>
        ctx.store().createFirstUser({ email: `Owner${i}@Example.com`, passwordHash: `h${i}`, role: 'owner' })
      const results = await Promise.all([1, 2, 3, 4].map(attempt))
      const created = results.filter((u) => u !== undefined)
      expect(created).toHaveLength(1)
      expect(created[0]).not.toHaveProperty('passwordHash')
      expect(await ctx.store().listUsers()).toEqual(created)
      expect(await attempt(5)).toBeUndefined()
    })

    it('stores the email lowercased and finds it whatever the case, with the password hash for sign-in', async () => {
      const { user } = await ctx.user()
      expect(user.email).toBe(user.email.toLowerCase())
      const found = await ctx.store().findUserByEmail(user.email.toUpperCase())
      expect(found?.id).toBe(user.id)
      expect(found?.passwordHash).toMatch(/^hash-/)
      expect(await ctx.store().findUserByEmail('nobody@example.com')).toBeUndefined()
    })

    it('never returns the password hash from getUser or listUsers', async () => {
      const { user } = await ctx.user('viewer')
      const got = await ctx.store().getUser(user.id)
      expect(got).toEqual(user)
      expect(got).not.toHaveProperty('passwordHash')
      const listed = await ctx.store().listUsers()
      expect(listed).toEqual([user])
      expect(await ctx.store().getUser('missing')).toBeUndefined()
    })

    it('rejects an email that is taken, in any case, as a CONFLICT on the email field', async () => {
      await ctx.store().createUser({ email: 'li@example.com', passwordHash: 'h', role: 'editor' })
      const again = ctx.store().createUser({ email: 'LI@example.com', passwordHash: 'h', role: 'viewer' })
      await expect(again).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'email' } })
      expect(await ctx.store().countUsers()).toBe(1)
    })
  })

  describe('changing and deleting users', () => {
    it('changes the role and keeps sessions; a new password or disabling ends every session of that user', async () => {
      const { user } = await ctx.user('editor')
      const { user: other } = await ctx.user('editor')
      const expiresAt = Date.now() + 60_000
      const live = async (id: string) => (await ctx.store().findSession(id, Date.now())) !== undefined
      await ctx.store().createSession({ id: 'a', userId: user.id, expiresAt })
      await ctx.store().createSession({ id: 'b', userId: other.id, expiresAt })

      expect(await ctx.store().updateUser(user.id, { role: 'viewer' })).toEqual({ ...user, role: 'viewer' })
      expect(await live('a')).toBe(true)

      await ctx.store().updateUser(user.id, { passwordHash: 'new-hash' })
      expect(await live('a')).toBe(false)
      expect((await ctx.store().findUserByEmail(user.email))?.passwordHash).toBe('new-hash')
      expect(await live('b')).toBe(true)

      await ctx.store().createSession({ id: 'c', userId: user.id, expiresAt })
      const disabled = await ctx.store().updateUser(user.id, { disabledAt: 1234 })
      expect(disabled).toMatchObject({ disabledAt: 1234 })
      expect(disabled).not.toHaveProperty('passwordHash')
      expect(await live('c')).toBe(false)
      expect(await ctx.store().updateUser(user.id, { disabledAt: null })).toMatchObject({ disabledAt: null })
      expect(await ctx.store().updateUser('missing', { role: 'owner' })).toBeUndefined()
    })

    it('deletes a user with their sessions and tokens and hands their flows and credentials to the heir', async () => {
      const { user: heir } = await ctx.user('owner')
      const { user, access } = await ctx.user('editor')
      const flow = await ctx.store().createFlow(access, { document: flowDocument('他的流程') })
      const secret = { name: 'K', type: 'openai', ciphertext: 'c', keyId: 'k1', hint: 'sk-…' }
      await ctx.store().createCredential(access, secret)
      await ctx.store().createSession({ id: 's', userId: user.id, expiresAt: Date.now() + 60_000 })
      await ctx.store().createToken(access, { name: 't', tokenHash: 'token-hash' })

      expect(await ctx.store().deleteUser(user.id, heir.id)).toBe(true)
      expect(await ctx.store().getUser(user.id)).toBeUndefined()
      expect(await ctx.store().findSession('s', Date.now())).toBeUndefined()
      expect(await ctx.store().findTokenByHash('token-hash', Date.now())).toBeUndefined()
      const mine = { userId: heir.id, all: false }
      expect((await ctx.store().getFlow(mine, flow.id))?.ownerId).toBe(heir.id)
      expect((await ctx.store().listCredentials(mine)).map((c) => c.name)).toEqual(['K'])
      expect(await ctx.store().deleteUser(user.id, heir.id)).toBe(false)
    })
  })

  describe('sessions', () => {
    it('finds a session with its user until it expires, then no longer', async () => {
      const { user } = await ctx.user()
      const expiresAt = Date.now() + 60_000
      await ctx.store().createSession({ id: 'sha-of-token', userId: user.id, expiresAt })
      const hit = await ctx.store().findSession('sha-of-token', expiresAt - 1)
      expect(hit?.user).toEqual(user)
      expect(hit?.session).toMatchObject({ id: 'sha-of-token', userId: user.id, expiresAt })
      expect(await ctx.store().findSession('sha-of-token', expiresAt)).toBeUndefined()
      expect(await ctx.store().findSession('other', expiresAt - 1)).toBeUndefined()
    })

    it('forgets a deleted session', async () => {
      const { user } = await ctx.user()
      const expiresAt = Date.now() + 60_000
      await ctx.store().createSession({ id: 's1', userId: user.id, expiresAt })
      await ctx.store().deleteSession('s1')
      expect(await ctx.store().findSession('s1', Date.now())).toBeUndefined()
    })
  })
}
