import type { NodeResult } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import type { ContractContext } from './contract-context.ts'

const result = (key: string, finishedAt: number, fields: Partial<NodeResult> = {}): NodeResult => ({
  key,
  nodeId: key.replace(/^loop\[\d+\]\./, ''),
  status: 'succeeded',
  ports: ['out'],
  input: { config: { url: 'https://example.com' }, inputs: { in: [1, 'two'] } },
  output: { text: `from ${key}` },
  attempts: 1,
  startedAt: finishedAt - 5,
  finishedAt,
  ...fields,
})

export function describeNodeResults(ctx: ContractContext): void {
  describe('node results', () => {
    it('loads results in finishing order exactly as recorded, telling a null output from none', async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access)
      const failed: NodeResult = {
        key: 'b',
        nodeId: 'b',
        status: 'failed',
        ports: [],
        input: { config: {}, inputs: {} },
        error: { code: 'TIMEOUT', message: 'took too long', retryable: true },
        attempts: 3,
        startedAt: 25,
        finishedAt: 30,
      }
      const nullOutput = result('a', 10, { output: null })
      const skipped: NodeResult = {
        key: 'loop[2].c',
        nodeId: 'c',
        status: 'skipped',
        ports: [],
        attempts: 1,
        startedAt: 15,
        finishedAt: 20,
      }
      for (const r of [failed, nullOutput, skipped]) await ctx.store().recordNode(run.id, r)
      const loaded = await ctx.store().loadNodeResults(run.id)
      // toStrictEqual: an absent field must come back absent, not as undefined or null.
      expect(loaded).toStrictEqual([nullOutput, skipped, failed])
      expect(await ctx.store().listNodeResults(access, run.id)).toStrictEqual(loaded)
    })

    it('keeps outputs exactly as recorded: key order, NUL characters, strings that look like JSON', async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access)
      // What an HTTP node may bring back from anywhere: the store must not reorder, reject or reinterpret it.
      const output = { z: 1, a: { y: [3, '2'], b: null }, text: 'NUL\u0000 here', json: '{"x":1}', n: '42' }
      await ctx.store().recordNode(run.id, result('a', 10, { output, input: '[1]' }))
      const [loaded] = await ctx.store().loadNodeResults(run.id)
      expect(loaded?.output).toStrictEqual(output)
      expect(JSON.stringify(loaded?.output)).toBe(JSON.stringify(output))
      expect(loaded?.input).toBe('[1]')
    })

    it('replaces the result when the same key is recorded again', async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access)
      await ctx.store().recordNode(run.id, result('a', 10, { status: 'failed', ports: [], attempts: 2 }))
      await ctx.store().recordNode(run.id, result('a', 40, { output: 'second' }))
      expect(await ctx.store().loadNodeResults(run.id)).toStrictEqual([result('a', 40, { output: 'second' })])
    })

    it('deletes only the named results of that run, for re-running from a node', async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access)
      const other = await ctx.run(access)
      for (const key of ['a', 'b', 'c']) {
        await ctx.store().recordNode(run.id, result(key, 10))
        await ctx.store().recordNode(other.id, result(key, 10))
      }
      await ctx.store().deleteNodeResults(run.id, ['b', 'c', 'missing'])
      await ctx.store().deleteNodeResults(run.id, [])
      expect((await ctx.store().loadNodeResults(run.id)).map((r) => r.key)).toEqual(['a'])
      expect(await ctx.store().loadNodeResults(other.id)).toHaveLength(3)
    })

    it('loads nothing for a run without results', async () => {
      const { access } = await ctx.user()
      const run = await ctx.run(access)
      expect(await ctx.store().loadNodeResults(run.id)).toEqual([])
      expect(await ctx.store().listNodeResults(access, run.id)).toEqual([])
    })
  })
}
