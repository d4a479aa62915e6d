import type { NodeResult, RunOutcome } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import type { ContractContext } from './contract-context.ts'

const sending: NodeResult = {
  key: 'post',
  nodeId: 'post',
  status: 'sending',
  ports: [],
  input: { config: { content: '快讯' } },
  attempts: 0,
  startedAt: 5,
  finishedAt: 5,
}
const held: RunOutcome = {
  status: 'needs_attention',
  error: { code: 'SEND_UNCONFIRMED', message: 'node "post" may have sent', nodeId: 'post' },
  finishedAt: 9,
}
const markedSent: NodeResult = { ...sending, status: 'succeeded', ports: ['out'], output: { marked: true } }

export function describeAttention(ctx: ContractContext): void {
  describe('runs that need attention', () => {
    const heldRun = async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access)
      await ctx.store().createRun({ ...run, status: 'running' })
      await ctx.store().recordNode(run.id, sending)
      await ctx.store().finishRun(run.id, held)
      return { access, runId: run.id }
    }

    it('keeps a run held at an unconfirmed send open, naming the node, with the node still sending', async () => {
      const { access, runId } = await heldRun()
      expect(await ctx.store().getRun(access, runId)).toMatchObject({
        status: 'needs_attention',
        finishedAt: null,
        error: { code: 'SEND_UNCONFIRMED', nodeId: 'post' },
      })
      expect(await ctx.store().loadNodeResults(runId)).toEqual([sending])
      expect((await ctx.store().listRunsWithStatus('needs_attention')).map((r) => r.id)).toEqual([runId])
    })

    it('resend forgets the sending row and queues the run; of two concurrent decisions exactly one wins', async () => {
      const { access, runId } = await heldRun()
      const results = await Promise.all([
        ctx.store().settleAttention(runId, { key: 'post', result: null }),
        ctx.store().settleAttention(runId, { key: 'post', result: markedSent }),
      ])
      expect(results).toEqual([true, false])
      expect(await ctx.store().loadNodeResults(runId)).toEqual([])
      expect(await ctx.store().getRun(access, runId)).toMatchObject({ status: 'queued', error: null })
    })

    it('mark sent records the given result and queues the run', async () => {
      const { access, runId } = await heldRun()
      expect(await ctx.store().settleAttention(runId, { key: 'post', result: markedSent })).toBe(true)
      expect(await ctx.store().loadNodeResults(runId)).toEqual([markedSent])
      expect((await ctx.store().getRun(access, runId))?.status).toBe('queued')
    })

    it('fail records the failed node and ends the run failed', async () => {
      const { access, runId } = await heldRun()
      const error = { code: 'SEND_ABANDONED', message: 'failed by a person' }
      const failed: NodeResult = { ...sending, status: 'failed', error }
      const outcome: RunOutcome = { status: 'failed', error: { ...error, nodeId: 'post' }, finishedAt: 20 }
      expect(await ctx.store().settleAttention(runId, { key: 'post', result: failed, outcome })).toBe(true)
      expect(await ctx.store().getRun(access, runId)).toMatchObject({ status: 'failed', finishedAt: 20 })
      expect((await ctx.store().loadNodeResults(runId))[0]?.status).toBe('failed')
    })

    it('changes nothing for a node that is not sending, or a run that does not need attention', async () => {
      const { access, runId } = await heldRun()
      expect(await ctx.store().settleAttention(runId, { key: 'other', result: null })).toBe(false)
      const run = await ctx.run(access)
      await ctx.store().createRun({ ...run, status: 'running' })
      await ctx.store().recordNode(run.id, sending)
      // Executing: the send is in flight, not abandoned; nobody may decide on it.
      expect(await ctx.store().settleAttention(run.id, { key: 'post', result: null })).toBe(false)
      expect(await ctx.store().loadNodeResults(run.id)).toEqual([sending])
      expect((await ctx.store().getRun(access, runId))?.status).toBe('needs_attention')
    })
  })
}
