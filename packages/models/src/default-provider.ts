import { type ProviderPreset, presetById, presetForBaseURL } from './provider-presets.ts'
import type { ResolvedProvider } from './resolved-provider.ts'

function preset(id: string): ProviderPreset {
  const found = presetById(id)
  if (!found) throw new Error(`no provider preset "${id}"`)
  return found
}

/** The offline demo model as a provider: what runs when nothing else is configured, and what `--demo` forces. */
export function demoProvider(): ResolvedProvider {
  const demo = preset('demo')
  return {
    id: 'demo',
    name: demo.label['zh-CN'],
    preset: demo,
    baseURL: '',
    apiKey: '',
    defaultModel: 'demo-chat',
  }
}

/**
 * The provider nodes use when they name none, from the SDK's own variables: `OPENAI_BASE_URL` (a known provider's
 * URL gets that provider's preset), `OPENAI_API_KEY` and `ZHILIU_DEFAULT_MODEL`. With no key, the demo model — unless
 * the URL is a provider that needs none (a local Ollama) — so every example runs offline.
 */
export function defaultProviderFromEnv(env: Readonly<Record<string, string | undefined>>): ResolvedProvider {
  const apiKey = env.OPENAI_API_KEY?.trim() ?? ''
  const baseURL = env.OPENAI_BASE_URL?.trim().replace(/\/+$/, '') ?? ''
  const model = env.ZHILIU_DEFAULT_MODEL?.trim() ?? ''
  const chosen = baseURL ? (presetForBaseURL(baseURL) ?? preset('custom')) : preset('openai')
  if (!apiKey && (chosen.requiresKey || !baseURL)) return demoProvider()
  return {
    id: 'default',
    preset: chosen,
    baseURL: baseURL || chosen.baseURL,
    apiKey,
    ...(model || chosen.models[0] ? { defaultModel: model || chosen.models[0] } : {}),
  }
}
