import type { Flow } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { loadTestCatalogue } from '../test-support/load-catalogue.ts'
import { describeReference, labelReferences, referencedIds } from './variable-labels.ts'
import { filterVariables, previewScope, variablesFor } from './variables.ts'

loadTestCatalogue()
const node = (id: string, type: string, config: Record<string, unknown>, name = '') => ({
  id,
  type,
  version: 1,
  name,
  position: { x: 0, y: 0 },
  config,
  settings: { onError: 'fail' as const },
})
const flow: Flow = {
  schemaVersion: 1,
  name: 'x',
  settings: { concurrency: 8 },
  nodes: [
    node(
      'hook',
      'trigger.webhook',
      {
        inputSchema: [
          { name: 'title', type: 'string', required: true, description: '' },
          { name: '作者', type: 'string', required: false, description: '' },
          { name: 'lead', type: 'string', required: false, description: '导语，一两句话' },
        ],
      },
      '热点线索',
    ),
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
    const paths = variablesFor(flow, 'text', { results: {} }, 'zh-CN').flatMap((g) =>
      g.variables.map((v) => v.path),
    )
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
    const vars = variablesFor(flow, 'text', { results }, 'zh-CN').flatMap((g) => g.variables)
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

describe('variables by name', () => {
  const byPath = (groups: ReturnType<typeof variablesFor>) =>
    new Map(groups.flatMap((g) => g.variables).map((v) => [v.path, v.label]))

  it('label each value with the node’s name and the field’s label, and insert the path underneath', () => {
    const labels = byPath(variablesFor(flow, 'text', { results: {} }, 'zh-CN'))
    expect(labels.get('trigger.body.title')).toBe('热点线索 › title')
    // A Chinese field name is its own label and is read after a dot, unquoted.
    expect(labels.get('trigger.body.作者')).toBe('热点线索 › 作者')
    // An English name with a description: the description's first phrase.
    expect(labels.get('trigger.body.lead')).toBe('热点线索 › 导语')
    // A node without a name of its own is called by its kind; built-in output fields have labels in both languages.
    expect(labels.get('nodes.fields.headline')).toBe('设置字段 › headline')
    expect(byPath(variablesFor(flow, 'text', { results: {} }, 'en')).get('trigger.firedAt')).toBe(
      '热点线索 › Started at',
    )
  })

  it('label a structured answer’s fields by the descriptions they were given', () => {
    const plan = node(
      'plan',
      'ai.structured',
      { prompt: 'x', fields: [{ name: 'theme', type: 'string', description: '本期主题', required: true }] },
      '生成策划',
    )
    const withPlan: Flow = {
      ...flow,
      nodes: [...flow.nodes, plan],
      edges: [
        ...flow.edges,
        { id: 'e3', source: 'plan', sourcePort: 'out', target: 'text', targetPort: 'in' },
      ],
    }
    expect(
      byPath(variablesFor(withPlan, 'text', { results: {} }, 'zh-CN')).get('nodes.plan.data.theme'),
    ).toBe('生成策划 › 结果字段 › 本期主题')
  })

  it('quote a key that a dot cannot carry', () => {
    const results = {
      hook: {
        key: 'hook',
        nodeId: 'hook',
        status: 'succeeded' as const,
        ports: ['out'],
        output: { body: { '发布 日期': '5月1日' } },
        attempts: 1,
        startedAt: 0,
        finishedAt: 1,
      },
    }
    const labels = byPath(variablesFor(flow, 'text', { results }, 'zh-CN'))
    expect(labels.get('trigger.body["发布 日期"]')).toBe('热点线索 › 发布 日期')
  })

  it('find a value by its label as well as by its path', () => {
    const shown = filterVariables(variablesFor(flow, 'text', { results: {} }, 'zh-CN'), '导语')
    expect(shown.flatMap((g) => g.variables.map((v) => v.path))).toEqual(['trigger.body.lead'])
  })

  it('read a reference in a template by the node’s current name, so a rename shows at once and breaks nothing', () => {
    expect(describeReference(flow.nodes, 'trigger.body.lead', 'zh-CN')).toBe('热点线索 › 导语')
    const renamed = flow.nodes.map((n) => (n.id === 'fields' ? { ...n, name: '整理标题' } : n))
    expect(labelReferences('标题：{{ nodes.fields.headline }}！{{ item }}', renamed, 'zh-CN')).toBe(
      '标题：「整理标题 › headline」！{{ item }}',
    )
    expect(describeReference(renamed, 'nodes.gone.text', 'zh-CN')).toBeUndefined()
    // What a card watches to know when to relabel.
    expect(
      referencedIds('{{ trigger.body.标题 }} {{nodes.fields.headline}} {{ nodes.fields.x }} {{ item }}'),
    ).toEqual(['trigger', 'fields'])
  })
})

describe('filterVariables', () => {
  it('keeps the variables whose path contains what was typed after {{, ignoring case, and drops empty groups', () => {
    const groups = variablesFor(flow, 'text', { results: {} }, 'zh-CN')
    const shown = filterVariables(groups, ' TRI ')
    expect(shown.map((g) => g.source)).toEqual(['trigger'])
    expect(shown[0]?.variables.map((v) => v.path)).toContain('trigger.body.title')
    expect(filterVariables(groups, '')).toEqual(groups)
    expect(filterVariables(groups, 'nothing-like-this')).toEqual([])
  })
})
