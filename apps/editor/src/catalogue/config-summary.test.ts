import { describe, expect, it } from 'vitest'
import { entry, loadTestCatalogue } from '../test-support/load-catalogue.ts'
import { configSummary } from './config-summary.ts'

loadTestCatalogue()
const count = (label: string, n: number) => `${label}:${n}`

describe('the one-line summary on a node', () => {
  it('shows the template a text node writes, on one line', () => {
    expect(
      configSummary(entry('text.template'), { template: '您好，\n{{ trigger.body.name }}' }, 'zh-CN', count),
    ).toBe('您好， {{ trigger.body.name }}')
  })

  it('prefers what a node is about over a short setting', () => {
    const config = { method: 'GET', url: 'https://example.com', body: '{{ nodes.a.text }}' }
    expect(configSummary(entry('http.request'), config, 'en', count)).toBe('{{ nodes.a.text }}')
  })

  it('falls back to the size of a list, then to the label of a choice, in the current language', () => {
    expect(configSummary(entry('data.set'), { fields: [{ name: 'a' }, { name: 'b' }] }, 'en', count)).toBe(
      'Fields:2',
    )
    expect(
      configSummary(entry('trigger.webhook'), { responseMode: 'async', inputSchema: [] }, 'zh-CN', count),
    ).toBe('立即返回运行编号，结果稍后查询')
  })
})
