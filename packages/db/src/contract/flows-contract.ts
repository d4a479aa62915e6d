import { describe, expect, it } from 'vitest'
import { type ContractContext, flowDocument } from './contract-context.ts'

export function describeFlows(ctx: ContractContext): void {
  describe('flows', () => {
    it('creates a flow named after its document, owned by the caller and unpublished', async () => {
      const { user, access } = await ctx.user()
      const flow = await ctx.store().createFlow(access, { document: flowDocument('Daily digest', 3) })
      expect(flow).toMatchObject({
        ownerId: user.id,
        name: 'Daily digest',
        publishedVersion: null,
        webhookPath: null,
      })
      expect(flow.createdAt).toBe(flow.updatedAt)
      expect(await ctx.store().getFlow(access, flow.id)).toEqual(flow)
    })

    it('saves a new draft, renaming the flow from the document, and leaves the webhook path unless given', async () => {
      const { access } = await ctx.user()
      const flow = await ctx.store().createFlow(access, { document: flowDocument('v1'), webhookPath: 'hook' })
      const saved = await ctx.store().updateFlowDraft(access, flow.id, { document: flowDocument('v2', 2) })
      expect(saved).toMatchObject({ name: 'v2', webhookPath: 'hook', document: flowDocument('v2', 2) })
      expect(saved?.updatedAt).toBeGreaterThanOrEqual(flow.updatedAt)
      const cleared = await ctx.store().updateFlowDraft(access, flow.id, { webhookPath: null })
      expect(cleared).toMatchObject({ name: 'v2', webhookPath: null })
      expect(await ctx.store().updateFlowDraft(access, 'missing', { webhookPath: null })).toBeUndefined()
    })

    it('saves only over the revision the caller read when asked to, and moves the revision on every save', async () => {
      const { access } = await ctx.user()
      const flow = await ctx.store().createFlow(access, { document: flowDocument('v1') })
      const saveOver = (name: string, ifUpdatedAt: number) =>
        ctx.store().updateFlowDraft(access, flow.id, { document: flowDocument(name) }, { ifUpdatedAt })
      const first = await saveOver('tab A', flow.updatedAt)
      expect(first?.updatedAt).toBeGreaterThan(flow.updatedAt)
      // A second tab still holding the first revision is refused, and told which revision is current.
      await expect(saveOver('tab B', flow.updatedAt)).rejects.toMatchObject({
        code: 'STALE',
        details: { updatedAt: first?.updatedAt },
      })
      expect((await ctx.store().getFlow(access, flow.id))?.document).toEqual(flowDocument('tab A'))
      // Publishing, rolling back and unpublishing leave the draft, and so its revision.
      await ctx.store().publishFlow(access, flow.id)
      await ctx.store().setPublishedVersion(access, flow.id, null)
      expect((await ctx.store().getFlow(access, flow.id))?.updatedAt).toBe(first?.updatedAt)
      // Saves in quick succession still get distinct revisions.
      const a = await ctx.store().updateFlowDraft(access, flow.id, { document: flowDocument('a') })
      const b = await ctx.store().updateFlowDraft(access, flow.id, { document: flowDocument('b') })
      expect(b?.updatedAt).toBeGreaterThan(a?.updatedAt ?? Number.POSITIVE_INFINITY)
      // Someone else's flow stays "not found", with or without a revision.
      const other = await ctx.user()
      expect(
        await ctx
          .store()
          .updateFlowDraft(other.access, flow.id, { document: flowDocument('x') }, { ifUpdatedAt: 1 }),
      ).toBeUndefined()
    })

    it("hides a user's flow from every other user but the owner role", async () => {
      const a = await ctx.user()
      const b = await ctx.user()
      const owner = await ctx.user('owner')
      const flow = await ctx.store().createFlow(a.access, { document: flowDocument('private') })
      expect(await ctx.store().getFlow(b.access, flow.id)).toBeUndefined()
      expect(await ctx.store().listFlows(b.access)).toEqual({ items: [], total: 0 })
      expect(
        await ctx.store().updateFlowDraft(b.access, flow.id, { document: flowDocument('x') }),
      ).toBeUndefined()
      expect(await ctx.store().deleteFlow(b.access, flow.id)).toBe(false)
      expect((await ctx.store().getFlow(a.access, flow.id))?.name).toBe('private')
      expect((await ctx.store().getFlow(owner.access, flow.id))?.id).toBe(flow.id)
      expect((await ctx.store().listFlows(owner.access)).total).toBe(1)
      const byOwner = await ctx
        .store()
        .updateFlowDraft(owner.access, flow.id, { document: flowDocument('edited') })
      expect(byOwner?.ownerId).toBe(a.user.id)
    })

    it('keeps webhook paths unique across flows and finds a flow by its path', async () => {
      const a = await ctx.user()
      const b = await ctx.user()
      const flow = await ctx
        .store()
        .createFlow(a.access, { document: flowDocument('a'), webhookPath: 'orders' })
      const taken = ctx.store().createFlow(b.access, { document: flowDocument('b'), webhookPath: 'orders' })
      await expect(taken).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'webhookPath' } })
      const other = await ctx.store().createFlow(b.access, { document: flowDocument('b') })
      const retaken = ctx.store().updateFlowDraft(b.access, other.id, { webhookPath: 'orders' })
      await expect(retaken).rejects.toMatchObject({ code: 'CONFLICT' })
      const { document: _document, ...summary } = flow
      expect(await ctx.store().findFlowByWebhookPath('orders')).toEqual(summary)
      expect(await ctx.store().findFlowByWebhookPath('nope')).toBeUndefined()
    })

    it('reads a flow without its document for its owner and the owner role only', async () => {
      const a = await ctx.user()
      const b = await ctx.user()
      const owner = await ctx.user('owner')
      const flow = await ctx.store().createFlow(a.access, { document: flowDocument('light') })
      const { document: _document, ...summary } = flow
      expect(await ctx.store().getFlowSummary(a.access, flow.id)).toEqual(summary)
      expect(await ctx.store().getFlowSummary(owner.access, flow.id)).toEqual(summary)
      expect(await ctx.store().getFlowSummary(b.access, flow.id)).toBeUndefined()
      expect(await ctx.store().getFlowSummary(a.access, 'missing')).toBeUndefined()
    })

    it('pages flows most recently updated first, without documents, and clamps the page size', async () => {
      const { access } = await ctx.user()
      const ids: string[] = []
      for (let i = 0; i < 5; i++)
        ids.push((await ctx.store().createFlow(access, { document: flowDocument(`f${i}`) })).id)
      // The first flow becomes the most recently updated one.
      await new Promise((resolve) => setTimeout(resolve, 5))
      await ctx.store().updateFlowDraft(access, ids[0] ?? '', { document: flowDocument('f0 edited') })
      const first = await ctx.store().listFlows(access, { limit: 2 })
      const second = await ctx.store().listFlows(access, { limit: 2, offset: 2 })
      const third = await ctx.store().listFlows(access, { limit: 2, offset: 4 })
      expect(first.total).toBe(5)
      expect(first.items[0]?.name).toBe('f0 edited')
      expect(first.items[0]).not.toHaveProperty('document')
      const seen = [...first.items, ...second.items, ...third.items].map((f) => f.id)
      expect(seen.sort()).toEqual([...ids].sort())
      expect((await ctx.store().listFlows(access, { limit: 0 })).items).toHaveLength(1)
      expect((await ctx.store().listFlows(access, { limit: 10_000 })).items).toHaveLength(5)
    })

    it('finds flows by a piece of their name, ignoring case, with % and _ taken literally, paged and counted', async () => {
      const a = await ctx.user()
      const b = await ctx.user()
      const names = ['Weather report', 'weekly WEATHER', '50% off', '500 items', 'a_b', 'axb']
      for (const name of names) await ctx.store().createFlow(a.access, { document: flowDocument(name) })
      await ctx.store().createFlow(b.access, { document: flowDocument('weather of b') })
      const search = async (q: string, page: { limit?: number; offset?: number } = {}) => {
        const found = await ctx.store().listFlows(a.access, { q, ...page })
        return { names: found.items.map((f) => f.name).sort(), total: found.total }
      }
      // Only the caller's own flows match: b's flow of the same name stays hidden.
      expect(await search('wEaThEr')).toEqual({ names: ['Weather report', 'weekly WEATHER'], total: 2 })
      expect(await search('50%')).toEqual({ names: ['50% off'], total: 1 })
      expect(await search('a_b')).toEqual({ names: ['a_b'], total: 1 })
      expect(await search('\\')).toEqual({ names: [], total: 0 })
      expect((await search('')).total).toBe(names.length)
      // The total counts every match, whichever page is read.
      const first = await search('weather', { limit: 1 })
      const second = await search('weather', { limit: 1, offset: 1 })
      expect([first.total, second.total]).toEqual([2, 2])
      expect([...first.names, ...second.names].sort()).toEqual(['Weather report', 'weekly WEATHER'])
    })

    it("finds the owner role a member's flows by the member's name or sign-in too, and no one else", async () => {
      const owner = await ctx.user('owner')
      const student = await ctx.store().createUser({
        email: 'zhang.san@school.cn',
        name: '张三',
        passwordHash: 'hash',
        role: 'student',
      })
      const studentAccess = { userId: student.id, all: false }
      const copy = await ctx.store().createFlow(studentAccess, { document: flowDocument('Lesson 1') })
      await ctx.store().createFlow(owner.access, { document: flowDocument('Lesson 1') })
      const ids = async (access: typeof studentAccess, q: string) =>
        (await ctx.store().listFlows(access, { q })).items.map((f) => f.id)
      expect(await ids(owner.access, '张三')).toEqual([copy.id])
      expect(await ids(owner.access, 'ZHANG.SAN')).toEqual([copy.id])
      expect(await ids(owner.access, 'lesson')).toHaveLength(2)
      // Searching among one's own flows, the name alone counts.
      expect(await ids(studentAccess, '张三')).toEqual([])
    })

    it("deletes a flow with its versions but keeps its runs as the owner's history", async () => {
      const { access } = await ctx.user()
      const flow = await ctx
        .store()
        .createFlow(access, { document: flowDocument('gone'), webhookPath: 'gone' })
      await ctx.store().publishFlow(access, flow.id)
      const run = await ctx.run(access, { flowId: flow.id, flowVersion: 1 })
      expect(await ctx.store().deleteFlow(access, flow.id)).toBe(true)
      expect(await ctx.store().getFlow(access, flow.id)).toBeUndefined()
      expect(await ctx.store().getFlowVersion(access, flow.id, 1)).toBeUndefined()
      expect(await ctx.store().findFlowByWebhookPath('gone')).toBeUndefined()
      expect(await ctx.store().getRun(access, run.id)).toMatchObject({
        id: run.id,
        flowId: null,
        flowVersion: 1,
      })
      // The path is free again.
      await ctx.store().createFlow(access, { document: flowDocument('new'), webhookPath: 'gone' })
    })
  })
}
