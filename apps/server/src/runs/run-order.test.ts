import type { NodeResult } from '@zhiliu/engine'
import { Flow } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { inRunOrder } from './run-order.ts'

// The tail of examples/webhook-transform.json: slug runs after summary, reply after slug. Document order is not
// run order here, so a tie broken by document position alone would be wrong too.
const flow = Flow.parse({
  schemaVersion: 1,
  name: 'tail',
  nodes: [
    { id: 'reply', type: 'flow.respond', version: 1, position: { x: 600, y: 0 }, config: {} },
    { id: 'summary', type: 'text.template', version: 1, position: { x: 0, y: 0 }, config: {} },
    { id: 'slug', type: 'data.set', version: 1, position: { x: 300, y: 0 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 'summary', target: 'slug' },
    { id: 'e2', source: 'slug', target: 'reply' },
  ],
})
const done = (key: string, startedAt: number, finishedAt: number): NodeResult => ({
  key,
  nodeId: key.replace(/^loop\[\d+\]\./, ''),
  status: 'succeeded',
  ports: ['out'],
  attempts: 1,
  startedAt,
  finishedAt,
})

describe('the order a run view lists its steps in', () => {
  it('lists two steps that started and finished in the same millisecond in the order the flow runs them', () => {
    const listed = inRunOrder([done('reply', 7, 7), done('summary', 5, 7), done('slug', 7, 7)], flow)
    expect(listed.map((r) => r.key)).toEqual(['summary', 'slug', 'reply'])
  })

  it('still lists by finishing time first, whatever the flow’s order', () => {
    const listed = inRunOrder([done('summary', 1, 9), done('slug', 2, 3), done('reply', 4, 5)], flow)
    expect(listed.map((r) => r.key)).toEqual(['slug', 'reply', 'summary'])
  })
})
