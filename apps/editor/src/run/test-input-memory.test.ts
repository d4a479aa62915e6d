import { describe, expect, it } from 'vitest'
import { inputFromSample } from './test-input-memory.ts'
import type { TriggerField } from './trigger-fields.ts'

const field = (name: string, type: TriggerField['type'] = 'string'): TriggerField => ({
  name,
  type,
  required: false,
  description: '',
})

describe('a captured request as Run form input', () => {
  it('fills the form when it holds the body exactly', () => {
    const input = inputFromSample({ title: '标题', count: 3, tags: ['a'] }, [
      field('title'),
      field('count', 'number'),
      field('tags', 'array'),
    ])
    expect(input).toMatchObject({ raw: false, values: { title: '标题', count: '3', tags: '["a"]' } })
    expect(JSON.parse(input.rawText)).toEqual({ title: '标题', count: 3, tags: ['a'] })
  })

  it('switches to the JSON box when the form would drop or change something', () => {
    const declared = [field('title'), field('count', 'number')]
    // An undeclared key, a number sent as text (a form post), blank text, and a body that is not an object.
    expect(inputFromSample({ title: 'x', extra: 1 }, declared)).toMatchObject({
      raw: true,
      values: { title: 'x' },
    })
    expect(inputFromSample({ count: '3' }, declared).raw).toBe(true)
    expect(inputFromSample({ title: ' ' }, declared).raw).toBe(true)
    expect(inputFromSample('plain text', declared)).toMatchObject({ raw: true, rawText: '"plain text"' })
    expect(inputFromSample({ title: 'x' }, []).raw).toBe(true)
  })
})
