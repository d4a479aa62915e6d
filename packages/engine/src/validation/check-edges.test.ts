import { describe, expect, it } from 'vitest'
import { type ValidationResult, validateFlow } from '../validate-flow.ts'
import { testFlow, testNodes } from './test-nodes.ts'

const check = (input: unknown) => validateFlow(input, { definitions: testNodes })
const codes = (r: ValidationResult) => r.problems.map((p) => p.code)
const only = (r: ValidationResult, code: string) => r.problems.filter((p) => p.code === code)

describe('validateFlow: edges', () => {
  it('reports edges whose source or target does not exist', () => {
    const r = check(testFlow([{ id: 'a' }], ['ghost>a', 'a>phantom']))
    expect(r.problems).toEqual([
      expect.objectContaining({ code: 'EDGE_SOURCE_MISSING', edgeId: 'e0', path: ['edges', 0, 'source'] }),
      expect.objectContaining({ code: 'EDGE_TARGET_MISSING', edgeId: 'e1', path: ['edges', 1, 'target'] }),
    ])
  })

  it('reports a second identical connection and a reused edge id', () => {
    const r = check(
      testFlow(
        [{ id: 'a' }, { id: 'b' }],
        ['a>b', 'a>b', { id: 'e0', source: 'a', target: 'b', targetPort: 'extra' }],
      ),
    )
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([
      ['DUPLICATE_EDGE', ['edges', 1]],
      ['DUPLICATE_EDGE_ID', ['edges', 2, 'id']],
    ])
  })

  it('reports output ports the source does not have, deriving them from config, and lists the real ones', () => {
    const r = check(
      testFlow(
        [{ id: 'sw', type: 'test.switch', config: { cases: ['sport', 'news'] } }, { id: 'a' }, { id: 'b' }],
        [
          { source: 'sw', sourcePort: 'sport', target: 'a' },
          { source: 'sw', sourcePort: 'weather', target: 'b' },
        ],
      ),
    )
    expect(r.problems).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_OUTPUT_PORT', path: ['edges', 1, 'sourcePort'] }),
    ])
    expect(r.problems[0]?.message).toBe(
      '"sw" has no output "weather". Its outputs are: "sport", "news", "default".',
    )
  })

  it('accepts the error port only when the source sends its failures there', () => {
    const r = check(
      testFlow(
        [{ id: 'a', settings: { onError: 'errorPort' } }, { id: 'b' }, { id: 'c' }],
        [
          { source: 'a', sourcePort: 'error', target: 'c' },
          { source: 'b', sourcePort: 'error', target: 'c' },
        ],
      ),
    )
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: 'ERROR_PORT_DISABLED',
        edgeId: 'e1',
        path: ['edges', 1, 'sourcePort'],
      }),
    ])
  })

  it('reports input ports the target does not have', () => {
    const r = check(testFlow([{ id: 'a' }, { id: 'b' }], [{ source: 'a', target: 'b', targetPort: 'side' }]))
    expect(r.problems).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_INPUT_PORT', path: ['edges', 0, 'targetPort'] }),
    ])
    expect(r.problems[0]?.message).toContain('Its inputs are: "in", "extra".')
  })

  it('reports connections into a trigger', () => {
    const r = check(testFlow([{ id: 't', type: 'test.trigger' }, { id: 'a' }], ['t>a', 'a>t']))
    expect(only(r, 'EDGE_INTO_TRIGGER')).toEqual([
      expect.objectContaining({ edgeId: 'e1', path: ['edges', 1, 'target'] }),
    ])
  })

  it('reports connections crossing a loop border in either direction, but not the loop feeding the next node', () => {
    const r = check(
      testFlow(
        [
          { id: 'before' },
          { id: 'loop', type: 'test.loop' },
          { id: 'body', parentId: 'loop' },
          { id: 'after' },
        ],
        ['before>loop', 'before>body', 'body>after', 'loop>body', 'loop>after'],
      ),
    )
    expect(only(r, 'EDGE_CROSSES_LOOP').map((p) => p.edgeId)).toEqual(['e1', 'e2', 'e3'])
  })
})

describe('validateFlow: cycles', () => {
  it('reports every circle with the nodes along it, pointing at the edge that closes it', () => {
    const r = check(
      testFlow(
        [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'x' }, { id: 'y' }],
        ['a>b', 'b>c', 'c>a', 'x>y', 'y>x'],
      ),
    )
    expect(only(r, 'CYCLE').map((p) => [p.nodeId, p.edgeId])).toEqual([
      ['a', 'e2'],
      ['x', 'e4'],
    ])
    expect(only(r, 'CYCLE')[0]?.message).toContain('"a" → "b" → "c" → "a"')
  })

  it('reports a node wired to itself', () => {
    const r = check(testFlow([{ id: 'a' }], [{ source: 'a', target: 'a', targetPort: 'extra' }]))
    expect(codes(r)).toEqual(['CYCLE'])
  })
})
