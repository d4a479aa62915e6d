import { randomBytes } from 'node:crypto'
import type { RunOutcome } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import type { ContractContext } from './contract-context.ts'

export function describeRetention(ctx: ContractContext): void {
  describe('settings', () => {
    it('stores a value by name, replaces it, and knows a name never set', async () => {
      const { user } = await ctx.user('owner')
      expect(await ctx.store().getSetting('run-retention')).toBeUndefined()
      const first = { name: 'run-retention', value: { days: 30 }, updatedAt: 1, updatedBy: user.id }
      await ctx.store().setSetting(first)
      expect(await ctx.store().getSetting('run-retention')).toEqual(first)
      const second = { name: 'run-retention', value: { days: 0 }, updatedAt: 2, updatedBy: null }
      await ctx.store().setSetting(second)
      expect(await ctx.store().getSetting('run-retention')).toEqual(second)
    })

    it('reads back a string value as that string, even one that looks like JSON', async () => {
      for (const value of ['123', '{"days":1}', 'null', '']) {
        await ctx.store().setSetting({ name: 'note', value, updatedAt: 1, updatedBy: null })
        expect((await ctx.store().getSetting('note'))?.value).toBe(value)
      }
    })
  })

  describe('deleting old runs', () => {
    const runAt = async (
      access: Parameters<ContractContext['run']>[0],
      startedAt: number,
      status: RunOutcome['status'] | 'running',
    ) => {
      const run = await ctx.run(access, { startedAt })
      await ctx.store().createRun({ ...run, status: 'running' })
      await ctx.store().recordNode(run.id, {
        key: 'n',
        nodeId: 'n',
        status: 'succeeded',
        ports: ['out'],
        input: {},
        output: { at: startedAt },
        attempts: 1,
        startedAt,
        finishedAt: startedAt,
      })
      // A running run stays as createRun left it; every other status is how the run ended (or paused).
      if (status !== 'running') await ctx.store().finishRun(run.id, { status, finishedAt: startedAt + 1 })
      return run.id
    }

    it('deletes ended runs that started before the cut-off, with their node results, and keeps the rest', async () => {
      const { access } = await ctx.user('owner')
      const old = {
        succeeded: await runAt(access, 100, 'succeeded'),
        failed: await runAt(access, 200, 'failed'),
        cancelled: await runAt(access, 300, 'cancelled'),
      }
      const keep = {
        waiting: await runAt(access, 150, 'waiting'),
        needsAttention: await runAt(access, 160, 'needs_attention'),
        running: await runAt(access, 250, 'running'),
        recent: await runAt(access, 5_000, 'succeeded'),
      }
      expect(await ctx.store().deleteEndedRuns({ startedBefore: 1_000, limit: 100 })).toBe(3)
      for (const id of Object.values(old)) {
        expect(await ctx.store().getRun(access, id)).toBeUndefined()
        expect(await ctx.store().loadNodeResults(id)).toEqual([])
      }
      for (const id of Object.values(keep)) {
        expect(await ctx.store().getRun(access, id)).toBeDefined()
        expect(await ctx.store().loadNodeResults(id)).toHaveLength(1)
      }
      expect(await ctx.store().deleteEndedRuns({ startedBefore: 1_000, limit: 100 })).toBe(0)
    })

    it('deletes ended runs of any age when the cut-off is the end of time, and never a waiting one', async () => {
      const { access } = await ctx.user('owner')
      const waiting = await runAt(access, 10, 'waiting')
      const ended = await runAt(access, Date.now(), 'succeeded')
      expect(await ctx.store().deleteEndedRuns({ startedBefore: Number.MAX_SAFE_INTEGER, limit: 100 })).toBe(
        1,
      )
      expect(await ctx.store().getRun(access, ended)).toBeUndefined()
      expect(await ctx.store().getRun(access, waiting)).toBeDefined()
    })

    it('deletes at most `limit` runs per call, oldest first', async () => {
      const { access } = await ctx.user('owner')
      const ids = [
        await runAt(access, 30, 'succeeded'),
        await runAt(access, 10, 'succeeded'),
        await runAt(access, 20, 'failed'),
      ]
      expect(await ctx.store().deleteEndedRuns({ startedBefore: 1_000, limit: 2 })).toBe(2)
      expect(await ctx.store().getRun(access, ids[1] as string)).toBeUndefined()
      expect(await ctx.store().getRun(access, ids[2] as string)).toBeUndefined()
      expect(await ctx.store().getRun(access, ids[0] as string)).toBeDefined()
    })
  })

  describe('measuring the run history', () => {
    // Random base64 deflates to about 3/4 of its length (an ended run is packed, see packed-run.ts), and PostgreSQL's
    // TOAST cannot shrink it further: about 6 KB of the 8 KB written is stored.
    const bulky = (i: number) => ({ text: randomBytes(3_000).toString('base64'), i })
    const storeRuns = async (access: Parameters<ContractContext['run']>[0], n: number, from: number) => {
      for (let i = 0; i < n; i++) {
        const run = await ctx.run(access, { startedAt: from + i, event: { body: bulky(i) } })
        await ctx.store().finishRun(run.id, { status: 'succeeded', output: bulky(i), finishedAt: from + i })
      }
    }

    it('counts the runs, those since a time, and the bytes they take, which grow with what is stored', async () => {
      const { access } = await ctx.user('owner')
      const empty = await ctx.store().measureRunHistory({ since: 0 })
      expect(empty).toMatchObject({ runs: 0, runsSince: 0 })
      await storeRuns(access, 60, 1_000)
      const full = await ctx.store().measureRunHistory({ since: 1_050 })
      expect(full).toMatchObject({ runs: 60, runsSince: 10 })
      // 60 runs of 8 KB stored (input and output), packed to about 6 KB: most of it must show.
      expect(full.bytes - empty.bytes).toBeGreaterThan(60 * 4_500)
      expect(await ctx.store().runHistoryBytes()).toBe(full.bytes)
    })

    it('takes fewer bytes once runs are deleted and their space reclaimed', async () => {
      const { access } = await ctx.user('owner')
      await storeRuns(access, 60, 1_000)
      const before = await ctx.store().measureRunHistory({ since: 0 })
      expect(await ctx.store().deleteEndedRuns({ startedBefore: Number.MAX_SAFE_INTEGER, limit: 100 })).toBe(
        60,
      )
      await ctx.store().reclaimRunSpace()
      const after = await ctx.store().measureRunHistory({ since: 0 })
      expect(after.runs).toBe(0)
      expect(after.bytes).toBeLessThan(before.bytes - 60 * 4_000)
    })
  })
}
