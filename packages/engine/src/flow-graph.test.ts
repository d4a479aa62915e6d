import { Flow, type FlowInput } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { createFlowGraph } from './flow-graph.ts'

function flow(nodes: Array<{ id: string; parentId?: string }>, edges: Array<[string, string]>): Flow {
  const input: FlowInput = {
    schemaVersion: 1,
    name: 'graph test',
    nodes: nodes.map((n) => ({ ...n, type: 'text.template', version: 1 })),
    edges: edges.map(([source, target], i) => ({ id: `e${i}`, source, target })),
  }
  return Flow.parse(input)
}

describe('createFlowGraph', () => {
  it('orders nodes topologically and breaks ties by document order, not by edge order', () => {
    const g = createFlowGraph(
      flow(
        [{ id: 'c' }, { id: 'a' }, { id: 'b' }, { id: 'd' }],
        [
          ['a', 'd'],
          ['c', 'd'],
          ['b', 'd'],
        ],
      ),
    )
    expect(g.order).toEqual(['c', 'a', 'b', 'd'])
    expect(g.cycle).toBeNull()
  })

  it('reports a cycle with the nodes along it and gives no order', () => {
    const g = createFlowGraph(
      flow(
        [{ id: 't' }, { id: 'a' }, { id: 'b' }],
        [
          ['t', 'a'],
          ['a', 'b'],
          ['b', 'a'],
        ],
      ),
    )
    expect(g.order).toBeNull()
    expect(g.cycle).toEqual(['a', 'b'])
  })

  it('treats upstream as edge ancestors plus, in a loop body, what is upstream of the loop but not the loop', () => {
    const g = createFlowGraph(
      flow(
        [
          { id: 't' },
          { id: 'x' },
          { id: 'loop' },
          { id: 'b1', parentId: 'loop' },
          { id: 'b2', parentId: 'loop' },
          { id: 'after' },
        ],
        [
          ['t', 'loop'],
          ['t', 'x'],
          ['b1', 'b2'],
          ['loop', 'after'],
        ],
      ),
    )
    expect([...g.upstream('b2')].sort()).toEqual(['b1', 't'])
    expect([...g.upstream('after')].sort()).toEqual(['loop', 't'])
    expect(g.upstream('x').has('loop')).toBe(false)
    expect(g.children('loop')).toEqual(['b1', 'b2'])
    expect(g.topLevel).toEqual(['t', 'x', 'loop', 'after'])
  })

  it('ignores edges to missing nodes, leaving them for the validator to report', () => {
    const g = createFlowGraph(flow([{ id: 'a' }], [['a', 'ghost']]))
    expect(g.outgoing('a')).toEqual([])
    expect(g.order).toEqual(['a'])
  })

  it('answers upstream for a 5,000-node chain without overflowing the stack or copying sets down the chain', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => ({ id: `n${i}` }))
    const g = createFlowGraph(
      flow(
        ids,
        ids.slice(1).map((n, i) => [`n${i}`, n.id] as [string, string]),
      ),
    )
    for (const { id } of ids) g.upstream(id)
    const last = g.upstream('n4999')
    expect(last.size).toBe(4999)
    expect(last.has('n0')).toBe(true)
    expect(last.has('n4999')).toBe(false)
    expect([...g.upstream('n3')]).toEqual(['n0', 'n1', 'n2'])
    expect(g.upstream('ghost').size).toBe(0)
  })
})
