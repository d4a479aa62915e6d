import { describe, expect, it } from 'vitest'
import { createBackends } from './create-backends.ts'
import { presetById } from './provider-presets.ts'
import type { ResolvedProvider } from './resolved-provider.ts'

const deepseek = presetById('deepseek')
if (!deepseek) throw new Error('no deepseek preset')
const provider = (apiKey: string, name?: string): ResolvedProvider => ({
  id: 'p',
  ...(name ? { name } : {}),
  preset: deepseek,
  baseURL: 'https://api.deepseek.com',
  apiKey,
})

describe('backends shared across gateways', () => {
  it('makes one backend per provider, base URL, key and name, and reuses it', () => {
    const made: string[] = []
    const backendFor = createBackends({
      fetchFor: (p) => {
        made.push(p.apiKey)
        return undefined
      },
    })
    const first = backendFor(provider('sk-1'))
    expect(backendFor(provider('sk-1'))).toBe(first)
    expect(backendFor(provider('sk-2'))).not.toBe(first)
    // Its errors name the provider, so another name is another backend.
    expect(backendFor(provider('sk-1', 'Team DeepSeek'))).not.toBe(first)
    expect(made).toEqual(['sk-1', 'sk-2', 'sk-1'])
  })

  it('keeps a bounded number, dropping the one used longest ago', () => {
    const backendFor = createBackends({ max: 2 })
    const a = backendFor(provider('sk-a'))
    const b = backendFor(provider('sk-b'))
    expect(backendFor(provider('sk-a'))).toBe(a)
    backendFor(provider('sk-c'))
    expect(backendFor(provider('sk-a'))).toBe(a)
    expect(backendFor(provider('sk-b'))).not.toBe(b)
  })
})
