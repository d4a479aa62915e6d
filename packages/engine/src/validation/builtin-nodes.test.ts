import { builtinNodes, configRefs, type FlowInput } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { validateFlow } from '../validate-flow.ts'
import { templatedStrings } from './templated-strings.ts'

describe('validation against the built-in nodes', () => {
  it('finds templates in exactly the fields the engine renders, for every built-in node', () => {
    for (const def of builtinNodes) {
      const shape = (def.config as z.ZodObject).shape as Record<string, unknown>
      const config = Object.fromEntries(
        Object.keys(shape).map((key) => [key, [{ v: `{{ trigger.${key} }}` }]]),
      )
      const ours = templatedStrings(config, def.config).map((s) => s.field.join('.'))
      const engine = configRefs(config, def.config).map((r) => r.field.join('.'))
      expect({ type: def.type, fields: ours }).toEqual({ type: def.type, fields: engine })
    }
  })

  it('reports an AI step left without its prompt as a problem on that field, in Chinese, like a missing URL', () => {
    const flow = (prompt: unknown): FlowInput => ({
      schemaVersion: 1,
      name: 'Ask',
      nodes: [
        { id: 'start', type: 'trigger.manual', version: 1, config: {} },
        { id: 'ask', type: 'ai.chat', version: 1, config: prompt === undefined ? {} : { prompt } },
      ],
      edges: [{ id: 'e', source: 'start', sourcePort: 'out', target: 'ask', targetPort: 'in' }],
    })
    for (const empty of [undefined, '', '  \n ']) {
      const { ok, problems } = validateFlow(flow(empty), { definitions: builtinNodes })
      expect(ok).toBe(false)
      expect(problems.map((p) => [p.code, p.path, p.severity])).toEqual([
        ['REQUIRED_EMPTY', ['nodes', 1, 'config', 'prompt'], 'error'],
      ])
      expect(problems[0]?.localized['zh-CN']).toContain('请填写“提示词”')
    }
    expect(validateFlow(flow('{{ trigger.body.text }}'), { definitions: builtinNodes }).ok).toBe(true)
  })

  const newsroom = (): FlowInput => ({
    schemaVersion: 1,
    name: 'Summarise stories',
    nodes: [
      {
        id: 'start',
        type: 'trigger.manual',
        version: 1,
        config: { inputSchema: [{ name: 'stories', type: 'string' }] },
      },
      { id: 'split', type: 'text.split', version: 1, config: { text: '{{ trigger.body.stories }}' } },
      { id: 'each', type: 'logic.for-each', version: 1, config: { items: '{{ nodes.split.parts }}' } },
      {
        id: 'line',
        type: 'text.template',
        version: 1,
        parentId: 'each',
        config: { template: '{{ index }}. {{ item }}' },
      },
      {
        id: 'meta',
        type: 'data.set',
        version: 1,
        config: { fields: [{ name: 'count', value: '{{ nodes.each.count }}', type: 'number' }] },
      },
      {
        id: 'route',
        type: 'logic.switch',
        version: 1,
        config: {
          value: '{{ nodes.meta.count }}',
          cases: [{ id: 'many', operator: 'equals', compare: '10' }],
        },
      },
      {
        id: 'report',
        type: 'text.template',
        version: 1,
        config: { template: '{{ nodes.meta.count }} stories' },
      },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'split' },
      { id: 'e2', source: 'split', target: 'each' },
      { id: 'e3', source: 'each', target: 'meta' },
      { id: 'e4', source: 'meta', target: 'route' },
      { id: 'e5', source: 'route', sourcePort: 'many', target: 'report' },
    ],
  })

  it('accepts a realistic flow with a loop, a set node and a switch', () => {
    const r = validateFlow(newsroom())
    expect(r.problems).toEqual([])
    expect(r.ok).toBe(true)
  })

  it('uses the precise outputs derived from config: set fields and switch cases', () => {
    const flow = newsroom()
    const report = flow.nodes[6] as { config: Record<string, unknown> }
    report.config.template =
      '{{ nodes.meta.total }} of {{ nodes.split.pieces }} ({{ trigger.body.stories.size }})'
    ;(flow.edges[4] as { sourcePort: string }).sourcePort = 'few'
    const r = validateFlow(flow)
    expect(r.problems.map((p) => [p.code, p.nodeId ?? p.edgeId])).toEqual([
      ['TEMPLATE_UNKNOWN_FIELD', 'report'],
      ['TEMPLATE_UNKNOWN_FIELD', 'report'],
      ['UNKNOWN_OUTPUT_PORT', 'e5'],
    ])
    expect(r.problems[2]?.message).toBe('"route" has no output "few". Its outputs are: "many", "default".')
  })
})
