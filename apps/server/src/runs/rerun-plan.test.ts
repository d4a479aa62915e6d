import type { NodeResult } from '@zhiliu/engine'
import { Flow, type FlowInput } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { nodesToRerun, reusableResults } from './rerun-plan.ts'

const node = (id: string, parentId?: string) => ({ id, type: 'text.template', version: 1, parentId })
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target })

// trigger → a → b → d, a → c (a side branch that does not lead to d), loop body { x → y } after b.
const flow = Flow.parse({
  schemaVersion: 1,
  name: 'rerun',
  nodes: [
    node('trigger'),
    node('a'),
    node('b'),
    node('c'),
    node('d'),
    node('loop'),
    node('x', 'loop'),
    node('y', 'loop'),
  ],
  edges: [
    edge('trigger', 'a'),
    edge('a', 'b'),
    edge('a', 'c'),
    edge('b', 'd'),
    edge('b', 'loop'),
    edge('x', 'y'),
  ],
} satisfies FlowInput)

const result = (nodeId: string, status: NodeResult['status'] = 'succeeded', key = nodeId): NodeResult => ({
  key,
  nodeId,
  status,
  ports: ['out'],
  output: { from: nodeId },
  attempts: 1,
  startedAt: 1,
  finishedAt: 2,
})

describe('re-run from a node', () => {
  it('runs the chosen node and everything downstream of it again, loop bodies included', () => {
    expect([...nodesToRerun(flow, 'b')].sort()).toEqual(['b', 'd', 'loop', 'x', 'y'])
  })

  it('widens a node inside a loop body to the loop that contains it', () => {
    expect([...nodesToRerun(flow, 'y')].sort()).toEqual(['loop', 'x', 'y'])
  })

  it('reuses the finished results of every other node, but not failed ones', () => {
    const results = [
      result('trigger'),
      result('a'),
      result('c', 'failed'),
      result('b'),
      result('x', 'succeeded', 'loop[0].x'),
      result('d'),
    ]
    expect(reusableResults(flow, results, 'b').map((r) => r.key)).toEqual(['trigger', 'a'])
  })
})
