import { describe, expect, it } from 'vitest'
import { isRouted, outputPorts } from '../define-node.ts'
import { logicIf } from './logic-if.ts'
import { runNode } from './test-context.ts'

async function decide(config: Record<string, unknown>, input: unknown = { id: 7 }) {
  const out = await runNode(logicIf, config, { inputs: { in: input } })
  if (!isRouted(out)) throw new Error('logic.if must route')
  return out
}

describe('logic.if', () => {
  const passed = { left: '82', operator: 'gt', right: '60' }
  const published = { left: 'draft', operator: 'equals', right: 'published' }

  it('goes to Yes with the incoming value when all conditions hold', async () => {
    const out = await decide({ conditions: [passed, { left: '李雷', operator: 'isNotEmpty' }] })
    expect(out.ports).toEqual(['true'])
    expect(out.output).toEqual({ result: true, value: { id: 7 } })
  })

  it('goes to No when one of "all" conditions fails', async () => {
    const out = await decide({ combinator: 'all', conditions: [passed, published] })
    expect(out.ports).toEqual(['false'])
    expect(out.output).toEqual({ result: false, value: { id: 7 } })
  })

  it('goes to Yes when any of "any" conditions holds', async () => {
    expect((await decide({ combinator: 'any', conditions: [published, passed] })).ports).toEqual(['true'])
    expect((await decide({ combinator: 'any', conditions: [published] })).ports).toEqual(['false'])
  })

  it('has Yes and No ports and starts with one "is not empty" condition', () => {
    expect(outputPorts(logicIf, {}).map((p) => [p.name, p.label['zh-CN'], p.label.en])).toEqual([
      ['true', '是', 'Yes'],
      ['false', '否', 'No'],
    ])
    expect(logicIf.config.parse({})).toEqual({
      combinator: 'all',
      conditions: [{ left: '', operator: 'isNotEmpty', right: '' }],
    })
  })

  it('refuses unknown operators and an empty condition list', () => {
    expect(
      logicIf.config.safeParse({ conditions: [{ left: 'a', operator: 'matches', right: '.*' }] }).success,
    ).toBe(false)
    expect(logicIf.config.safeParse({ conditions: [] }).success).toBe(false)
  })
})
