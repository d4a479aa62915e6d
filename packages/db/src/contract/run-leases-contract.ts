import type { NodeResult } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { StoreError } from '../store-error.ts'
import type { ContractContext } from './contract-context.ts'

export function describeRunLeases(ctx: ContractContext): void {
  const result = (key: string, output: unknown): NodeResult => ({
    key,
    nodeId: key,
    status: 'succeeded',
    ports: ['out'],
    output,
    attempts: 1,
    startedAt: 1,
    finishedAt: 2,
  })
  const staleFence = expect.objectContaining({ code: 'STALE_FENCE' })

  describe('run leases and fencing', () => {
    it('gives a run to exactly one of two workers claiming it at once', async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access)
      const claims = await Promise.all(
        ['w1', 'w2'].map((workerId) => ctx.store().claimRun(run.id, { workerId, leaseMs: 1_000, now: 10 })),
      )
      expect(claims.filter((f) => f !== undefined)).toEqual([1])
      expect(
        await ctx.store().claimRun('no-such-run', { workerId: 'w3', leaseMs: 1_000, now: 10 }),
      ).toBeUndefined()
    })

    it('refuses a claim while the lease is live, renewed or not, and lets another worker take over once it expired', async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access)
      const store = ctx.store()
      const first = await store.claimRun(run.id, { workerId: 'w1', leaseMs: 1_000, now: 0 })
      expect(first).toBeDefined()
      expect(await store.renewRunLease(run.id, { fence: first as number, leaseMs: 1_000, now: 900 })).toBe(
        true,
      )
      // Live until 1 900 after the renewal, not 1 000.
      expect(await store.claimRun(run.id, { workerId: 'w2', leaseMs: 1_000, now: 1_500 })).toBeUndefined()
      const second = await store.claimRun(run.id, { workerId: 'w2', leaseMs: 1_000, now: 1_900 })
      expect(second).toBeGreaterThan(first as number)
      expect(await store.getRun(access, run.id)).toMatchObject({
        workerId: 'w2',
        leaseUntil: 2_900,
        fence: second,
      })
      // The first worker cannot extend what it no longer holds.
      expect(await store.renewRunLease(run.id, { fence: first as number, leaseMs: 1_000, now: 2_000 })).toBe(
        false,
      )
    })

    it("refuses every write carrying a fence that is no longer the run's, and keeps the new owner's results", async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access)
      const store = ctx.store()
      const old = (await store.claimRun(run.id, { workerId: 'w1', leaseMs: 100, now: 0 })) as number
      await store.recordNode(run.id, result('a', 'from w1'), old)
      const current = (await store.claimRun(run.id, { workerId: 'w2', leaseMs: 100, now: 200 })) as number
      await store.recordNode(run.id, result('a', 'from w2'), current)

      await expect(store.recordNode(run.id, result('a', 'late w1'), old)).rejects.toBeInstanceOf(StoreError)
      await expect(store.recordNode(run.id, result('b', 'late w1'), old)).rejects.toEqual(staleFence)
      await expect(store.finishRun(run.id, { status: 'failed', finishedAt: 300 }, [], old)).rejects.toEqual(
        staleFence,
      )
      await expect(store.createRun({ ...run, status: 'running', startedAt: 300 }, old)).rejects.toEqual(
        staleFence,
      )
      expect(await store.loadNodeResults(run.id)).toEqual([result('a', 'from w2')])
      expect((await store.getRun(access, run.id))?.status).toBe('queued')

      await store.finishRun(run.id, { status: 'succeeded', output: 1, finishedAt: 400 }, [], current)
      expect(await store.getRun(access, run.id)).toMatchObject({ status: 'succeeded', leaseUntil: null })
    })

    it('ends the lease when the run finishes or is handed back, so the next claim needs not wait', async () => {
      const { access } = await ctx.user()
      const store = ctx.store()
      const handed = await ctx.run(access)
      const fence = (await store.claimRun(handed.id, { workerId: 'w1', leaseMs: 60_000, now: 0 })) as number
      await store.releaseRun(handed.id, fence)
      expect(await store.claimRun(handed.id, { workerId: 'w2', leaseMs: 60_000, now: 1 })).toBe(fence + 1)

      const waiting = await ctx.run(access)
      const f = (await store.claimRun(waiting.id, { workerId: 'w1', leaseMs: 60_000, now: 0 })) as number
      await store.finishRun(waiting.id, { status: 'waiting', finishedAt: 5 }, [], f)
      expect(await store.claimRun(waiting.id, { workerId: 'w2', leaseMs: 60_000, now: 6 })).toBe(f + 1)
    })
  })
}
