import { describe, expect, it } from 'vitest'
import { ExpressionError } from '../errors.ts'
import { renderTemplate, type TemplateScope } from './render-template.ts'

function errorOf(fn: () => unknown): ExpressionError {
  try {
    fn()
  } catch (err) {
    if (err instanceof ExpressionError) return err
    throw err
  }
  throw new Error('expected an ExpressionError')
}

function makeScope(): TemplateScope {
  return {
    trigger: { body: { title: 'Spring sale', name: '李雷', n: 41, tags: ['a', 'b'], meta: { x: 1 } } },
    nodes: {
      summarize: { text: 'A long summary of the article that goes on and on' },
      split: { parts: ['one', 'two', 'three'] },
      skipped: null,
    },
  }
}

describe('renderTemplate', () => {
  it('returns a string without tags unchanged', () => {
    expect(renderTemplate('plain {text} with { braces }', makeScope())).toBe('plain {text} with { braces }')
  })

  it('renders outputs, filters and loops to text', () => {
    const scope = makeScope()
    expect(renderTemplate('Hello {{ trigger.body.name }}!', scope)).toBe('Hello 李雷!')
    expect(renderTemplate('» {{ nodes.summarize.text | truncate: 20 }}', scope)).toBe(
      '» A long summary of...',
    )
    expect(
      renderTemplate('{% for p in nodes.split.parts %}{{ forloop.index }}.{{ p }} {% endfor %}', scope),
    ).toBe('1.one 2.two 3.three ')
  })

  it('returns the referenced value itself when the string is exactly one output tag', () => {
    const scope = makeScope()
    const parts = (scope.nodes.split as { parts: string[] }).parts
    expect(renderTemplate('{{ nodes.split.parts }}', scope)).toBe(parts)
    expect(renderTemplate('  {{ trigger.body.meta }}\n', scope)).toEqual({ x: 1 })
    expect(renderTemplate('{{ trigger.body.n | plus: 1 }}', scope)).toBe(42)
    expect(renderTemplate('{{- trigger.body.n > 40 -}}', scope)).toBe(true)
  })

  it('returns text when an output tag is joined by anything else', () => {
    const scope = makeScope()
    expect(renderTemplate('{{ trigger.body.n }}{{ trigger.body.n }}', scope)).toBe('4141')
    expect(renderTemplate('n={{ trigger.body.n }}', scope)).toBe('n=41')
  })

  it('prints arrays and objects inside text as JSON, and as Liquid does with | raw', () => {
    const scope = makeScope()
    expect(renderTemplate('tags: {{ trigger.body.tags }}, meta: {{ trigger.body.meta }}', scope)).toBe(
      'tags: ["a","b"], meta: {"x":1}',
    )
    expect(renderTemplate('tags: {{ trigger.body.tags | raw }}', scope)).toBe('tags: ab')
  })

  it('renders a missing field as empty, so that default applies, and yields undefined for a lone tag', () => {
    const scope = makeScope()
    expect(renderTemplate('[{{ trigger.body.nope.deeper }}]', scope)).toBe('[]')
    expect(renderTemplate('{{ trigger.body.nope | default: "untitled" }}', scope)).toBe('untitled')
    expect(renderTemplate('{{ trigger.body.nope }}', scope)).toBeUndefined()
  })

  it('reads a skipped node that the engine passed as null as empty', () => {
    expect(renderTemplate('[{{ nodes.skipped.text }}]', makeScope())).toBe('[]')
    expect(renderTemplate('{% if nodes.skipped %}yes{% else %}no{% endif %}', makeScope())).toBe('no')
  })

  it('fails with TEMPLATE_REFERENCE naming a node id that is not in scope', () => {
    const err = errorOf(() => renderTemplate('Summary: {{ nodes.sumarize.text }}', makeScope()))
    expect(err.code).toBe('TEMPLATE_REFERENCE')
    expect(err.message).toContain('nodes.sumarize')
    expect(err.details).toEqual({ root: 'nodes', nodeId: 'sumarize' })
  })

  it('fails with TEMPLATE_REFERENCE naming an unknown root, even inside a branch not taken', () => {
    const err = errorOf(() => renderTemplate('{% if false %}{{ triger.body }}{% endif %}', makeScope()))
    expect(err.code).toBe('TEMPLATE_REFERENCE')
    expect(err.message).toContain('"triger"')
  })

  it('makes item and index available only when the scope has them', () => {
    const scope = { ...makeScope(), item: { title: 'first' }, index: 0 }
    expect(renderTemplate('{{ index | plus: 1 }}: {{ item.title }}', scope)).toBe('1: first')
    expect(errorOf(() => renderTemplate('{{ item.title }}', makeScope())).code).toBe('TEMPLATE_REFERENCE')
    expect(errorOf(() => renderTemplate('{{ trigger.body }}', { nodes: {} })).code).toBe('TEMPLATE_REFERENCE')
  })

  it('does not treat loop variables and assigned names as references', () => {
    const source =
      '{% assign t = trigger.body.title %}{% for p in nodes.split.parts limit: 1 %}{{ t }}/{{ p }}{% endfor %}'
    expect(renderTemplate(source, makeScope())).toBe('Spring sale/one')
  })

  it('reads a node chosen at run time', () => {
    const scope = { ...makeScope(), trigger: { body: { which: 'summarize' } } }
    expect(renderTemplate('{{ nodes[trigger.body.which].text | size }}', scope)).toBe(49)
  })

  it('reports syntax errors as TEMPLATE_SYNTAX with line and column', () => {
    const err = errorOf(() => renderTemplate('Hello\n  {% if trigger.body.n %}open', makeScope()))
    expect(err.code).toBe('TEMPLATE_SYNTAX')
    expect(err.message).toMatch(/line 2, column 3: tag \{% if trigger\.body\.n %\} not closed/)
    expect(err.details).toEqual({ line: 2, col: 3 })
    expect(errorOf(() => renderTemplate('{{ trigger.body.title | shout }}', makeScope())).code).toBe(
      'TEMPLATE_SYNTAX',
    )
  })

  it('reports a failing filter as TEMPLATE_ERROR with its position', () => {
    const err = errorOf(() => renderTemplate('a {{ "%E0%A4%A" | url_decode }}', makeScope()))
    expect(err.code).toBe('TEMPLATE_ERROR')
    expect(err.message).toBe('Template failed at line 1, column 3: URI malformed')
  })

  it('renders a cached template against each new scope', () => {
    const source = 'Hi {{ trigger.body.name }}'
    expect(renderTemplate(source, { nodes: {}, trigger: { body: { name: 'A' } } })).toBe('Hi A')
    expect(renderTemplate(source, { nodes: {}, trigger: { body: { name: 'B' } } })).toBe('Hi B')
  })

  it('freezes the values a template reads, and only those', () => {
    const scope = makeScope()
    renderTemplate('{{ trigger.body.title }} {{ nodes.split.parts | size }}', scope)
    expect(Object.isFrozen((scope.trigger as { body: { tags: string[] } }).body.tags)).toBe(true)
    expect(Object.isFrozen((scope.nodes.split as { parts: string[] }).parts)).toBe(true)
    expect(Object.isFrozen(scope.nodes.summarize)).toBe(false)
    expect(Object.isFrozen(scope.nodes)).toBe(false)
  })
})
