import type { Flow } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { loadTestCatalogue } from '../test-support/load-catalogue.ts'
import { filterVariables, previewScope, variablesFor } from './variables.ts'

loadTestCatalogue()
const node = (id: string, type: string, config: Record<string, unknown>) => ({
  id,
  type,
  version: 1,
  name: '',
  position: { x: 0, y: 0 },
  config,
  settings: { onError: 'fail' as const },
})
const flow: Flow = {
  schemaVersion: 1,
  name: 'x',
  settings: { concurrency: 8 },
  nodes: [
    node('hook', 'trigger.webhook', {
      inputSchema: [{ name: 'title', type: 'string', required: true, description: '' }],
    }),
    node('fields', 'data.set', {
      fields: [{ name: 'headline', value: '{{ trigger.body.title }}', type: 'string' }],
    }),
    node('text', 'text.template', { template: '' }),
    node('aside', 'text.template', { template: '' }),
  ],
  edges: [
    { id: 'e1', source: 'hook', sourcePort: 'out', target: 'fields', targetPort: 'in' },
    { id: 'e2', source: 'fields', sourcePort: 'out', target: 'text', targetPort: 'in' },
  ],
}

describe('the variable picker’s list', () => {
  it('offers the trigger’s declared fields and the fields each upstream node outputs', () => {
    const paths = variablesFor(flow, 'text', { results: {} }).flatMap((g) => g.variables.map((v) => v.path))
    expect(paths).toContain('trigger.body.title')
    expect(paths).toContain('nodes.fields.headline')
    expect(paths.some((p) => p.startsWith('nodes.aside'))).toBe(false)
    expect(paths.some((p) => p.startsWith('nodes.text'))).toBe(false)
  })

  it('adds what the last run produced, with a sample value', () => {
    const results = {
      fields: {
        key: 'fields',
        nodeId: 'fields',
        status: 'succeeded' as const,
        ports: ['out'],
        output: { headline: '头条', extra: 1 },
        attempts: 1,
        startedAt: 0,
        finishedAt: 1,
      },
    }
    const vars = variablesFor(flow, 'text', { results }).flatMap((g) => g.variables)
    expect(vars.find((v) => v.path === 'nodes.fields.headline')?.sample).toBe('头条')
    expect(vars.some((v) => v.path === 'nodes.fields.extra')).toBe(true)
  })

  it('builds a preview scope from the last run only', () => {
    expect(previewScope(flow, { runId: undefined, results: {} })).toBeUndefined()
    const hook = {
      key: 'hook',
      nodeId: 'hook',
      status: 'succeeded' as const,
      ports: ['out'],
      output: { body: { title: 't' } },
      attempts: 1,
      startedAt: 0,
      finishedAt: 1,
    }
    expect(previewScope(flow, { runId: 'r', results: { hook } })?.trigger).toEqual({ body: { title: 't' } })
  })
})

describe('filterVariables', () => {
  it('keeps the variables whose path contains what was typed after {{, ignoring case, and drops empty groups', () => {
    const groups = variablesFor(flow, 'text', { results: {} })
    const shown = filterVariables(groups, ' TRI ')
    expect(shown.map((g) => g.source)).toEqual(['trigger'])
    expect(shown[0]?.variables.map((v) => v.path)).toContain('trigger.body.title')
    expect(filterVariables(groups, '')).toEqual(groups)
    expect(filterVariables(groups, 'nothing-like-this')).toEqual([])
  })
})
