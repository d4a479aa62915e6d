import type { Flow } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { toCanvas, toDocument } from './flow-mapping.ts'

const flow: Flow = {
  schemaVersion: 1,
  name: '循环',
  settings: { concurrency: 4 },
  nodes: [
    {
      id: 'body',
      type: 'text.template',
      version: 1,
      name: '',
      position: { x: 10, y: 80 },
      parentId: 'loop',
      config: { template: '{{ item }}' },
      settings: { onError: 'fail' },
    },
    {
      id: 'loop',
      type: 'logic.for-each',
      version: 1,
      name: '逐条',
      position: { x: 200, y: 0 },
      config: { items: '[]' },
      settings: { onError: 'continue' },
    },
  ],
  edges: [{ id: 'e1', source: 'loop', sourcePort: 'out', target: 'body', targetPort: 'in' }],
}

describe('flow mapping', () => {
  it('maps a document to the canvas and back without losing or adding anything', () => {
    const { meta, nodes, edges } = toCanvas(flow)
    const back = toDocument(meta, nodes, edges)
    expect(back.edges).toEqual(flow.edges)
    expect([...back.nodes].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...flow.nodes].sort((a, b) => a.id.localeCompare(b.id)),
    )
    expect(back.settings).toEqual(flow.settings)
  })

  it('keeps node data to the document fields, and puts a loop before its body as React Flow requires', () => {
    const { nodes } = toCanvas(flow)
    expect(nodes.map((n) => n.id)).toEqual(['loop', 'body'])
    expect(Object.keys(nodes[0]?.data ?? {}).sort()).toEqual([
      'config',
      'name',
      'settings',
      'type',
      'version',
    ])
    expect(nodes[1]?.parentId).toBe('loop')
  })
})
