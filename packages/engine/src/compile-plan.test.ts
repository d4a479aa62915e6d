import { builtinNodes, createRegistry } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { compilePlan, type GroupPlan, PlanError } from './compile-plan.ts'
import { createFlowGraph } from './flow-graph.ts'
import { type TestNodeSpec, testFlow } from './test-nodes.ts'

const registry = createRegistry(builtinNodes)
const plan = (nodes: TestNodeSpec[], edges: string[] = []) =>
  compilePlan(createFlowGraph(testFlow(nodes, edges)), registry)
const ids = (group: GroupPlan) => group.nodes.map((n) => n.id)

describe('compilePlan', () => {
  it('splits loop bodies into their own groups, in topological order, ignoring edges across the boundary', () => {
    const top = plan(
      [
        { id: 'b', type: 'text.template', parentId: 'loop' },
        { id: 'a', type: 'text.template', parentId: 'loop' },
        { id: 'loop', type: 'logic.for-each' },
        { id: 't', type: 'trigger.manual' },
      ],
      ['t -> loop', 'a -> b', 'loop -> a'],
    )
    expect(ids(top)).toEqual(['t', 'loop'])
    const body = top.nodes[1]?.body as GroupPlan
    expect(ids(body)).toEqual(['a', 'b'])
    expect(body.nodes[0]).toMatchObject({ entry: true, incoming: [] })
    expect(body.sinks.map((n) => n.id)).toEqual(['b'])
    expect(top.nodes[1]?.outgoing).toEqual([])
  })

  it('makes the trigger the only entry of a flow that has one', () => {
    const top = plan([
      { id: 't', type: 'trigger.manual' },
      { id: 'lonely', type: 'text.template' },
    ])
    expect(top.nodes.map((n) => [n.id, n.entry])).toEqual([
      ['t', true],
      ['lonely', false],
    ])
  })

  it.each([
    ['a cycle', [{ id: 'a' }, { id: 'b' }], ['a -> b', 'b -> a'], /cycle: a → b/],
    [
      'two triggers',
      [
        { id: 'x', type: 'trigger.manual' },
        { id: 'y', type: 'trigger.webhook' },
      ],
      [],
      /"x", "y"/,
    ],
    ['a node inside a non-loop', [{ id: 'a' }, { id: 'b', parentId: 'a' }], [], /"b" is inside "a"/],
  ])('refuses %s as FLOW_INVALID', (_, nodes, edges, message) => {
    const specs = nodes.map((n) => ({ type: 'text.template', ...n }))
    const attempt = () => plan(specs, edges)
    expect(attempt).toThrow(PlanError)
    expect(attempt).toThrow(message)
  })
})
