import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { en } from '../i18n/en.ts'
import { zhCN } from '../i18n/zh-cn.ts'
import { InputRow } from './run-dialog.tsx'
import type { TriggerField } from './trigger-fields.ts'

const render = (field: TriggerField) =>
  renderToStaticMarkup(createElement(InputRow, { field, value: '', onChange: () => {} }))

describe('the Run form', () => {
  it('labels a field with what its author wrote for people, keeping the field name for hover only', () => {
    const html = render({ name: 'course', type: 'string', required: true, description: '课程内容' })
    expect(html).toMatch(/<label[^>]*title="course"[^>]*>课程内容/)
    expect(html).not.toContain('<code>')
    // Apart from the hover text and the element ids, the name is nowhere on the form.
    expect(html.replace(/title="course"|run-field-course/g, '')).not.toContain('course')
  })

  it('falls back on the field name when the field has no label', () => {
    const html = render({ name: 'title', type: 'string', required: false, description: '' })
    expect(html).toMatch(/<label[^>]*>title/)
    expect(html).not.toContain('title="title"')
  })

  it('tells people what to do in plain words, without the engine’s names for the input', () => {
    for (const texts of [zhCN.run, en.run]) {
      const sentences = Object.values(texts).filter((s): s is string => typeof s === 'string')
      expect(sentences.filter((s) => /trigger|body/.test(s))).toEqual([])
    }
  })
})
