import { describe, expect, it } from 'vitest'
import { loadTestCatalogue } from '../test-support/load-catalogue.ts'
import type { CanvasNode, FlowMeta } from './flow-mapping.ts'
import { problemsOf, validationOf } from './validation-view.ts'

loadTestCatalogue()
const meta: FlowMeta = { schemaVersion: 1, name: 'x', settings: { concurrency: 8 } }
const request = (url: string, x = 0): CanvasNode => ({
  id: 'request_1',
  type: 'flow',
  position: { x, y: 0 },
  data: { type: 'http.request', version: 1, name: '', config: { url }, settings: { onError: 'fail' } },
})

describe('live validation', () => {
  it('reports a problem on the node and the field it is about', () => {
    const view = validationOf({ meta, nodes: [request('')], edges: [] })
    const problems = problemsOf(view, 'request_1')
    expect(problems.some((p) => p.severity === 'error' && p.path.join('.') === 'nodes.0.config.url')).toBe(
      true,
    )
    expect(view.errorCount).toBeGreaterThan(0)
  })

  it('does not validate again when only positions change', () => {
    const node = request('')
    const first = validationOf({ meta, nodes: [node], edges: [] })
    const moved = { ...node, position: { x: 300, y: 40 } }
    expect(validationOf({ meta, nodes: [moved], edges: [] })).toBe(first)
    const fixed = { ...moved, data: { ...moved.data, config: { url: 'https://example.com' } } }
    expect(problemsOf(validationOf({ meta, nodes: [fixed], edges: [] }), 'request_1')).toEqual([])
  })
})
