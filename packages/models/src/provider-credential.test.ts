import { describe, expect, it } from 'vitest'
import { providerFromCredential } from './provider-credential.ts'

describe('providerFromCredential', () => {
  it("gives a stored credential its preset's quirks, URL and default model", () => {
    const provider = providerFromCredential(
      'cred_1',
      { preset: 'dashscope', apiKey: ' sk-1 ', defaultModel: 'qwen-max' },
      '学校的千问',
    )
    expect(provider).toMatchObject({
      id: 'cred_1',
      name: '学校的千问',
      baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
      apiKey: 'sk-1',
      defaultModel: 'qwen-max',
      preset: { id: 'dashscope', capabilities: { jsonMode: true } },
    })
    const ollama = providerFromCredential('cred_2', { preset: 'ollama', baseURL: 'http://10.0.0.5:11434/v1' })
    expect(ollama).toMatchObject({ baseURL: 'http://10.0.0.5:11434/v1', apiKey: '' })
  })

  it('says what to fix in a credential that cannot work', () => {
    expect(() => providerFromCredential('c', { preset: 'deepseek' })).toThrow(
      /"c" has no API key; edit it in Credentials/,
    )
    expect(() => providerFromCredential('c', { preset: 'custom', apiKey: 'k' })).toThrow(/no valid base URL/)
    expect(() => providerFromCredential('c', { preset: 'mystery', apiKey: 'k' })).toThrow(
      /unknown provider type "mystery"/,
    )
    expect(() => providerFromCredential('c', {})).toThrow(/incomplete/)
  })
})
