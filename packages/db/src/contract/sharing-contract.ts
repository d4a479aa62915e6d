import { describe, expect, it } from 'vitest'
import { type ContractContext, flowDocument } from './contract-context.ts'

export function describeSharing(ctx: ContractContext): void {
  describe('class accounts', () => {
    it('creates a batch of users, listed in its order, with names, or none of them when one email is taken', async () => {
      const store = ctx.store()
      const made = await store.createUsers([
        { email: 'stu1', name: '张三', passwordHash: 'h1', role: 'student' },
        { email: 'Li@Example.com', name: 'Li Lei', passwordHash: 'h2', role: 'student' },
      ])
      expect(made.map((u) => [u.email, u.name, u.role])).toEqual([
        ['stu1', '张三', 'student'],
        ['li@example.com', 'Li Lei', 'student'],
      ])
      expect(made[0]).not.toHaveProperty('passwordHash')
      const again = store.createUsers([
        { email: 'stu2', name: '李四', passwordHash: 'h3', role: 'student' },
        { email: 'LI@example.com', name: 'Li again', passwordHash: 'h4', role: 'student' },
      ])
      await expect(again).rejects.toMatchObject({ code: 'CONFLICT' })
      expect((await store.listUsers()).map((u) => u.email)).toEqual(['stu1', 'li@example.com'])
    })
  })

  describe('share links and copies', () => {
    it("saves one link per flow for the flow's owner only, finds it by token until it expires or is revoked", async () => {
      const store = ctx.store()
      const a = await ctx.user('editor')
      const b = await ctx.user('editor')
      const flow = await store.createFlow(a.access, { document: flowDocument('课') })
      const share = { flowId: flow.id, token: 'tok-1', createdAt: 1_000, expiresAt: 5_000 }
      expect(await store.saveFlowShare(b.access, share)).toBeUndefined()
      expect(await store.saveFlowShare(a.access, share)).toEqual(share)
      expect(await store.getFlowShare(b.access, flow.id)).toBeUndefined()
      expect(await store.getFlowShare(a.access, flow.id)).toEqual(share)

      const found = await store.findSharedFlow('tok-1', 4_999)
      expect(found?.share).toEqual(share)
      expect(found?.flow.document.name).toBe('课')
      expect(await store.findSharedFlow('tok-1', 5_000)).toBeUndefined()
      expect(await store.findSharedFlow('tok-2', 0)).toBeUndefined()

      // Saving again replaces the flow's one link.
      await store.saveFlowShare(a.access, { ...share, token: 'tok-2', expiresAt: null })
      expect(await store.findSharedFlow('tok-1', 0)).toBeUndefined()
      expect((await store.findSharedFlow('tok-2', 9e12))?.flow.id).toBe(flow.id)

      expect(await store.deleteFlowShare(b.access, flow.id)).toBe(false)
      expect(await store.deleteFlowShare(a.access, flow.id)).toBe(true)
      expect(await store.findSharedFlow('tok-2', 0)).toBeUndefined()
      expect(await store.deleteFlowShare(a.access, flow.id)).toBe(false)
    })

    it('deleting a flow ends its link; copies are listed by their source and outlive it', async () => {
      const store = ctx.store()
      const teacher = await ctx.user('owner')
      const student = await ctx.user('student')
      const lesson = await store.createFlow(teacher.access, { document: flowDocument('课') })
      await store.saveFlowShare(teacher.access, {
        flowId: lesson.id,
        token: 't',
        createdAt: 1,
        expiresAt: null,
      })
      const copy = await store.createFlow(student.access, { document: flowDocument('课') })
      await store.recordFlowCopy({
        flowId: copy.id,
        sourceFlowId: lesson.id,
        userId: student.user.id,
        createdAt: 2,
      })
      expect(await store.listFlowCopies(lesson.id)).toEqual([
        { flowId: copy.id, sourceFlowId: lesson.id, userId: student.user.id, createdAt: 2 },
      ])
      expect(await store.deleteFlow(teacher.access, lesson.id)).toBe(true)
      expect(await store.findSharedFlow('t', 0)).toBeUndefined()
      expect(await store.listFlowCopies(lesson.id)).toHaveLength(1)
      await store.deleteFlow(student.access, copy.id)
      expect(await store.listFlowCopies(lesson.id)).toEqual([])
    })
  })
}
