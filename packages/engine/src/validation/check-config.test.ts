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

describe('validateFlow: credentials', () => {
  const sendNode = (config: Record<string, unknown>) => ({
    schemaVersion: 1,
    name: '发群消息',
    nodes: [{ id: 'send', type: 'publish.dingtalk', version: 1, config: { content: '通知', ...config } }],
    edges: [],
  })

  it('asks for a credential left out or left empty by its label, in both languages', () => {
    for (const config of [{}, { credential: '' }]) {
      const r = validateFlow(sendNode(config))
      expect(r.ok).toBe(false)
      expect(r.problems).toEqual([
        expect.objectContaining({
          code: 'CREDENTIAL_NOT_CHOSEN',
          severity: 'error',
          path: ['nodes', 0, 'config', 'credential'],
          nodeId: 'send',
        }),
      ])
      expect(r.problems[0]?.message).toMatch(/^Choose a credential for "Custom robot"\. .*Credentials page/)
      expect(r.problems[0]?.localized['zh-CN']).toMatch(/^请选择“自定义机器人”凭据。.*“凭据”页面添加/)
    }
  })

  it('reports it as a warning for a caller that keeps no credentials, so the rest of the flow can run', () => {
    const r = validateFlow(sendNode({}), { unchosenCredentials: 'warning' })
    expect(r.ok).toBe(true)
    expect(r.problems.map((p) => [p.code, p.severity])).toEqual([['CREDENTIAL_NOT_CHOSEN', 'warning']])
  })

  it('says nothing of a chosen credential or an optional one, and still reports a wrong kind of value', () => {
    expect(validateFlow(sendNode({ credential: 'cred_1' })).problems).toEqual([])
    const chat = {
      schemaVersion: 1,
      name: 'AI',
      nodes: [{ id: 'ask', type: 'ai.chat', version: 1, config: { prompt: '你好' } }],
      edges: [],
    }
    expect(validateFlow(chat).problems).toEqual([])
    const wrong = validateFlow(sendNode({ credential: 7 }), { unchosenCredentials: 'warning' })
    expect(wrong.problems.map((p) => [p.code, p.severity, p.message])).toEqual([
      ['INVALID_CONFIG', 'error', 'This should be text.'],
    ])
  })
})
