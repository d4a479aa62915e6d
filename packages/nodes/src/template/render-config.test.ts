import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ExpressionError } from '../errors.ts'
import { field } from '../ui-hints.ts'
import { renderConfig } from './render-config.ts'
import type { TemplateScope } from './render-template.ts'

const label = { 'zh-CN': '字段', en: 'Field' }

const schema = z.object({
  url: z.string(),
  headers: field(z.record(z.string(), z.string()), { widget: 'key-value', label }).optional(),
  body: field(z.unknown(), { widget: 'json', label }).default({}),
  transform: field(z.string(), { widget: 'expression', label }),
  method: field(z.enum(['GET', 'POST']), { widget: 'select', label }).default('GET'),
  literal: field(z.string(), { widget: 'textarea', label, template: false }),
  pick: field(z.string(), { widget: 'select', label, template: true }),
})

const scope: TemplateScope = {
  trigger: { body: { id: 7, tags: ['x', 'y'], token: 'abc' } },
  nodes: { search: { hits: [{ title: 'T1' }, { title: 'T2' }] } },
}

describe('renderConfig', () => {
  it('renders every string in templated fields, nested ones included, and keeps lone-tag values typed', () => {
    const config = {
      url: 'https://api.example.com/items/{{ trigger.body.id }}',
      headers: { authorization: 'Bearer {{ trigger.body.token }}' },
      body: {
        ids: ['{{ trigger.body.id }}', 3],
        tags: '{{ trigger.body.tags }}',
        first: '{{ nodes.search.hits[0] }}',
      },
      pick: '{{ trigger.body.tags | first }}',
    }
    expect(renderConfig(config, schema, scope)).toEqual({
      url: 'https://api.example.com/items/7',
      headers: { authorization: 'Bearer abc' },
      body: { ids: [7, 3], tags: ['x', 'y'], first: { title: 'T1' } },
      pick: 'x',
    })
  })

  it('copies expression, select and template:false fields as they are', () => {
    const config = {
      transform: '{{ not a template }} $sum(x)',
      method: '{{ trigger.body.m }}',
      literal: '{{ raw }}',
    }
    expect(renderConfig(config, schema, scope)).toEqual(config)
  })

  it('renders keys the schema does not know, and every key when the schema is not an object', () => {
    expect(renderConfig({ extra: '{{ trigger.body.id }}' }, schema, scope)).toEqual({ extra: 7 })
    const union = z.union([z.object({ a: z.string() }), z.object({ b: z.string() })])
    expect(renderConfig({ b: 'n={{ trigger.body.id }}' }, union, scope)).toEqual({ b: 'n=7' })
  })

  it('finds field hints through default and optional wrappers around the config object', () => {
    const wrapped = schema.default({
      url: '',
      body: {},
      transform: '',
      method: 'GET',
      literal: '',
      pick: '',
    })
    expect(renderConfig({ transform: '{{ x }}' }, wrapped.optional(), scope)).toEqual({
      transform: '{{ x }}',
    })
  })

  it('leaves the input config untouched', () => {
    const config = { url: '{{ trigger.body.id }}', body: { nested: ['{{ trigger.body.id }}'] } }
    const before = structuredClone(config)
    renderConfig(config, schema, scope)
    expect(config).toEqual(before)
  })

  it('keeps a __proto__ key in config data an ordinary key', () => {
    const config = JSON.parse('{"body": {"__proto__": {"polluted": "{{ trigger.body.id }}"}}}')
    const rendered = renderConfig(config, schema, scope) as { body: Record<string, unknown> }
    expect(Object.getPrototypeOf(rendered.body)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(rendered.body, '__proto__')?.value).toEqual({ polluted: 7 })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('names the field whose template failed', () => {
    let caught: unknown
    try {
      renderConfig({ body: { items: ['ok', '{{ nodes.missing.x }}'] } }, schema, scope)
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(ExpressionError)
    expect(caught).toMatchObject({
      code: 'TEMPLATE_REFERENCE',
      message: expect.stringMatching(/^body\.items\[1\]: "nodes\.missing" does not exist here/),
      details: { field: 'body.items[1]', nodeId: 'missing' },
    })
  })
})
