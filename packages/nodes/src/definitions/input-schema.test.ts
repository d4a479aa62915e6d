import { describe, expect, it } from 'vitest'
import { renderTemplate } from '../template/render-template.ts'
import { InputField, validateBody } from './input-schema.ts'

describe('a trigger’s input field names', () => {
  it('may be Chinese, and a template reads such a field after a dot, unquoted', () => {
    const field = InputField.parse({ name: '标题', type: 'string', required: true })
    const body = validateBody([field], { 标题: '松山湖科技周开幕' })
    expect(renderTemplate('{{ trigger.body.标题 }}', { trigger: { body }, nodes: {} })).toBe(
      '松山湖科技周开幕',
    )
  })

  it('still refuse spaces, punctuation and a leading digit, which a dotted path cannot hold', () => {
    for (const name of ['新闻 标题', '标题。', '1标题', 'a.b', ''])
      expect(InputField.safeParse({ name }).success, name).toBe(false)
    for (const name of ['title', '作者_1', '_备注'])
      expect(InputField.safeParse({ name }).success, name).toBe(true)
  })
})
