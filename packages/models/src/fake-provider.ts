import type { FakeOpenAI } from '@zhiliu/fake-openai'
import { presetById } from './provider-presets.ts'
import type { ResolvedProvider } from './resolved-provider.ts'

/**
 * Test support only: a provider with the given preset's quirks whose base URL points at the fake server, keeping
 * the preset's own path (`/compatible-mode/v1`, `/api/paas/v4`…) so the request shape is the real one.
 */
export function providerAt(
  fake: FakeOpenAI,
  presetId: string,
  overrides: Partial<ResolvedProvider> = {},
): ResolvedProvider {
  const preset = presetById(presetId)
  if (!preset) throw new Error(`no preset ${presetId}`)
  const path = preset.baseURL ? new URL(preset.baseURL).pathname.replace(/\/$/, '') : '/v1'
  return {
    id: `cred_${presetId}`,
    preset,
    baseURL: `${fake.origin}${path}`,
    apiKey: 'sk-fake-key',
    ...overrides,
  }
}
