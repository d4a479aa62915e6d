import type { ProviderPreset } from './provider-presets.ts'

/** A provider ready to call: what the server builds from a stored credential, or the CLI from the environment. */
export interface ResolvedProvider {
  /** The credential id, or `default`; goes into results and error details. */
  id: string
  /** What people called it; defaults to the preset's English label, e.g. "DeepSeek". */
  name?: string
  preset: ProviderPreset
  baseURL: string
  apiKey: string
  /** Used when a node names no model; otherwise the preset's first model. */
  defaultModel?: string
}

export function providerName(provider: ResolvedProvider): string {
  if (provider.name) return provider.name
  // "Kimi (Moonshot AI)" reads as "Kimi" inside a sentence that already has parentheses.
  if (provider.preset.id !== 'custom') return provider.preset.label.en.replace(/\s*\(.*\)$/, '')
  try {
    return `OpenAI-compatible service at ${new URL(provider.baseURL).host}`
  } catch {
    return 'OpenAI-compatible service'
  }
}

export function modelFor(provider: ResolvedProvider, requested: string | undefined): string {
  return requested || provider.defaultModel || provider.preset.models[0] || ''
}

/** Models to offer for this provider in the editor: the one a node naming none gets, then the preset's list. */
export function suggestedModels(provider: ResolvedProvider): string[] {
  return [...new Set([modelFor(provider, undefined), ...provider.preset.models].filter(Boolean))]
}
