import { describe, expect, it } from 'vitest'
import { type ValidationResult, validateFlow } from '../validate-flow.ts'
import { testFlow, testNodes } from './test-nodes.ts'

const check = (input: unknown) => validateFlow(input, { definitions: testNodes })
const only = (r: ValidationResult, code: string) => r.problems.filter((p) => p.code === code)

describe('validateFlow: nodes', () => {
  it('reports a duplicate node id on the second node that uses it', () => {
    const r = check(testFlow([{ id: 'a' }, { id: 'b' }, { id: 'a' }]))
    expect(only(r, 'DUPLICATE_NODE_ID')).toEqual([
      expect.objectContaining({ path: ['nodes', 2, 'id'], nodeId: 'a' }),
    ])
  })

  it('reports an unknown node type', () => {
    const r = check(testFlow([{ id: 'a', type: 'text.magic' }]))
    expect(r.problems).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_NODE_TYPE', path: ['nodes', 0, 'type'], nodeId: 'a' }),
    ])
  })

  it('reports an unknown version and says which versions exist', () => {
    const r = check(
      testFlow([{ id: 'a', type: 'test.fetch', version: 7, config: { url: 'https://x.test' } }]),
    )
    expect(r.problems).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_NODE_VERSION', path: ['nodes', 0, 'version'] }),
    ])
    expect(r.problems[0]?.message).toContain('Available versions: 1, 2, 3')
    expect(r.problems[0]?.localized['zh-CN']).toContain('1、2、3')
  })

  it('reports more than one trigger on every trigger after the first', () => {
    const r = check(
      testFlow([
        { id: 't1', type: 'test.trigger' },
        { id: 't2', type: 'test.trigger' },
      ]),
    )
    expect(only(r, 'MULTIPLE_TRIGGERS')).toEqual([
      expect.objectContaining({ nodeId: 't2', path: ['nodes', 1, 'type'] }),
    ])
    expect(only(r, 'MULTIPLE_TRIGGERS')[0]?.message).toContain('"t1"')
  })

  it('requires parentId to name an existing for-each node', () => {
    const r = check(
      testFlow([
        { id: 'loop', type: 'test.loop' },
        { id: 'plain' },
        { id: 'in_ghost', parentId: 'ghost' },
        { id: 'in_plain', parentId: 'plain' },
        { id: 'in_loop', parentId: 'loop' },
      ]),
    )
    expect(r.problems.filter((p) => p.code.startsWith('PARENT'))).toEqual([
      expect.objectContaining({ code: 'PARENT_MISSING', nodeId: 'in_ghost', path: ['nodes', 2, 'parentId'] }),
      expect.objectContaining({
        code: 'PARENT_NOT_LOOP',
        nodeId: 'in_plain',
        path: ['nodes', 3, 'parentId'],
      }),
    ])
  })

  it('reports loops nested inside each other in a circle once', () => {
    const r = check(
      testFlow([
        { id: 'l1', type: 'test.loop', parentId: 'l2' },
        { id: 'l2', type: 'test.loop', parentId: 'l1' },
      ]),
    )
    expect(only(r, 'PARENT_CYCLE')).toEqual([expect.objectContaining({ nodeId: 'l1' })])
    expect(only(r, 'PARENT_CYCLE')[0]?.message).toContain('"l1" → "l2" → "l1"')
  })
})
