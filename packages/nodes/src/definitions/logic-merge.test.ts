import { describe, expect, it } from 'vitest'
import { logicMerge } from './logic-merge.ts'
import { runNode } from './test-context.ts'

describe('logic.merge', () => {
  it('collects every arriving value in edge order, first one separately', async () => {
    const out = await runNode(logicMerge, {}, { inputs: { in: [{ a: 1 }, 'b'] } })
    expect(out).toEqual({ values: [{ a: 1 }, 'b'], first: { a: 1 } })
  })

  it('outputs an empty list and null when nothing arrived', async () => {
    expect(await runNode(logicMerge, {}, { inputs: { in: [] } })).toEqual({ values: [], first: null })
  })

  it('declares a collecting input port', () => {
    expect(logicMerge.inputs).toEqual([expect.objectContaining({ name: 'in', multiple: true })])
  })
})
