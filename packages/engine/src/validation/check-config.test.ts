import { describe, expect, it } from 'vitest'
import { validateFlow } from '../validate-flow.ts'
import { testFlow, testNodes } from './test-nodes.ts'

const check = (input: unknown) => validateFlow(input, { definitions: testNodes })

describe('validateFlow: config', () => {
  const fetchNode = (config: Record<string, unknown>) =>
    testFlow([{ id: 'f', type: 'test.fetch', version: 2, config }])

  it('reports each config issue at its field, in plain words', () => {
    const r = check(fetchNode({ url: 'not a url', method: 'PUT', limit: 0 }))
    expect(r.problems.map((p) => [p.code, p.path, p.message])).toEqual([
      [
        'INVALID_CONFIG',
        ['nodes', 0, 'config', 'url'],
        'This should be a web address (starting with http:// or https://).',
      ],
      ['INVALID_CONFIG', ['nodes', 0, 'config', 'method'], 'This must be one of: "GET", "POST".'],
      ['INVALID_CONFIG', ['nodes', 0, 'config', 'limit'], 'This must be at least 1.'],
    ])
    expect(r.problems[1]?.localized['zh-CN']).toBe('只能是以下之一：“GET”、“POST”。')
  })

  it('forgives template strings in templated fields, whose value is only known after rendering', () => {
    const r = check(
      testFlow(
        [
          { id: 't', type: 'test.trigger', config: { fields: ['n', 'site'] } },
          {
            id: 'f',
            type: 'test.fetch',
            version: 2,
            config: { url: '{{ trigger.body.site }}', count: '{{ trigger.body.n }}' },
          },
        ],
        ['t>f'],
      ),
    )
    expect(r).toMatchObject({ ok: true, problems: [] })
  })

  it('still reports template text in a field that is not rendered, and wrong literals in templated ones', () => {
    const r = check(fetchNode({ url: 'https://x.test', count: 'many', limit: '{{ trigger.body.n }}' }))
    expect(r.problems.map((p) => p.path.slice(3))).toEqual([['count'], ['limit']])
    expect(r.problems[1]?.message).toBe('This should be a number.')
  })
})
