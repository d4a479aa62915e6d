import { describe, expect, it } from 'vitest'
import { runNode } from './test-context.ts'
import { textTemplate } from './text-template.ts'

describe('text.template', () => {
  it('outputs rendered text as it is', async () => {
    expect(await runNode(textTemplate, { template: '您好,李雷!' })).toEqual({ text: '您好,李雷!' })
  })

  it('writes a referenced object or list as JSON, and a number as written', async () => {
    expect(await runNode(textTemplate, { template: { title: '快讯', n: 2 } })).toEqual({
      text: '{"title":"快讯","n":2}',
    })
    expect(await runNode(textTemplate, { template: ['a', 'b'] })).toEqual({ text: '["a","b"]' })
    expect(await runNode(textTemplate, { template: 82.5 })).toEqual({ text: '82.5' })
  })

  it('turns a missing value into empty text', async () => {
    expect(await runNode(textTemplate, { template: null })).toEqual({ text: '' })
    expect(await runNode(textTemplate, {})).toEqual({ text: '' })
  })
})
