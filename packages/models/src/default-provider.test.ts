import { describe, expect, it } from 'vitest'
import { defaultProviderFromEnv } from './default-provider.ts'

describe('defaultProviderFromEnv', () => {
  it('is the labelled offline demo model when no key is configured', () => {
    const provider = defaultProviderFromEnv({})
    expect(provider).toMatchObject({ id: 'demo', preset: { id: 'demo' }, defaultModel: 'demo-chat' })
    expect(provider.name).toBe('演示模型（离线）')
    expect(
      defaultProviderFromEnv({ OPENAI_API_KEY: '  ', OPENAI_BASE_URL: 'https://api.deepseek.com' }).preset.id,
    ).toBe('demo')
  })

  it('is OpenAI with just a key, using ZHILIU_DEFAULT_MODEL when set', () => {
    expect(defaultProviderFromEnv({ OPENAI_API_KEY: 'sk-1' })).toMatchObject({
      preset: { id: 'openai' },
      baseURL: 'https://api.openai.com/v1',
      defaultModel: 'gpt-4o-mini',
    })
    expect(
      defaultProviderFromEnv({ OPENAI_API_KEY: 'sk-1', ZHILIU_DEFAULT_MODEL: 'gpt-4.1' }).defaultModel,
    ).toBe('gpt-4.1')
  })

  it('takes the quirks of the provider whose URL is configured, or the custom preset for an unknown one', () => {
    const deepseek = defaultProviderFromEnv({
      OPENAI_API_KEY: 'sk-1',
      OPENAI_BASE_URL: 'https://api.deepseek.com/v1/',
    })
    expect(deepseek).toMatchObject({
      preset: { id: 'deepseek' },
      baseURL: 'https://api.deepseek.com/v1',
      defaultModel: 'deepseek-chat',
    })
    const school = defaultProviderFromEnv({
      OPENAI_API_KEY: 'k',
      OPENAI_BASE_URL: 'https://llm.school.edu.cn/v1',
      ZHILIU_DEFAULT_MODEL: 'qwen2.5-72b',
    })
    expect(school).toMatchObject({ preset: { id: 'custom' }, defaultModel: 'qwen2.5-72b' })
  })

  it('runs a local Ollama without a key', () => {
    const ollama = defaultProviderFromEnv({
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      ZHILIU_DEFAULT_MODEL: 'qwen3:8b',
    })
    expect(ollama).toMatchObject({ preset: { id: 'ollama' }, apiKey: '', defaultModel: 'qwen3:8b' })
  })
})
