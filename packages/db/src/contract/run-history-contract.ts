import { describe, expect, it } from 'vitest'
import { type ContractContext, flowDocument } from './contract-context.ts'

const result = (key: string) => ({
  key,
  nodeId: key,
  status: 'succeeded' as const,
  ports: ['out'],
  output: { key },
  attempts: 1,
  startedAt: 1,
  finishedAt: 2,
})

export function describeRunHistory(ctx: ContractContext): void {
  describe('run history setting', () => {
    const flowRun = async (history: 'all' | 'failed' | 'none' | undefined) => {
      const { access } = await ctx.user()
      const flow = await ctx.store().createFlow(access, { document: flowDocument('kept?') })
      const run = await ctx.run(access, { flowId: flow.id, trigger: 'webhook', history })
      await ctx.store().createRun({ ...run, status: 'running' })
      await ctx.store().recordNode(run.id, result('n0'))
      return { access, flowId: flow.id, run }
    }

    it('keeps every run by default and with `all`', async () => {
      for (const history of [undefined, 'all'] as const) {
        const { access, flowId, run } = await flowRun(history)
        await ctx.store().finishRun(run.id, { status: 'succeeded', output: 1, finishedAt: 9 })
        expect(await ctx.store().getRun(access, run.id)).toMatchObject({ status: 'succeeded' })
        expect(await ctx.store().countRunsNotKept(access, flowId)).toBe(0)
      }
    })

    it('with `failed`, drops a succeeded run and its node results and counts it; keeps a failed or cancelled one', async () => {
      const { access, flowId, run } = await flowRun('failed')
      await ctx.store().finishRun(run.id, { status: 'succeeded', output: 1, finishedAt: 9 })
      expect(await ctx.store().getRun(access, run.id)).toBeUndefined()
      expect(await ctx.store().loadNodeResults(run.id)).toEqual([])
      expect(await ctx.store().countRunsNotKept(access, flowId)).toBe(1)
      const failed = await ctx.run(access, { flowId, trigger: 'webhook', history: 'failed' })
      const error = { code: 'HTTP_500', message: 'upstream failed' }
      await ctx.store().finishRun(failed.id, { status: 'failed', error, finishedAt: 9 })
      const cancelled = await ctx.run(access, { flowId, trigger: 'webhook', history: 'failed' })
      await ctx.store().finishRun(cancelled.id, { status: 'cancelled', error, finishedAt: 9 })
      expect(await ctx.store().getRun(access, failed.id)).toMatchObject({ status: 'failed', error })
      expect(await ctx.store().getRun(access, cancelled.id)).toMatchObject({ status: 'cancelled' })
      expect(await ctx.store().countRunsNotKept(access, flowId)).toBe(1)
    })

    it('with `none`, drops every ended run; counts are per flow and scoped like the flows', async () => {
      const { access, flowId, run } = await flowRun('none')
      await ctx.store().finishRun(run.id, { status: 'failed', finishedAt: 9 })
      const second = await ctx.run(access, { flowId, trigger: 'webhook', history: 'none' })
      await ctx.store().finishRun(second.id, { status: 'succeeded', finishedAt: 9 })
      expect(await ctx.store().getRun(access, run.id)).toBeUndefined()
      expect(await ctx.store().countRunsNotKept(access, flowId)).toBe(2)
      const other = await flowRun('none')
      await ctx.store().finishRun(other.run.id, { status: 'succeeded', finishedAt: 9 })
      expect(await ctx.store().countRunsNotKept(access)).toBe(2)
      expect(await ctx.store().countRunsNotKept(other.access, flowId)).toBe(0)
      const { access: owner } = await ctx.user('owner')
      expect(await ctx.store().countRunsNotKept(owner)).toBe(3)
    })

    it('keeps a run that waited for an approval, whatever the setting', async () => {
      const { access, flowId, run } = await flowRun('none')
      await ctx.store().recordNode(run.id, { ...result('approve'), status: 'waiting', ports: [] })
      await ctx.store().finishRun(run.id, { status: 'waiting', finishedAt: 5 })
      await ctx.store().recordNode(run.id, result('approve'))
      await ctx.store().createRun({ ...run, status: 'running' })
      await ctx.store().finishRun(run.id, { status: 'succeeded', output: 1, finishedAt: 9 })
      expect(await ctx.store().getRun(access, run.id)).toMatchObject({ status: 'succeeded' })
      expect(await ctx.store().countRunsNotKept(access, flowId)).toBe(0)
    })

    it('keeps the idempotency claim of a run that was not kept', async () => {
      const { flowId, run } = await flowRun('none')
      const claim = (runId: string) =>
        ctx.store().claimDelivery({ flowId, idempotencyKey: 'k1', requestHash: 'h', runId, now: 1_000 })
      expect(await claim(run.id)).toEqual({ claimed: true })
      await ctx.store().finishRun(run.id, { status: 'succeeded', finishedAt: 9 })
      expect(await claim('run-again')).toEqual({ claimed: false, runId: run.id, requestHash: 'h' })
    })
  })
}
