import { describe, expect, it } from 'vitest'
import { isOpenAIError, loadOpenAI } from './openai-sdk.ts'

describe('the openai SDK, loaded on first use', () => {
  it('tells its error classes apart once loaded, and needs no import to say no before then', async () => {
    expect(isOpenAIError(new Error('refused'), 'APIError')).toBe(false)
    const sdk = await loadOpenAI()
    expect(await loadOpenAI()).toBe(sdk)
    const notFound = new sdk.NotFoundError(404, { message: 'no such model' }, 'no such model', new Headers())
    expect(isOpenAIError(notFound, 'NotFoundError')).toBe(true)
    expect(isOpenAIError(notFound, 'APIError')).toBe(true)
    expect(isOpenAIError(notFound, 'AuthenticationError')).toBe(false)
    expect(isOpenAIError(new Error('refused'), 'APIError')).toBe(false)
  })
})
