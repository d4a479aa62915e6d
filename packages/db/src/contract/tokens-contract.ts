import { describe, expect, it } from 'vitest'
import type { ContractContext } from './contract-context.ts'

export function describeTokens(ctx: ContractContext): void {
  describe('API tokens', () => {
    it('never returns the token hash and finds the token and its user by hash, touching lastUsedAt', async () => {
      const { user, access } = await ctx.user()
      const token = await ctx.store().createToken(access, { name: 'ci', tokenHash: 'h1' })
      expect(token).toMatchObject({ userId: user.id, name: 'ci', lastUsedAt: null })
      expect(token).not.toHaveProperty('tokenHash')
      const hit = await ctx.store().findTokenByHash('h1', 5_000)
      expect(hit).toEqual({ token: { ...token, lastUsedAt: 5_000 }, user })
      expect(await ctx.store().findTokenByHash('h2', 5_000)).toBeUndefined()
      expect((await ctx.store().listTokens(access))[0]).toEqual({ ...token, lastUsedAt: 5_000 })
    })

    it("lists only the caller's tokens, and every token for the owner role", async () => {
      const a = await ctx.user()
      const b = await ctx.user()
      const owner = await ctx.user('owner')
      const ta = await ctx.store().createToken(a.access, { name: 'a', tokenHash: 'ha' })
      const tb = await ctx.store().createToken(b.access, { name: 'b', tokenHash: 'hb' })
      expect((await ctx.store().listTokens(a.access)).map((t) => t.id)).toEqual([ta.id])
      expect((await ctx.store().listTokens(b.access)).map((t) => t.id)).toEqual([tb.id])
      expect((await ctx.store().listTokens(owner.access)).map((t) => t.id).sort()).toEqual(
        [ta.id, tb.id].sort(),
      )
    })

    it("does not let one user delete another's token, and deleting revokes it", async () => {
      const a = await ctx.user()
      const b = await ctx.user()
      const token = await ctx.store().createToken(a.access, { name: 'a', tokenHash: 'ha' })
      expect(await ctx.store().deleteToken(b.access, token.id)).toBe(false)
      expect(await ctx.store().findTokenByHash('ha', 1)).toBeDefined()
      expect(await ctx.store().deleteToken(a.access, token.id)).toBe(true)
      expect(await ctx.store().findTokenByHash('ha', 2)).toBeUndefined()
      expect(await ctx.store().deleteToken(a.access, token.id)).toBe(false)
    })
  })
}
