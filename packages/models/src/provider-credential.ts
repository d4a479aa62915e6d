import { NodeError } from '@zhiliu/nodes'
import { z } from 'zod'
import { presetById } from './provider-presets.ts'
import type { ResolvedProvider } from './resolved-provider.ts'

/** The credential type AI nodes pick providers from (their `provider` field's `credentialType`). */
export const MODEL_PROVIDER_CREDENTIAL = 'model-provider'

/** The fields of a stored model provider credential, as the secret reader hands them back (all strings). */
export const ProviderCredential = z.object({
  /** A preset id: `deepseek`, `dashscope`, `ollama`, `custom`… */
  preset: z.string().min(1),
  apiKey: z.string().default(''),
  /** Empty: the preset's own. Set by an owner or editor and trusted, so it may be a local address (Ollama). */
  baseURL: z.string().default(''),
  defaultModel: z.string().default(''),
})
export type ProviderCredential = z.infer<typeof ProviderCredential>

/**
 * What the server's `resolveProvider` returns for a credential: the preset's quirks with the stored URL, key and
 * default model. A credential that cannot work (unknown preset, no URL for a custom service, no key where one is
 * needed) fails the node with a message saying what to fix.
 */
export function providerFromCredential(
  id: string,
  fields: Record<string, string>,
  name?: string,
): ResolvedProvider {
  const invalid = (why: string) =>
    new NodeError(
      'PROVIDER_INVALID',
      `The model provider credential "${name ?? id}" ${why}; edit it in Credentials`,
    )
  const parsed = ProviderCredential.safeParse(fields)
  if (!parsed.success) throw invalid('is incomplete')
  const { preset: presetId, apiKey, baseURL, defaultModel } = parsed.data
  const preset = presetById(presetId)
  if (!preset) throw invalid(`names an unknown provider type "${presetId}"`)
  const url = baseURL.trim() || preset.baseURL
  if (preset.id !== 'demo' && !URL.canParse(url)) throw invalid('has no valid base URL')
  if (preset.requiresKey && !apiKey.trim()) throw invalid('has no API key')
  return {
    id,
    ...(name ? { name } : {}),
    preset,
    baseURL: url,
    apiKey: apiKey.trim(),
    ...(defaultModel.trim() ? { defaultModel: defaultModel.trim() } : {}),
  }
}
