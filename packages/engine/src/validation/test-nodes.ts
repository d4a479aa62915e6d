import { defineNode, type FlowInput, field, route, t } from '@zhiliu/nodes'
import { z } from 'zod'

/**
 * Small definitions for the validator's tests: each has just the feature a rule needs, so a test failing points
 * at the validator, not at a built-in node that changed.
 */
const base = { title: t('测试', 'Test'), description: t('测试', 'Test'), sideEffects: false } as const
const inPort = { name: 'in', label: t('输入', 'In') }
const outPort = { name: 'out', label: t('输出', 'Out') }

export const testTrigger = defineNode({
  ...base,
  type: 'test.trigger',
  version: 1,
  category: 'trigger',
  inputs: [],
  outputs: [outPort],
  config: z.object({
    fields: field(z.array(z.string()).default([]), { widget: 'list', template: false, label: base.title }),
  }),
  output: z.object({ body: z.unknown(), headers: z.record(z.string(), z.string()) }),
  outputFor: (c) => z.object({ body: z.object(Object.fromEntries(c.fields.map((f) => [f, z.string()]))) }),
  async run() {
    return { body: {}, headers: {} }
  },
})

const fetchOutput = z.object({
  status: z.number(),
  items: z.array(z.object({ title: z.string(), tags: z.array(z.string()) })),
  meta: z.record(z.string(), z.unknown()),
  raw: z.unknown(),
})

export const testFetch = defineNode({
  ...base,
  type: 'test.fetch',
  version: 2,
  category: 'integration',
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    url: field(z.url(), { widget: 'text', label: base.title }),
    count: field(z.int().min(1).default(1), { widget: 'template', label: base.title }),
    method: field(z.enum(['GET', 'POST']).default('GET'), { widget: 'select', label: base.title }),
    limit: field(z.int().min(1).default(10), { widget: 'number', label: base.title }),
  }),
  output: fetchOutput,
  async run() {
    return { status: 200, items: [], meta: {}, raw: null }
  },
})

/** Versions 1 and 3 exist so that "which versions exist" has more than one answer. */
export const testFetchV1 = { ...testFetch, version: 1 }
export const testFetchV3 = { ...testFetch, version: 3 }

export const testText = defineNode({
  ...base,
  type: 'test.text',
  version: 1,
  category: 'text',
  inputs: [inPort, { name: 'extra', label: t('附加', 'Extra'), multiple: true }],
  outputs: [outPort],
  config: z.object({ template: field(z.unknown().default(''), { widget: 'template', label: base.title }) }),
  output: z.object({ text: z.string() }),
  async run() {
    return { text: '' }
  },
})

export const testSwitch = defineNode({
  ...base,
  type: 'test.switch',
  version: 1,
  category: 'logic',
  inputs: [inPort],
  outputs: (c) => [
    ...c.cases.map((id) => ({ name: id, label: t(id, id) })),
    { name: 'default', label: base.title },
  ],
  config: z.object({
    cases: field(z.array(z.string()).default([]), { widget: 'list', template: false, label: base.title }),
  }),
  output: z.object({ matched: z.string().nullable() }),
  async run() {
    return route('default', { matched: null })
  },
})

export const testLoop = defineNode({
  ...base,
  type: 'test.loop',
  version: 1,
  category: 'logic',
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({ items: field(z.unknown().default(''), { widget: 'text', label: base.title }) }),
  output: z.object({ results: z.array(z.unknown()), count: z.int() }),
  iterates: true,
  async run() {
    return { results: [], count: 0 }
  },
})

/** Expression fields at the top, inside a list of objects, and one whose templates are rendered first. */
export const testCompute = defineNode({
  ...base,
  type: 'test.compute',
  version: 1,
  category: 'data',
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    expression: field(z.string().trim().min(1).max(200).default('$'), {
      widget: 'expression',
      label: base.title,
    }),
    rules: field(
      z.array(z.object({ when: field(z.string(), { widget: 'expression', label: base.title }) })).default([]),
      { widget: 'list', template: false, label: base.title },
    ),
    templated: field(z.string().optional(), { widget: 'expression', template: true, label: base.title }),
  }),
  output: z.object({ result: z.unknown() }),
  async run() {
    return { result: null }
  },
})

export const testNodes = [
  testTrigger,
  testFetchV1,
  testFetch,
  testFetchV3,
  testText,
  testSwitch,
  testLoop,
  testCompute,
]

type NodeSpec = { id: string; type?: string; version?: number; config?: Record<string, unknown> } & Omit<
  FlowInput['nodes'][number],
  'id' | 'type' | 'version'
>
type EdgeSpec =
  | string
  | { source: string; target: string; sourcePort?: string; targetPort?: string; id?: string }

/** A flow document from short specs: `'a>b'` is an edge from a's `out` to b's `in`; nodes default to test.text. */
export function testFlow(nodes: NodeSpec[], edges: EdgeSpec[] = []): FlowInput {
  return {
    schemaVersion: 1,
    name: 'test',
    nodes: nodes.map((n) => ({ type: 'test.text', version: 1, ...n })),
    edges: edges.map((e, i) => {
      if (typeof e !== 'string') return { id: `e${i}`, ...e }
      const [source = '', target = ''] = e.split('>')
      return { id: `e${i}`, source, target }
    }),
  }
}
