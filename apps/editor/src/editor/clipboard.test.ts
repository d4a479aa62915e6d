import { describe, expect, it } from 'vitest'
import { copySelection, pasteClip } from './clipboard.ts'
import type { CanvasEdge, CanvasNode } from './flow-mapping.ts'

const node = (id: string, template: string, selected = true): CanvasNode => ({
  id,
  type: 'flow',
  position: { x: 0, y: 0 },
  selected,
  data: { type: 'text.template', version: 1, name: '', config: { template }, settings: { onError: 'fail' } },
})

describe('copy and paste', () => {
  const nodes = [
    node('template_1', 'hi'),
    node('template_2', '{{ nodes.template_1.text }} {{ nodes.other.x }}'),
    node('other', '', false),
  ]
  const edges: CanvasEdge[] = [
    { id: 'a', source: 'template_1', target: 'template_2', sourceHandle: 'out', targetHandle: 'in' },
    { id: 'b', source: 'other', target: 'template_1', sourceHandle: 'out', targetHandle: 'in' },
  ]

  it('copies the selected nodes and only the connections between them', () => {
    const clip = copySelection(nodes, edges)
    expect(clip?.nodes.map((n) => n.id)).toEqual(['template_1', 'template_2'])
    expect(clip?.edges.map((e) => e.id)).toEqual(['a'])
  })

  it('pastes with fresh ids, rewiring connections and template references among the pasted nodes', () => {
    const clip = copySelection(nodes, edges)
    if (!clip) throw new Error('nothing copied')
    const pasted = pasteClip(clip, new Set(nodes.map((n) => n.id)), { x: 40, y: 40 })
    expect(pasted.nodes.map((n) => n.id)).toEqual(['template_3', 'template_4'])
    expect(pasted.edges[0]).toMatchObject({ source: 'template_3', target: 'template_4' })
    // References to a pasted node follow it; references to anything else stay as they were.
    expect(pasted.nodes[1]?.data.config.template).toBe('{{ nodes.template_3.text }} {{ nodes.other.x }}')
    expect(pasted.nodes[0]?.position).toEqual({ x: 40, y: 40 })
  })
})
