import { describe, expect, it } from 'vitest'
import { type ContractContext, flowDocument } from './contract-context.ts'

export function describeFlowVersions(ctx: ContractContext): void {
  describe('flow versions', () => {
    it('numbers published versions 1, 2, 3 and marks the newest as published', async () => {
      const { user, access } = await ctx.user()
      const flow = await ctx.store().createFlow(access, { document: flowDocument('draft') })
      const v1 = await ctx.store().publishFlow(access, flow.id)
      expect(v1).toMatchObject({
        flowId: flow.id,
        version: 1,
        publishedBy: user.id,
        document: flowDocument('draft'),
      })
      await ctx.store().publishFlow(access, flow.id)
      const v3 = await ctx.store().publishFlow(access, flow.id)
      expect(v3?.version).toBe(3)
      expect((await ctx.store().getFlow(access, flow.id))?.publishedVersion).toBe(3)
    })

    it('keeps a version exactly as published when the draft changes later', async () => {
      const { access } = await ctx.user()
      const flow = await ctx.store().createFlow(access, { document: flowDocument('first', 1) })
      await ctx.store().publishFlow(access, flow.id)
      await ctx.store().updateFlowDraft(access, flow.id, { document: flowDocument('second', 4) })
      const v1 = await ctx.store().getFlowVersion(access, flow.id, 1)
      expect(v1?.document).toEqual(flowDocument('first', 1))
      const v2 = await ctx.store().publishFlow(access, flow.id)
      expect(v2?.document).toEqual(flowDocument('second', 4))
      expect(await ctx.store().getFlowVersion(access, flow.id, 3)).toBeUndefined()
    })

    it('tells a draft with unpublished changes: publishedRevision equals updatedAt only while the draft is the published one', async () => {
      const { access } = await ctx.user()
      const store = ctx.store()
      const flow = await store.createFlow(access, { document: flowDocument('first', 1) })
      expect(flow.publishedRevision).toBeNull()
      await store.publishFlow(access, flow.id)
      const published = await store.getFlowSummary(access, flow.id)
      expect(published?.publishedRevision).toBe(published?.updatedAt)
      const edited = await store.updateFlowDraft(access, flow.id, { document: flowDocument('second', 2) })
      expect(edited?.publishedRevision).not.toBe(edited?.updatedAt)
      expect((await store.listFlows(access)).items[0]?.publishedRevision).toBe(published?.updatedAt)
      // Back to version 1 while the draft differs: still unpublished changes. A draft restored to it: none.
      const rolledBack = await store.setPublishedVersion(access, flow.id, 1)
      expect(rolledBack?.publishedRevision).toBeNull()
      const restored = await store.updateFlowDraft(access, flow.id, { document: flowDocument('first', 1) })
      const again = await store.setPublishedVersion(access, flow.id, 1)
      expect(again?.publishedRevision).toBe(restored?.updatedAt)
    })

    it('lists versions newest first without their documents', async () => {
      const { access } = await ctx.user()
      const flow = await ctx.store().createFlow(access, { document: flowDocument('f') })
      expect(await ctx.store().listFlowVersions(access, flow.id)).toEqual([])
      await ctx.store().publishFlow(access, flow.id)
      await ctx.store().publishFlow(access, flow.id)
      const versions = await ctx.store().listFlowVersions(access, flow.id)
      expect(versions?.map((v) => v.version)).toEqual([2, 1])
      expect(versions?.[0]).not.toHaveProperty('document')
      expect(await ctx.store().listFlowVersions(access, 'missing')).toBeUndefined()
    })

    it('rolls back to an earlier version, refuses a missing one and unpublishes with null', async () => {
      const { access } = await ctx.user()
      const flow = await ctx.store().createFlow(access, { document: flowDocument('f') })
      await ctx.store().publishFlow(access, flow.id)
      await ctx.store().publishFlow(access, flow.id)
      expect((await ctx.store().setPublishedVersion(access, flow.id, 1))?.publishedVersion).toBe(1)
      expect(await ctx.store().setPublishedVersion(access, flow.id, 7)).toBeUndefined()
      expect((await ctx.store().getFlow(access, flow.id))?.publishedVersion).toBe(1)
      expect((await ctx.store().setPublishedVersion(access, flow.id, null))?.publishedVersion).toBeNull()
      // Rolling back never renumbers: the next publish is still 3.
      expect((await ctx.store().publishFlow(access, flow.id))?.version).toBe(3)
    })

    it('gives concurrent publishes distinct consecutive numbers', async () => {
      const { access } = await ctx.user()
      const flow = await ctx.store().createFlow(access, { document: flowDocument('f') })
      const published = await Promise.all(
        Array.from({ length: 6 }, () => ctx.store().publishFlow(access, flow.id)),
      )
      expect(published.map((v) => v?.version).sort()).toEqual([1, 2, 3, 4, 5, 6])
    })

    it("does not let another user publish, read or roll back a user's flow; the owner role may", async () => {
      const a = await ctx.user()
      const b = await ctx.user()
      const owner = await ctx.user('owner')
      const flow = await ctx.store().createFlow(a.access, { document: flowDocument('f') })
      await ctx.store().publishFlow(a.access, flow.id)
      expect(await ctx.store().publishFlow(b.access, flow.id)).toBeUndefined()
      expect(await ctx.store().getFlowVersion(b.access, flow.id, 1)).toBeUndefined()
      expect(await ctx.store().listFlowVersions(b.access, flow.id)).toBeUndefined()
      expect(await ctx.store().setPublishedVersion(b.access, flow.id, null)).toBeUndefined()
      expect((await ctx.store().getFlow(a.access, flow.id))?.publishedVersion).toBe(1)
      const byOwner = await ctx.store().publishFlow(owner.access, flow.id)
      expect(byOwner).toMatchObject({ version: 2, publishedBy: owner.user.id })
      expect((await ctx.store().getFlowVersion(owner.access, flow.id, 1))?.version).toBe(1)
    })
  })
}
