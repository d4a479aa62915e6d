import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { flowTemplates } from '../flows/flow-templates.ts'
import { demoScriptNames } from './demo-scripts.ts'
import { FieldControl } from './field-control.tsx'

const demoKeyField = {
  key: 'demoKey',
  schema: { type: 'string' },
  ui: { widget: 'demo-script', label: { 'zh-CN': '演示脚本', en: 'Demo script' } },
} as const

const render = (value: unknown) =>
  renderToStaticMarkup(
    createElement(FieldControl, {
      id: 'f',
      nodeId: 'n',
      // The catalogue's shape of a field, as the node settings form passes it.
      field: demoKeyField as unknown as Parameters<typeof FieldControl>[0]['field'],
      value,
      onChange: () => {},
      problems: [],
    }),
  )

describe('the demo script a model step uses', () => {
  it('is named by the template that brings it, and the demo model’s own scripts by what they do', () => {
    const names = demoScriptNames(flowTemplates)
    expect(names.get('press-release-rewrite')?.['zh-CN']).toBe('通稿改写')
    expect(names.get('data-commentary')?.['zh-CN']).toBe('数据分析报告')
    expect(names.get('summarize')?.['zh-CN']).toBe('摘要')
  })

  it('is shown in a node’s settings by that name, its key only as the hover text', () => {
    const html = render('press-release-rewrite')
    expect(html).toMatch(/<option value="press-release-rewrite" title="press-release-rewrite"[^>]*>通稿改写</)
    expect(html).not.toMatch(/>press-release-rewrite</)
  })

  it('keeps a key no template names, shown as it is rather than changed', () => {
    expect(render('my-own-script')).toMatch(/<option value="my-own-script"[^>]*>my-own-script</)
  })
})
