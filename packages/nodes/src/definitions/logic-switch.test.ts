import { describe, expect, it } from 'vitest'
import { isRouted, outputPorts } from '../define-node.ts'
import { logicSwitch } from './logic-switch.ts'
import { runNode } from './test-context.ts'

const cases = [
  { id: 'sports', label: '体育', compare: '体育' },
  { id: 'big', label: '', operator: 'gt', compare: '1000' },
  { id: 'also_sports', operator: 'contains', compare: '体' },
]

async function branch(value: unknown) {
  const out = await runNode(logicSwitch, { value, cases })
  if (!isRouted(out)) throw new Error('logic.switch must route')
  return out
}

describe('logic.switch', () => {
  it('takes the first matching case only', async () => {
    const out = await branch('体育')
    expect(out.ports).toEqual(['sports'])
    expect(out.output).toEqual({ value: '体育', matched: 'sports' })
  })

  it('uses each case its own operator', async () => {
    expect((await branch(2048)).output).toEqual({ value: 2048, matched: 'big' })
    expect((await branch('体操')).ports).toEqual(['also_sports'])
  })

  it('goes to the default port when nothing matches', async () => {
    const out = await branch('财经')
    expect(out.ports).toEqual(['default'])
    expect(out.output).toEqual({ value: '财经', matched: null })
  })

  it('has one port per case, labelled by its name or id, then Otherwise', () => {
    const ports = outputPorts(logicSwitch, logicSwitch.config.parse({ cases }))
    expect(ports.map((p) => [p.name, p.label['zh-CN']])).toEqual([
      ['sports', '体育'],
      ['big', 'big'],
      ['also_sports', 'also_sports'],
      ['default', '其他'],
    ])
  })

  it('refuses case ids that cannot be port names, repeat, or are reserved', () => {
    const ok = (ids: string[]) => logicSwitch.config.safeParse({ cases: ids.map((id) => ({ id })) }).success
    expect(ok(['news', 'case_2'])).toBe(true)
    expect(ok(['a b'])).toBe(false)
    expect(ok(['a', 'a'])).toBe(false)
    expect(ok(['default'])).toBe(false)
    expect(ok(['error'])).toBe(false)
  })
})
