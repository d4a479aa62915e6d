import { describe, expect, it } from 'vitest'
import { validateFlow } from '../validate-flow.ts'
import { testFlow, testNodes } from './test-nodes.ts'

const trigger = { id: 't', type: 'test.trigger', config: { fields: ['field'] } }

describe('expressions in data.transform', () => {
  const transform = (expression: string) =>
    validateFlow({
      schemaVersion: 1,
      name: 'transform',
      nodes: [
        { id: 'start', type: 'trigger.manual', version: 1 },
        { id: 'shape', type: 'data.transform', version: 1, config: { expression } },
      ],
      edges: [{ id: 'e', source: 'start', target: 'shape' }],
    })

  it.each([
    ['$foo(( [', 1, 8, 'S0203', '缺少 “]”'],
    ['1 +', 1, 3, 'S0207', '没写完就结束了'],
    ['a.b.[', 1, 5, 'S0203', '缺少 “]”'],
    ['"unterminated', 1, 13, 'S0101', '缺少结尾的引号'],
    ['$uppercase(', 1, 11, 'S0203', '缺少 “)”'],
    ['}{', 1, 1, 'S0211', '“}” 不能用在这里'],
    ['$x := ', 1, 6, 'S0207', '没写完就结束了'],
    ['items[', 1, 6, 'S0203', '缺少 “]”'],
    ['/(unclosed/', 1, 11, 'S0302', '正则表达式缺少结尾的 /'],
    ['items[qty > 1]\n  .{ "sku": sku ]', 2, 17, 'S0202', '这里应该是 “}”'],
  ])(
    'reports %j at line %i, column %i (JSONata %s), in Chinese and English',
    (source, line, column, jsonataCode, zh) => {
      const r = transform(source)
      expect(r.ok).toBe(false)
      expect(r.problems).toEqual([
        expect.objectContaining({
          code: 'EXPRESSION_SYNTAX',
          severity: 'error',
          nodeId: 'shape',
          path: ['nodes', 1, 'config', 'expression'],
          details: expect.objectContaining({ jsonataCode, line, column, jsonataMessage: expect.any(String) }),
        }),
      ])
      const [found] = r.problems
      expect(found?.localized['zh-CN']).toContain(`第 ${line} 行第 ${column} 列`)
      expect(found?.localized['zh-CN']).toContain(zh)
      expect(found?.message).toMatch(
        new RegExp(`^The expression has a mistake at line ${line}, column ${column}: `),
      )
    },
  )

  it('reports a regex the linear-time engine cannot run, at the regex', () => {
    const r = transform('$match(name, /(a)\\1/)')
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: 'EXPRESSION_SYNTAX',
        details: expect.objectContaining({ regex: '/(a)\\1/g', line: 1, column: 20 }),
      }),
    ])
    expect(r.problems[0]?.localized['zh-CN']).toContain('反向引用')
  })

  it('reports a regex the JS engine rejects while JSONata scans it, as a syntax mistake', () => {
    const r = transform('$match(name, /[/) ; /)')
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: 'EXPRESSION_SYNTAX',
        details: expect.objectContaining({
          regexError: expect.stringContaining('Unterminated character class'),
        }),
      }),
    ])
    expect(r.problems[0]?.localized['zh-CN']).toContain('正则表达式写法有误')
  })

  it.each([
    '$',
    'items[qty > 1].sku',
    '{ "total": $sum(items.(qty * price)), "names": $map(items, function($i) { $uppercase($i.name) }) }',
    '($x := [1..5]; $count($x[$ % 2 = 0]))',
    '$match(name, /[a-z]+/i)',
  ])('accepts %j', (expression) => {
    expect(transform(expression)).toMatchObject({ ok: true, problems: [] })
  })
})

describe('expression fields found by their hints', () => {
  const check = (config: Record<string, unknown>) =>
    validateFlow(testFlow([trigger, { id: 'c', type: 'test.compute', config }], ['t>c']), {
      definitions: testNodes,
    })

  it('checks expression fields inside lists of objects, by their path', () => {
    const r = check({ rules: [{ when: 'a = 1' }, { when: 'a =' }] })
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: 'EXPRESSION_SYNTAX',
        path: ['nodes', 1, 'config', 'rules', 1, 'when'],
      }),
    ])
  })

  it('leaves a templated expression to run time and checks only its template', () => {
    expect(check({ templated: '{{ trigger.body.field }} > 1' }).problems).toEqual([])
    expect(check({ templated: '{{ trigger.body.field ' }).problems.map((p) => p.code)).toEqual([
      'TEMPLATE_SYNTAX',
    ])
    expect(check({ templated: 'a +' }).problems.map((p) => p.code)).toEqual(['EXPRESSION_SYNTAX'])
  })

  it('parses {{ in an untemplated expression field as JSONata, as the node will', () => {
    expect(check({ expression: '{{ trigger.body.x }}' }).problems.map((p) => p.code)).toEqual([
      'EXPRESSION_SYNTAX',
    ])
  })

  it('reports a field the schema refused once, and one nested too deeply to read', () => {
    const tooLong = check({ expression: '1 +'.repeat(100) })
    expect(tooLong.problems.map((p) => p.code)).toEqual(['INVALID_CONFIG'])
    const deep = check({ rules: [{ when: `${'('.repeat(20_000)}1${')'.repeat(20_000)}` }] })
    expect(deep.problems).toEqual([expect.objectContaining({ code: 'EXPRESSION_INVALID' })])
    expect(deep.problems[0]?.localized['zh-CN']).toContain('嵌套太深')
  })
})
