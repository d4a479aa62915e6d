import { describe, expect, it } from 'vitest'
import type { ContractContext } from './contract-context.ts'

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
