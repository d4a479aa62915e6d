import { describe, expect, it } from 'vitest'
import { liveFields, liveFieldsLine } from './live-fields.ts'

describe('a structured answer while it is written', () => {
  it('shows the fields written so far, the last one partly', () => {
    expect(liveFields('{"theme": "松山湖科技周", "topics": ["开幕')).toEqual({
      theme: '松山湖科技周',
      topics: ['开幕'],
    })
    expect(liveFields('```json\n{"theme": "松山')).toEqual({ theme: '松山' })
    expect(liveFields('{')).toEqual({})
  })

  it('leaves ordinary text alone', () => {
    expect(liveFields('这段内容的要点是……')).toBeUndefined()
    expect(liveFields('[1, 2')).toBeUndefined()
  })

  it('puts one field per line, lists joined, under the labels given', () => {
    const label = (key: string) => ({ theme: '主题', topics: '选题' })[key] ?? key
    expect(liveFieldsLine({ theme: '科技周', topics: ['甲', '乙'] }, label)).toBe(
      '主题：科技周\n选题：甲、乙',
    )
  })
})
