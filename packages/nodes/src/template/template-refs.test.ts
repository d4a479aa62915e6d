import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ExpressionError } from '../errors.ts'
import { field } from '../ui-hints.ts'
import { configRefs, templateRefs } from './template-refs.ts'

describe('templateRefs', () => {
  it('lists the path of an output reference, indexes included, whatever the filters', () => {
    expect(templateRefs('{{ nodes.a.b[0].c | upcase }}')).toEqual([
      { root: 'nodes', path: ['a', 'b', 0, 'c'], source: 'nodes.a.b[0].c' },
    ])
  })

  it('lists references in tags and filter arguments, but not loop variables, forloop or assigned names', () => {
    const source = [
      '{% assign limit = trigger.body.limit %}',
      '{% for x in nodes.a.items limit: limit %}{{ x.name }} {{ forloop.index }}{% endfor %}',
      '{% if item.done %}{{ nodes.b.text | append: index }}{% endif %}',
      '{% capture note %}{{ nodes.c["key with space"] }}{% endcapture %}{{ note }}',
    ].join('')
    expect(templateRefs(source).map((ref) => ref.source)).toEqual([
      'trigger.body.limit',
      'nodes.a.items',
      'item.done',
      'nodes.b.text',
      'index',
      "nodes.c['key with space']",
    ])
  })

  it('lists each reference once', () => {
    expect(templateRefs('{{ trigger.body.x }} {{ trigger.body.x | size }}')).toHaveLength(1)
  })

  it('stops a path at a computed segment and lists the segment as a reference of its own', () => {
    expect(templateRefs('{{ nodes[trigger.body.which].text }}')).toEqual([
      { root: 'nodes', path: [], source: 'nodes[trigger.body.which].text' },
      { root: 'trigger', path: ['body', 'which'], source: 'trigger.body.which' },
    ])
  })

  it('finds nothing in plain text', () => {
    expect(templateRefs('no tags here, only { braces }')).toEqual([])
  })

  it('throws TEMPLATE_SYNTAX for a template that does not parse', () => {
    expect(() => templateRefs('{{ nodes.a.b ')).toThrow(expect.objectContaining({ code: 'TEMPLATE_SYNTAX' }))
  })
})

describe('configRefs', () => {
  const schema = z.object({
    prompt: field(z.string(), { widget: 'textarea', label: { 'zh-CN': '提示词', en: 'Prompt' } }),
    fields: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
    expr: field(z.string(), { widget: 'expression', label: { 'zh-CN': '表达式', en: 'Expression' } }),
    mode: field(z.enum(['a', 'b']), { widget: 'select', label: { 'zh-CN': '模式', en: 'Mode' } }),
  })

  it('lists references in templated fields with the path of the string they sit in', () => {
    const config = {
      prompt: 'Summarise {{ nodes.fetch.body }}',
      fields: [
        { name: 'title', value: '{{ trigger.body.title }}' },
        { name: 'by', value: '{{ nodes.y.author }} at {{ nodes.y.time }}' },
      ],
      expr: '{{ nodes.ignored }}',
      mode: '{{ nodes.ignored_too }}',
    }
    expect(configRefs(config, schema)).toEqual([
      { field: ['prompt'], ref: { root: 'nodes', path: ['fetch', 'body'], source: 'nodes.fetch.body' } },
      {
        field: ['fields', 0, 'value'],
        ref: { root: 'trigger', path: ['body', 'title'], source: 'trigger.body.title' },
      },
      {
        field: ['fields', 1, 'value'],
        ref: { root: 'nodes', path: ['y', 'author'], source: 'nodes.y.author' },
      },
      { field: ['fields', 1, 'value'], ref: { root: 'nodes', path: ['y', 'time'], source: 'nodes.y.time' } },
    ])
  })

  it('names the field of a template that does not parse', () => {
    let caught: unknown
    try {
      configRefs(
        {
          fields: [
            { name: 'a', value: 'ok' },
            { name: 'b', value: '{% if x %}' },
          ],
        },
        schema,
      )
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(ExpressionError)
    expect(caught).toMatchObject({
      code: 'TEMPLATE_SYNTAX',
      message: expect.stringMatching(/^fields\[1\]\.value: Template syntax error at line 1/),
      details: { field: 'fields[1].value', line: 1, col: 1 },
    })
  })
})
