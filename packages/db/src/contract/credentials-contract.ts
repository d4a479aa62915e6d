import { describe, expect, it } from 'vitest'
import type { NewCredential } from '../rows.ts'
import type { ContractContext } from './contract-context.ts'

const openai: NewCredential = {
  name: 'OpenAI',
  type: 'openai',
  ciphertext: 'enc:v1:AAAA',
  keyId: 'k1',
  hint: 'sk-…a1b2',
}

export function describeCredentials(ctx: ContractContext): void {
  describe('credentials', () => {
    it('returns the ciphertext only from getCredential, never from create or list', async () => {
      const { user, access } = await ctx.user()
      const created = await ctx.store().createCredential(access, openai)
      expect(created).toMatchObject({
        ownerId: user.id,
        name: 'OpenAI',
        type: 'openai',
        keyId: 'k1',
        hint: 'sk-…a1b2',
      })
      expect(created).not.toHaveProperty('ciphertext')
      expect(await ctx.store().getCredential(access, created.id)).toEqual({
        ...created,
        ciphertext: 'enc:v1:AAAA',
      })
      const listed = await ctx.store().listCredentials(access)
      expect(listed).toEqual([created])
      expect(JSON.stringify(listed)).not.toContain('enc:v1')
    })

    it('renames without touching the secret, and replaces ciphertext, key and hint together', async () => {
      const { access } = await ctx.user()
      const created = await ctx.store().createCredential(access, openai)
      const renamed = await ctx.store().updateCredential(access, created.id, { name: 'OpenAI prod' })
      expect(renamed).toMatchObject({ name: 'OpenAI prod', hint: 'sk-…a1b2' })
      expect(renamed).not.toHaveProperty('ciphertext')
      const secret = { ciphertext: 'enc:v2:BBBB', keyId: 'k2', hint: 'sk-…c3d4' }
      await ctx.store().updateCredential(access, created.id, { secret })
      expect(await ctx.store().getCredential(access, created.id)).toMatchObject({
        name: 'OpenAI prod',
        ...secret,
      })
      expect(await ctx.store().updateCredential(access, 'missing', { name: 'x' })).toBeUndefined()
    })

    it("does not let another user see, change or delete a user's credential; the owner role may see it", async () => {
      const a = await ctx.user()
      const b = await ctx.user()
      const owner = await ctx.user('owner')
      const created = await ctx.store().createCredential(a.access, openai)
      expect(await ctx.store().getCredential(b.access, created.id)).toBeUndefined()
      expect(await ctx.store().listCredentials(b.access)).toEqual([])
      expect(await ctx.store().updateCredential(b.access, created.id, { name: 'stolen' })).toBeUndefined()
      expect(await ctx.store().deleteCredential(b.access, created.id)).toBe(false)
      expect((await ctx.store().getCredential(a.access, created.id))?.name).toBe('OpenAI')
      expect((await ctx.store().getCredential(owner.access, created.id))?.ciphertext).toBe('enc:v1:AAAA')
      expect(await ctx.store().listCredentials(owner.access)).toHaveLength(1)
    })

    it('keeps an id chosen by the caller, so the secret can be sealed with it before the row exists', async () => {
      const { access } = await ctx.user()
      const id = '0b6e4c1a-6a43-4c1e-9d53-2f0f3c7a9e10'
      const created = await ctx.store().createCredential(access, { ...openai, id })
      expect(created.id).toBe(id)
      expect((await ctx.store().getCredential(access, id))?.ciphertext).toBe('enc:v1:AAAA')
    })

    it('deletes a credential for good', async () => {
      const { access } = await ctx.user()
      const created = await ctx.store().createCredential(access, openai)
      expect(await ctx.store().deleteCredential(access, created.id)).toBe(true)
      expect(await ctx.store().getCredential(access, created.id)).toBeUndefined()
      expect(await ctx.store().deleteCredential(access, created.id)).toBe(false)
    })
  })
}
