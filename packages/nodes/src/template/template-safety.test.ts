import { afterEach, describe, expect, it } from 'vitest'
import { ExpressionError } from '../errors.ts'
import { templateBuildsRange } from './parse-template.ts'
import { renderTemplate, type TemplateScope } from './render-template.ts'
import { templateRefs } from './template-refs.ts'

// Every attack must end in a clear ExpressionError within its limit, reach nothing outside the scope's data, and
// leave the prototypes and the caller's data as they were.

const objectProtoKeys = Reflect.ownKeys(Object.prototype)
const arrayProtoKeys = Reflect.ownKeys(Array.prototype)

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(Reflect.ownKeys(Object.prototype)).toEqual(objectProtoKeys)
  expect(Reflect.ownKeys(Array.prototype)).toEqual(arrayProtoKeys)
})

function makeScope(): TemplateScope {
  return {
    trigger: {
      body: { title: 'hello', list: [1, 2, 3], own: JSON.parse('{"__proto__": {"secret": "s3cret"}}') },
    },
    nodes: { a: { list: [3, 1, 2], text: 'abc' } },
  }
}

/** Renders, and returns the ExpressionError it threw with how long it took, or fails the test. */
function attack(source: string, scope: TemplateScope = makeScope()): { error: ExpressionError; ms: number } {
  const started = performance.now()
  try {
    renderTemplate(source, scope)
  } catch (err) {
    if (err instanceof ExpressionError) return { error: err, ms: performance.now() - started }
    throw err
  }
  throw new Error(`expected ${source.slice(0, 60)} to fail`)
}

describe('template safety: reaching code', () => {
  it('cannot call constructors: the call syntax does not exist and a constructor root is unknown', () => {
    expect(attack("{{ constructor.constructor('return process')() }}").error.code).toBe('TEMPLATE_SYNTAX')
    expect(attack("{{ trigger.constructor.constructor('return process')() }}").error.code).toBe(
      'TEMPLATE_SYNTAX',
    )
    expect(attack('{{ constructor.constructor }}').error.code).toBe('TEMPLATE_REFERENCE')
    expect(attack('{{ __proto__ }}').error.code).toBe('TEMPLATE_REFERENCE')
  })

  it.each([
    '{{ trigger.constructor.constructor }}',
    '{{ trigger.body.constructor }}',
    '{{ trigger.body.title.constructor }}',
    '{{ trigger.body.list.constructor.prototype }}',
    "{{ trigger.body['constructor'] }}",
    '{{ nodes.a.__proto__ }}',
    '{{ nodes.a.__proto__.constructor }}',
    '{{ nodes.a.prototype }}',
    '{{ trigger.body.own.__proto__.secret }}',
    '{% for i in (1..1) %}{{ forloop.constructor }}{{ forloop.__proto__.constructor }}{% endfor %}',
    '{% assign c = trigger.constructor %}{{ c.constructor }}{{ c }}',
  ])('%s reads nothing', (source) => {
    expect(renderTemplate(`x:${source}`, makeScope())).toBe('x:')
  })

  it('gives filters nothing through constructor and prototype keys either', () => {
    const rendered = renderTemplate(
      '{{ nodes.a.list | map: "constructor" }}|{{ nodes.a.list | where: "constructor" }}|{{ nodes.a.list | sort: "__proto__" }}',
      makeScope(),
    )
    expect(rendered).toBe('[null,null,null]|[]|[3,1,2]')
  })

  it('refuses filters that do not exist, such as valueOf', () => {
    expect(attack('{{ 1 | valueOf }}').error).toMatchObject({ code: 'TEMPLATE_SYNTAX', message: /valueOf/ })
    expect(attack('{{ trigger | constructor }}').error.code).toBe('TEMPLATE_SYNTAX')
  })
})

describe('template safety: files', () => {
  it.each([
    "{% include '/etc/passwd' %}",
    "{% include 'package.json' %}",
    "{% render '../../../../etc/passwd' %}",
    "{% layout '/etc/passwd' %}",
    '{% include trigger.body.title %}',
  ])('%s cannot read files', (source) => {
    const { error } = attack(source)
    expect(error.code).toBe('TEMPLATE_SYNTAX')
    expect(error.message).toMatch(/tag is not available: templates cannot load other files/)
    expect(() => templateRefs(source)).toThrow(expect.objectContaining({ code: 'TEMPLATE_SYNTAX' }))
  })
})

