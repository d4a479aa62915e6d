import type { NodeResult } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { DELIVERY_TTL_MS, type NewRun } from '../store.ts'
import { type ContractContext, flowDocument } from './contract-context.ts'

const result = (key: string, startedAt: number): NodeResult => ({
  key,
  nodeId: key,
  status: 'succeeded',
  ports: ['out'],
  output: { key },
  attempts: 1,
  startedAt,
  finishedAt: startedAt + 2,
})

/** `recordRun`: the one write of a run registered late (at its first checkpoint or its end). */
export function describeRecordRun(ctx: ContractContext): void {
  describe('a run stored in one write (recordRun)', () => {
    let seq = 0
    const unregistered = async (history?: NewRun['history']) => {
      const { access } = await ctx.user()
      const flow = await ctx.store().createFlow(access, { document: flowDocument('deferred') })
      seq += 1
      const run: NewRun = {
        id: `deferred-${seq}`,
        flowId: flow.id,
        ownerId: access.userId,
        trigger: 'webhook',
        status: 'running',
        event: { body: { n: seq } },
        startedAt: 5_000,
        history,
      }
      return { access, flowId: flow.id, run }
    }
    const claimFor = (flowId: string, requestHash = 'h1', now = 10_000) => ({
      flowId,
      idempotencyKey: 'evt_1',
      requestHash,
      now,
    })

    it('inserts an ended run whole: status, output, end, its results and what it was registered with', async () => {
      const { access, run } = await unregistered()
      const outcome = { status: 'succeeded' as const, output: { ok: true }, finishedAt: 5_040 }
      const results = [result('a', 5_001), result('b', 5_010)]
      expect(await ctx.store().recordRun(run, { outcome, results })).toEqual({ claimed: true })
      expect(await ctx.store().getRun(access, run.id)).toMatchObject({
        status: 'succeeded',
        output: { ok: true },
        finishedAt: 5_040,
        startedAt: 5_000,
        trigger: 'webhook',
        event: { body: run.event.body },
      })
      expect(await ctx.store().loadNodeResults(run.id)).toEqual(results)
    })

    it('without an outcome, registers the run as given with its results, and later writes go on from there', async () => {
      const { access, run } = await unregistered('failed')
      await ctx.store().recordRun(run, { results: [result('a', 5_001)] })
      expect(await ctx.store().getRun(access, run.id)).toMatchObject({ status: 'running' })
      await ctx.store().finishRun(run.id, { status: 'failed', finishedAt: 5_050 }, [result('b', 5_020)])
      expect(await ctx.store().getRun(access, run.id)).toMatchObject({ status: 'failed', finishedAt: 5_050 })
      expect((await ctx.store().loadNodeResults(run.id)).map((r) => r.key)).toEqual(['a', 'b'])
    })

    it('writes no row for an end its history does not keep, only the flow’s not-kept count', async () => {
      const { access, flowId, run } = await unregistered('failed')
      await ctx.store().recordRun(run, { outcome: { status: 'succeeded', finishedAt: 5_010 } })
      expect(await ctx.store().getRun(access, run.id)).toBeUndefined()
      const none = { ...run, id: `${run.id}-none`, history: 'none' as const }
      await ctx.store().recordRun(none, { outcome: { status: 'failed', finishedAt: 5_010 } })
      expect(await ctx.store().getRun(access, none.id)).toBeUndefined()
      expect(await ctx.store().countRunsNotKept(access, flowId)).toBe(2)
      const failed = { ...run, id: `${run.id}-failed` }
      await ctx.store().recordRun(failed, { outcome: { status: 'failed', finishedAt: 5_010 } })
      expect(await ctx.store().getRun(access, failed.id)).toMatchObject({ status: 'failed' })
      expect(await ctx.store().countRunsNotKept(access, flowId)).toBe(2)
    })

    it('takes the idempotency key in the same write, even when the run is not kept', async () => {
      const { flowId, run } = await unregistered('none')
      const claim = claimFor(flowId)
      expect(await ctx.store().findDelivery({ ...claim })).toBeUndefined()
      await ctx.store().recordRun(run, { claim, outcome: { status: 'succeeded', finishedAt: 5_010 } })
      expect(await ctx.store().findDelivery(claim)).toEqual({ runId: run.id, requestHash: 'h1' })
      // Expired claims are not reported.
      expect(await ctx.store().findDelivery({ ...claim, now: claim.now + DELIVERY_TTL_MS })).toBeUndefined()
    })

    it('writes nothing when another run holds the key, and reports that run', async () => {
      const { access, flowId, run } = await unregistered()
      const first = await ctx.store().recordRun(run, { claim: claimFor(flowId) })
      expect(first).toEqual({ claimed: true })
      const second = { ...run, id: `${run.id}-dup` }
      const outcome = { status: 'succeeded' as const, finishedAt: 5_010 }
      expect(await ctx.store().recordRun(second, { claim: claimFor(flowId, 'h2'), outcome })).toEqual({
        claimed: false,
        runId: run.id,
        requestHash: 'h1',
      })
      expect(await ctx.store().getRun(access, second.id)).toBeUndefined()
      expect(await ctx.store().countRunsNotKept(access, flowId)).toBe(0)
      // A claim older than DELIVERY_TTL_MS no longer holds the key.
      const later = claimFor(flowId, 'h3', 10_000 + DELIVERY_TTL_MS)
      expect(await ctx.store().recordRun(second, { claim: later, outcome })).toEqual({ claimed: true })
      expect(await ctx.store().getRun(access, second.id)).toMatchObject({ status: 'succeeded' })
    })

    it('gives one of two concurrent writes under one key the key, and stores only that run', async () => {
      const { access, flowId, run } = await unregistered()
      const outcome = { status: 'succeeded' as const, finishedAt: 5_010 }
      const other = { ...run, id: `${run.id}-b` }
      const [a, b] = await Promise.all([
        ctx.store().recordRun(run, { claim: claimFor(flowId), outcome }),
        ctx.store().recordRun(other, { claim: claimFor(flowId), outcome }),
      ])
      expect([a, b].filter((c) => c.claimed)).toHaveLength(1)
      const stored = await Promise.all([
        ctx.store().getRun(access, run.id),
        ctx.store().getRun(access, other.id),
      ])
      expect(stored.filter((r) => r !== undefined)).toHaveLength(1)
    })

    it('refuses an outcome that is not an end (a waiting run is registered, then finished)', async () => {
      const { run } = await unregistered()
      await expect(
        ctx.store().recordRun(run, { outcome: { status: 'waiting', finishedAt: 1 } }),
      ).rejects.toThrow(TypeError)
    })
  })
}
