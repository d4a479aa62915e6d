import type { NodeResult } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { type ContractContext, flowDocument } from './contract-context.ts'

const waiting = (key: string, at = 5): NodeResult => ({
  key,
  nodeId: key,
  status: 'waiting',
  ports: [],
  output: { title: `review ${key}` },
  attempts: 1,
  startedAt: at,
  finishedAt: at,
})
const decided = (key: string): NodeResult => ({ ...waiting(key), status: 'succeeded', ports: ['approved'] })

export function describeApprovals(ctx: ContractContext): void {
  describe('approvals', () => {
    it('keeps a waiting run open and lists its waiting nodes to the run owner only', async () => {
      const a = await ctx.user()
      const b = await ctx.user()
      const flow = await ctx.store().createFlow(a.access, { document: flowDocument('早间稿') })
      const run = await ctx.run(a.access, { flowId: flow.id })
      await ctx.store().createRun({ ...run, status: 'running' })
      await ctx.store().recordNode(run.id, waiting('ask'))
      await ctx.store().finishRun(run.id, { status: 'waiting', finishedAt: 99 })

      expect(await ctx.store().getRun(a.access, run.id)).toMatchObject({
        status: 'waiting',
        finishedAt: null,
      })
      expect(await ctx.store().listWaitingNodes(a.access)).toEqual([
        {
          runId: run.id,
          flowId: flow.id,
          flowName: '早间稿',
          ownerId: a.user.id,
          key: 'ask',
          nodeId: 'ask',
          output: { title: 'review ask' },
          since: 5,
        },
      ])
      expect(await ctx.store().listWaitingNodes(b.access)).toEqual([])
      expect((await ctx.store().listRunsWithStatus('waiting')).map((r) => r.id)).toEqual([run.id])
    })

    it('lets exactly one of two decisions win, and moves the waiting run to queued for the winner to resume', async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access)
      await ctx.store().recordNode(run.id, waiting('ask'))
      await ctx.store().finishRun(run.id, { status: 'waiting', finishedAt: 9 })
      const results = await Promise.all([
        ctx.store().decideWaitingNode(run.id, decided('ask')),
        ctx.store().decideWaitingNode(run.id, { ...decided('ask'), ports: ['rejected'] }),
      ])
      expect(results).toEqual([{ decided: true, resume: true }, { decided: false }])
      expect((await ctx.store().loadNodeResults(run.id))[0]?.ports).toEqual(['approved'])
      expect((await ctx.store().getRun(access, run.id))?.status).toBe('queued')
      expect(await ctx.store().listWaitingNodes(access)).toEqual([])
      expect(await ctx.store().decideWaitingNode(run.id, decided('missing'))).toEqual({ decided: false })
    })

    it('voids the waits of a run that ended (cancelled): not listed, not decidable', async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access)
      await ctx.store().recordNode(run.id, waiting('ask'))
      await ctx.store().finishRun(run.id, { status: 'cancelled', finishedAt: 9 })
      expect(await ctx.store().listWaitingNodes(access)).toEqual([])
      expect(await ctx.store().decideWaitingNode(run.id, decided('ask'))).toEqual({ decided: false })
    })

    it('hands a decision made while the run executes to the end of that execution: it ends queued, not waiting', async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access)
      await ctx.store().createRun({ ...run, status: 'running' })
      await ctx.store().recordNode(run.id, waiting('one'))
      await ctx.store().recordNode(run.id, waiting('two'))
      expect(await ctx.store().decideWaitingNode(run.id, decided('one'))).toEqual({
        decided: true,
        resume: false,
      })
      await ctx.store().finishRun(run.id, { status: 'waiting', finishedAt: 9 })
      expect((await ctx.store().getRun(access, run.id))?.status).toBe('waiting')
      await ctx.store().createRun({ ...run, status: 'running' })
      expect(await ctx.store().decideWaitingNode(run.id, decided('two'))).toEqual({
        decided: true,
        resume: false,
      })
      await ctx.store().finishRun(run.id, { status: 'waiting', finishedAt: 9 })
      expect((await ctx.store().getRun(access, run.id))?.status).toBe('queued')
    })
  })
}
