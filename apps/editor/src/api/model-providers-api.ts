import type { Localized } from '@zhiliu/nodes'
import { request } from './request.ts'

/** The credential type AI nodes pick their provider from (`@zhiliu/models`' MODEL_PROVIDER_CREDENTIAL). */
export const MODEL_PROVIDER_TYPE = 'model-provider'

/** A provider preset as `GET /api/model-providers` lists it (the fields the editor uses). */
export interface ProviderPreset {
  id: string
  label: Localized
  /** Empty for a custom service (the person enters it) and for the offline demo model. */
  baseURL: string
  /** Suggestions, the default first. */
  models: string[]
  requiresKey: boolean
  /** Where to get a key (or, for Ollama, the software). */
  keyUrl?: string
}

export interface ModelProviders {
  items: ProviderPreset[]
  /** What AI nodes that name no provider use. */
  default: { preset: string; model: string; models: string[]; demo: boolean }
}

/** The fields of a `model-provider` credential (a type alias, so it is also a `Record<string, string>`). */
export type ProviderFields = {
  preset: string
  baseURL: string
  apiKey: string
  defaultModel: string
}

export interface ConnectionResult {
  ok: boolean
  models?: string[]
  problem?: 'bad_key' | 'bad_url' | 'model_missing' | 'unreachable'
  /** The server's sentence (English, technical), shown beside the plain one. */
  message: string
}

let providers: Promise<ModelProviders> | undefined

/** The presets never change while the server runs: asked once per page load, and again after a failure. */
export function loadModelProviders(): Promise<ModelProviders> {
  providers ??= request<ModelProviders>('GET', '/api/model-providers').catch((err: unknown) => {
    providers = undefined
    throw err
  })
  return providers
}

export const testProvider = (fields: ProviderFields) =>
  request<ConnectionResult>('POST', '/api/model-providers/test', fields)
export const testStoredProvider = (credentialId: string) =>
  request<ConnectionResult>('POST', `/api/credentials/${encodeURIComponent(credentialId)}/test`)

/** Model names to offer for a stored provider: its default model first, then its preset's list. */
export interface ProviderModels {
  preset: string
  models: string[]
}

const suggestions = new Map<string, Promise<ProviderModels>>()

/** Asked once per provider and page load (a provider edited meanwhile is seen after a reload); retried after a failure. */
export function loadProviderModels(credentialId: string): Promise<ProviderModels> {
  let models = suggestions.get(credentialId)
  if (!models) {
    models = request<ProviderModels>('GET', `/api/credentials/${encodeURIComponent(credentialId)}/models`)
    models.catch(() => suggestions.delete(credentialId))
    suggestions.set(credentialId, models)
  }
  return models
}
