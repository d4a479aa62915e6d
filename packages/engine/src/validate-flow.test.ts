import { builtinNodes } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { type ValidationResult, validateFlow } from './validate-flow.ts'
import { testFlow, testNodes } from './validation/test-nodes.ts'

const definitions = testNodes
const check = (input: unknown) => validateFlow(input, { definitions })
const codes = (r: ValidationResult) => r.problems.map((p) => p.code)

describe('validateFlow: the document', () => {
  it('accepts a valid flow and returns it with defaults applied', () => {
    const r = check(testFlow([{ id: 'start', type: 'test.trigger' }, { id: 'a' }], ['start>a']))
    expect(r).toMatchObject({ ok: true, problems: [] })
    expect(r.flow?.edges[0]).toMatchObject({ sourcePort: 'out', targetPort: 'in' })
  })

  it('maps schema failures to problems at their document path and stops when the nodes are unreadable', () => {
    const input = {
      schemaVersion: 1,
      name: 'x',
      nodes: [{ id: 'ok' }, { id: 'bad-id', type: 'test.text', version: 1 }],
      edges: [],
    }
    const r = check(input)
    expect(r.ok).toBe(false)
    expect(r.flow).toBeUndefined()
    expect(r.problems.every((p) => p.code === 'INVALID_FLOW')).toBe(true)
    expect(r.problems).toContainEqual(
      expect.objectContaining({ path: ['nodes', 0, 'type'], nodeId: 'ok', message: 'This is required.' }),
    )
    expect(r.problems).toContainEqual(expect.objectContaining({ path: ['nodes', 1, 'id'], nodeId: 'bad-id' }))
    expect(r.problems.find((p) => p.path[2] === 'id')?.message).toMatch(/letters, digits and _/)
  })

  it('keeps checking nodes and edges when only top-level fields are wrong', () => {
    const r = check({ ...testFlow([{ id: 'a', type: 'nope' }]), name: '' })
    expect(codes(r)).toEqual(['INVALID_FLOW', 'UNKNOWN_NODE_TYPE'])
    expect(r.problems[0]).toMatchObject({ path: ['name'], message: 'This cannot be empty.' })
    expect(r.flow).toBeUndefined()
  })

  it('reports a document that is not an object at all as one problem at the root', () => {
    const r = check('hello')
    expect(r.problems).toEqual([expect.objectContaining({ code: 'INVALID_FLOW', path: [] })])
  })
})

describe('validateFlow: warnings', () => {
  it('warns about a node nothing connects to when there is a trigger, without making the flow invalid', () => {
    const r = check(testFlow([{ id: 't', type: 'test.trigger' }, { id: 'a' }, { id: 'lost' }], ['t>a']))
    expect(r.ok).toBe(true)
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: 'UNREACHABLE_NODE',
        severity: 'warning',
        nodeId: 'lost',
        path: ['nodes', 2],
      }),
    ])
  })

  it('does not warn about the first nodes of a loop body, which the loop starts', () => {
    const r = check(
      testFlow(
        [
          { id: 't', type: 'test.trigger' },
          { id: 'loop', type: 'test.loop' },
          { id: 'b', parentId: 'loop' },
        ],
        ['t>loop'],
      ),
    )
    expect(r.problems).toEqual([])
  })
})

describe('validateFlow: built-in nodes', () => {
  it('validates against the built-in definitions by default', () => {
    const r = validateFlow(testFlow([{ id: 'a', type: 'test.text' }]))
    expect(codes(r)).toEqual(['UNKNOWN_NODE_TYPE'])
    expect(builtinNodes.length).toBeGreaterThan(0)
  })
})
