import type { NodeResult } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { type ContractContext, flowDocument } from './contract-context.ts'

const result = (key: string, at: number, output: unknown): NodeResult => ({
  key,
  nodeId: key,
  status: 'succeeded',
  ports: ['out'],
  output,
  attempts: 1,
  startedAt: at,
  finishedAt: at + 2,
})

// A webhook call like the `hook` bench's: large enough that its end is packed (see packed-run.ts).
const event = {
  body: {
    title: 'quarterly report on workflow engine throughput',
    author: 'Ada Lovelace',
    tags: ['alpha', 'beta', 'gamma'],
    description:
      'Synthetic webhook event used to compare workflow engine overhead; about three hundred bytes.',
  },
  headers: { 'content-type': 'application/json', 'user-agent': 'node' },
  query: {},
  method: 'POST',
  firedAt: '2026-12-06T19:35:54.913Z',
}

/**
 * An ended run is stored packed when that pays (its event, output, results and document deflated together); every
 * reader sees it exactly as it was written, and a write after the end (a reopened run, late results) loses nothing.
 */
export function describePackedRuns(ctx: ContractContext): void {
  describe('ended runs, stored packed', () => {
    it('reads an ended run back exactly as written: its row, its node results, its list entry and its callback', async () => {
      const { access } = await ctx.user()
      const document = flowDocument('packed draft', 3)
      const run = await ctx.run(access, { event, document, startedAt: 1_000 })
      await ctx.store().createRun({ ...run, status: 'running' })
      const open = (await ctx.store().listRuns(access)).items[0]
      const results = [result('upper', 1_001, { result: 'QUARTERLY' }), result('len', 1_004, { result: 71 })]
      const output = { status: 200, headers: {}, body: { title: 'QUARTERLY', summaryLength: 71 } }
      await ctx.store().saveResults(run.id, results.slice(0, 1))
      await ctx
        .store()
        .finishRun(run.id, { status: 'succeeded', output, finishedAt: 1_010 }, results.slice(1))
      await ctx.store().addCallback({ runId: run.id, flowId: 'f', url: 'https://example.com/done', now: 0 })

      expect(await ctx.store().getRun(access, run.id)).toMatchObject({
        status: 'succeeded',
        event,
        output,
        error: null,
        document,
        finishedAt: 1_010,
      })
      expect(await ctx.store().loadNodeResults(run.id)).toEqual(results)
      expect(await ctx.store().listNodeResults(access, run.id)).toEqual(results)
      const listed = (await ctx.store().listRuns(access)).items[0]
      expect(listed?.inputPreview).toBe(open?.inputPreview)
      expect(listed).not.toHaveProperty('packed')
      const [callback] = await ctx.store().claimDueCallbacks({ now: 1, leaseMs: 1_000, limit: 10 })
      expect(callback).toMatchObject({ runId: run.id, status: 'succeeded', output })
    })

    it('keeps every value when an ended run is reopened, given more results and ended again', async () => {
      const { access } = await ctx.user()
      const document = flowDocument('reopened', 2)
      const run = await ctx.run(access, { event, document, startedAt: 1_000 })
      const first = result('a', 1_001, { text: 'first' })
      await ctx
        .store()
        .finishRun(run.id, { status: 'failed', error: { code: 'X', message: 'x' }, finishedAt: 1_005 }, [
          first,
        ])
      await ctx.store().createRun({ ...run, status: 'running' })
      expect(await ctx.store().getRun(access, run.id)).toMatchObject({
        status: 'running',
        event,
        document,
        output: null,
        error: null,
        finishedAt: null,
      })
      const second = result('b', 1_020, { text: 'second' })
      await ctx.store().saveResults(run.id, [second])
      await ctx.store().finishRun(run.id, { status: 'succeeded', output: { ok: true }, finishedAt: 1_030 })
      expect(await ctx.store().getRun(access, run.id)).toMatchObject({
        event,
        document,
        output: { ok: true },
      })
      expect(await ctx.store().loadNodeResults(run.id)).toEqual([first, second])
    })

    it('merges results saved or forgotten after the end with those stored at the end', async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access, { event, startedAt: 1_000 })
      const kept = result('a', 1_001, { text: 'kept' })
      const dropped = result('b', 1_003, { text: 'dropped' })
      const output = { body: 'done' }
      await ctx.store().finishRun(run.id, { status: 'succeeded', output, finishedAt: 1_005 }, [kept, dropped])
      const late = result('c', 1_010, { text: 'late' })
      await ctx.store().saveResults(run.id, [late])
      await ctx.store().deleteNodeResults(run.id, ['b'])
      expect(await ctx.store().loadNodeResults(run.id)).toEqual([kept, late])
      expect(await ctx.store().getRun(access, run.id)).toMatchObject({ status: 'succeeded', event, output })
    })
  })
}