describe('template safety: time', () => {
  it.each([
    ['nested loops', '{% for a in (1..100000) %}{% for b in (1..100000) %}{% endfor %}{% endfor %}'],
    [
      'nested loops over empty arrays',
      '{% assign e = "" | split: "," %}{% for a in (1..3000) %}{% for b in (1..3000) %}{% for c in e %}' +
        '{% for d in e %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}',
    ],
    [
      'filter chains in a loop',
      '{% assign n = 1000000 %}{% for a in (1..n) %}{{ a | plus: 1 | minus: 1 }}{% endfor %}',
    ],
    [
      'one slow filter over a huge array',
      '{% assign n = 3000000 %}{{ (1..n) | where_exp: "x", "x > 1" | size }}',
    ],
    ['sorting a huge range', '{% assign n = 5000000 %}{{ (1..n) | sort | size }}'],
  ])('%s: stopped by the render limit', (_name, source) => {
    const { error, ms } = attack(source)
    expect(error.code).toBe('TEMPLATE_LIMIT')
    expect(ms).toBeLessThan(3000)
  })
})

describe('template safety: memory', () => {
  it.each([
    [
      'append doubling',
      "{% assign s = 'aaaaaaaaaa' %}{% for i in (1..60) %}{% assign s = s | append: s %}{% endfor %}",
    ],
    [
      'concat doubling',
      "{% assign s = 'a' | split: '' %}{% for i in (1..60) %}{% assign s = s | concat: s %}{% endfor %}",
    ],
    [
      'capture doubling',
      "{% assign s = 'aaaaaaaaaa' %}{% for i in (1..60) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}",
    ],
    ['plain text in a long loop', `{% for i in (1..100000) %}${'x'.repeat(1000)}{% endfor %}`],
    ['a huge computed range', '{% assign n = 100000000 %}{{ (1..n) | size }}'],
  ])('%s: stopped by the memory limit', (_name, source) => {
    const { error, ms } = attack(source)
    expect(error).toMatchObject({ code: 'TEMPLATE_LIMIT', message: /memory alloc limit exceeded/ })
    expect(ms).toBeLessThan(3000)
  })

  it('refuses a template source beyond the parse limit before parsing it', () => {
    const { error } = attack(`${'x'.repeat(200_001)}{{ trigger.body.title }}`)
    expect(error).toMatchObject({ code: 'TEMPLATE_LIMIT', details: { length: 200_025, limit: 200_000 } })
  })

  it('reports nesting too deep for the stack as a limit', () => {
    const source = `${'{% if true %}'.repeat(6000)}x${'{% endif %}'.repeat(6000)}`
    expect(attack(source).error.code).toBe('TEMPLATE_LIMIT')
  })
})

describe('template safety: ranges', () => {
  // Liquid builds a range as one array in one step that no time limit can interrupt.
  it.each([
    '{{ (1..9000000) | size }}',
    '{% for i in (1..100001) %}{% endfor %}',
    '{% assign r = (0..100000) %}',
    '{{ "x" | append: (1..200000) }}',
  ])('refuses %s when parsing: more than 100,000 items', (source) => {
    const { error, ms } = attack(source)
    expect(error).toMatchObject({ code: 'TEMPLATE_LIMIT', details: { limit: 100_000 } })
    expect(ms).toBeLessThan(100)
    expect(() => templateRefs(source)).toThrow(expect.objectContaining({ code: 'TEMPLATE_LIMIT' }))
  })

  it('renders ranges up to 100,000 items, and says which templates build one', () => {
    expect(renderTemplate('{{ (1..100000) | size }}', makeScope())).toBe(100_000)
    expect(templateBuildsRange('{% for i in (1..trigger.body.n) %}{{ i }}{% endfor %}')).toBe(true)
    expect(templateBuildsRange('{{ "a" | append: (1..3) }}')).toBe(true)
    expect(templateBuildsRange('{{ trigger.body.title | upcase }}')).toBe(false)
    expect(templateBuildsRange('{{ broken')).toBe(false)
  })
})

describe('template safety: the caller’s data', () => {
  it('is not changed by array filters, assign, increment or decrement', () => {
    const scope = { ...makeScope(), item: { n: 1 }, index: 0 }
    const before = structuredClone(scope)
    const rendered = renderTemplate(
      '{% assign x = nodes.a.list | push: 4 %}{{ x | size }}' +
        '{{ nodes.a.list | pop | size }}{{ nodes.a.list | shift | size }}{{ nodes.a.list | unshift: 0 | size }}' +
        '{{ nodes.a.list | reverse | first }}{{ nodes.a.list | sort | first }}' +
        '{% increment trigger %}{% decrement item %}{% assign nodes = 1 %}{% assign index = 5 %}',
      scope,
    )
    expect(rendered).toBe('4224210-1')
    expect(scope).toEqual(before)
    expect(Object.keys(scope)).toEqual(Object.keys(before))
  })

  it('hands out frozen values, so whoever receives a lone-tag value cannot change the recorded output', () => {
    const scope = makeScope()
    const list = renderTemplate('{{ nodes.a.list }}', scope) as number[]
    expect(() => list.push(4)).toThrow(TypeError)
    expect((scope.nodes.a as { list: number[] }).list).toEqual([3, 1, 2])
  })
})
