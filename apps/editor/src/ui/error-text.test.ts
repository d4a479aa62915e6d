import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/request.ts'
import { en } from '../i18n/en.ts'
import { zhCN } from '../i18n/zh-cn.ts'
import { errorMessage, runErrorSentence } from './error-text.tsx'

const i18n = i18next.createInstance()
await i18n.init({
  lng: 'zh-CN',
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  interpolation: { escapeValue: false },
})
const zh = i18n.getFixedT('zh-CN')
const english = i18n.getFixedT('en')
const hasLatinWords = /[A-Za-z]{4,}/

describe("a recorded failure in the reader's language", () => {
  it('names the field by its form label: the 培训测验 template with an empty title is not "filename is empty"', () => {
    const error = {
      code: 'PUBLISH_CONTENT_EMPTY',
      message: '"filename" is empty; there is nothing to send',
      details: { field: 'filename' },
    }
    const text = runErrorSentence(zh, error, '文件名')
    expect(text).toContain('“文件名”是空的')
    expect(text).not.toMatch(hasLatinWords)
    expect(runErrorSentence(english, error, 'File name')).toContain('"File name" is empty')
  })

  it('says a code without its own sentence in Chinese too, keeping the English for the details', () => {
    const text = runErrorSentence(zh, { code: 'SOMETHING_NEW', message: 'socket hang up' })
    expect(text).not.toMatch(hasLatinWords)
    expect(runErrorSentence(english, { code: 'SOMETHING_NEW', message: 'socket hang up' })).toContain(
      'socket hang up',
    )
  })

  it('names the field a form sent wrongly, as the form labels it', () => {
    const refused = new ApiError(400, 'VALIDATION_FAILED', 'Invalid json at email: Invalid email address', {
      target: 'json',
      issues: [{ path: ['email'], message: 'Invalid email address', code: 'invalid_format' }],
    })
    expect(errorMessage(zh, refused, { email: '邮箱', password: '密码' })).toBe(
      '“邮箱”填得不对，请检查后重试。',
    )
  })

  it('has every error sentence in both languages', () => {
    expect(Object.keys(en.errors.code).sort()).toEqual(Object.keys(zhCN.errors.code).sort())
  })
})
