import type { RunOutcome } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import type { ContractContext } from './contract-context.ts'

export function describeCallbacks(ctx: ContractContext): void {
  const LEASE = 30_000
  /** A webhook run with a callback; ended with `outcome` unless that is left out. */
  const runWithCallback = async (outcome?: RunOutcome) => {
    const { access } = await ctx.user()
    const run = await ctx.run(access, { trigger: 'webhook' })
    await ctx
      .store()
      .addCallback({ runId: run.id, flowId: 'flow-1', url: 'https://example.com/done', now: 100 })
    if (outcome) {
      await ctx.store().createRun({ ...run, status: 'running' })
      await ctx.store().finishRun(run.id, outcome)
    }
    return run.id
  }
  const claim = (now: number, limit = 10) => ctx.store().claimDueCallbacks({ now, leaseMs: LEASE, limit })

  describe('webhook callbacks (outbox)', () => {
    it('is due only once its run has ended, and carries the run’s outcome', async () => {
      const open = await runWithCallback()
      const done = await runWithCallback({ status: 'succeeded', output: { n: 1 }, finishedAt: 200 })
      const claimed = await claim(1_000)
      expect(claimed).toEqual([
        {
          runId: done,
          flowId: 'flow-1',
          url: 'https://example.com/done',
          attempts: 0,
          status: 'succeeded',
          output: { n: 1 },
          error: null,
        },
      ])
      expect(claimed.map((c) => c.runId)).not.toContain(open)
    })

    it('is not due while its run waits for an approval, and is once the run ends after it', async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access, { trigger: 'webhook' })
      await ctx.store().addCallback({ runId: run.id, flowId: 'f', url: 'https://example.com/x', now: 100 })
      await ctx.store().createRun({ ...run, status: 'running' })
      await ctx.store().finishRun(run.id, { status: 'waiting', finishedAt: 150 })
      expect(await claim(1_000)).toEqual([])
      await ctx.store().createRun({ ...run, status: 'running' })
      await ctx.store().finishRun(run.id, {
        status: 'failed',
        error: { code: 'X', message: 'rejected' },
        finishedAt: 300,
      })
      expect(await claim(2_000)).toMatchObject([{ runId: run.id, status: 'failed', error: { code: 'X' } }])
    })

    it('leases a claimed callback: no second claim until the lease passes or the attempt is settled', async () => {
      const id = await runWithCallback({ status: 'succeeded', finishedAt: 200 })
      expect(await claim(1_000)).toHaveLength(1)
      expect(await claim(1_000 + LEASE - 1)).toEqual([])
      // The claimer died without settling: the callback comes due again.
      expect(await claim(1_000 + LEASE)).toMatchObject([{ runId: id, attempts: 0 }])
    })

    it('hands each due callback to exactly one of many concurrent claimers', async () => {
      const ids = await Promise.all(
        Array.from({ length: 5 }, () => runWithCallback({ status: 'succeeded', finishedAt: 200 })),
      )
      const claims = await Promise.all(Array.from({ length: 8 }, () => claim(1_000, 2)))
      const won = claims.flat().map((c) => c.runId)
      expect(won.sort()).toEqual([...ids].sort())
    })

    it('counts attempts, retries when told, and never claims a delivered or given-up callback again', async () => {
      const retried = await runWithCallback({ status: 'succeeded', finishedAt: 200 })
      const given = await runWithCallback({ status: 'succeeded', finishedAt: 200 })
      const delivered = await runWithCallback({ status: 'succeeded', finishedAt: 200 })
      await claim(1_000)
      await ctx
        .store()
        .settleCallback(retried, { delivered: false, now: 1_000, retryAt: 5_000, error: '503' })
      await ctx
        .store()
        .settleCallback(given, { delivered: false, now: 1_000, retryAt: null, error: 'refused' })
      await ctx.store().settleCallback(delivered, { delivered: true, now: 1_000 })
      expect(await claim(4_999)).toEqual([])
      expect(await claim(5_000)).toMatchObject([{ runId: retried, attempts: 1 }])
      await ctx.store().settleCallback(retried, { delivered: true, now: 5_000 })
      expect(await claim(10_000_000)).toEqual([])
    })

    it('keeps one callback per run', async () => {
      const id = await runWithCallback({ status: 'succeeded', finishedAt: 200 })
      await ctx.store().addCallback({ runId: id, flowId: 'flow-1', url: 'https://other.example/', now: 100 })
      expect(await claim(1_000)).toMatchObject([{ runId: id, url: 'https://example.com/done' }])
    })

    it('goes with its run when old runs are deleted', async () => {
      const id = await runWithCallback({ status: 'succeeded', finishedAt: 200 })
      expect(await ctx.store().deleteEndedRuns({ startedBefore: Number.MAX_SAFE_INTEGER, limit: 100 })).toBe(
        1,
      )
      expect((await claim(1_000)).map((c) => c.runId)).not.toContain(id)
    })
  })
}
