import type { FetchLike } from '@zhiliu/nodes'
import type OpenAI from 'openai'
import { createOpenAIClient } from './create-openai-backend.ts'
import { isOpenAIError } from './openai-sdk.ts'
import { modelFor, providerName, type ResolvedProvider } from './resolved-provider.ts'

export type ConnectionProblem = 'bad_key' | 'bad_url' | 'model_missing' | 'unreachable'

export interface ConnectionResult {
  ok: boolean
  /** Models the provider lists, when it lists them. */
  models?: string[]
  problem?: ConnectionProblem
  /** One sentence a person can act on. */
  message: string
}

/**
 * The "test connection" button: lists the provider's models (cheap, and proves URL and key), then checks that the
 * default model is among them. Providers without a model list get a one-token chat instead.
 */
export async function testConnection(
  provider: ResolvedProvider,
  options: { fetch?: FetchLike; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ConnectionResult> {
  const name = providerName(provider)
  if (provider.preset.id === 'demo') {
    return {
      ok: true,
      models: provider.preset.models,
      message: `${name} needs no network and is always available.`,
    }
  }
  const client = await createOpenAIClient(provider, {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 15_000,
  })
  const model = modelFor(provider, undefined)
  try {
    const { data: page, response } = await client.models.list({ signal: options.signal }).withResponse()
    // The SDK turns any 200 into a page, an HTML page too; only a JSON list is an API's answer.
    const models = /json/i.test(response.headers.get('content-type') ?? '') ? modelIds(page) : undefined
    if (!models)
      return problem(
        'bad_url',
        `${provider.baseURL} answered, but not like an OpenAI-compatible API; check the base URL${hint(provider)}.`,
      )
    if (model && models.length > 0 && !models.includes(model)) {
      const some = models.slice(0, 8).join(', ')
      return {
        ok: false,
        models,
        problem: 'model_missing',
        message: `The key works, but ${name} has no model "${model}". It offers: ${some}${models.length > 8 ? ', …' : ''}.`,
      }
    }
    return { ok: true, models, message: `Connected to ${name}: ${models.length} models available.` }
  } catch (err) {
    if (isOpenAIError(err, 'NotFoundError') && model)
      return chatProbe(client, provider, model, options.signal)
    return explain(err, provider)
  }
}

/** Some providers have no `/models`; a one-token answer proves URL, key and model at a cost of a few tokens. */
async function chatProbe(
  client: OpenAI,
  provider: ResolvedProvider,
  model: string,
  signal?: AbortSignal,
): Promise<ConnectionResult> {
  try {
    await client.chat.completions.create(
      { model, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1 },
      { signal },
    )
    return { ok: true, message: `Connected to ${providerName(provider)}; model "${model}" answered.` }
  } catch (err) {
    return explain(err, provider, model)
  }
}

function explain(err: unknown, provider: ResolvedProvider, model?: string): ConnectionResult {
  const name = providerName(provider)
  if (isOpenAIError(err, 'AuthenticationError') || isOpenAIError(err, 'PermissionDeniedError')) {
    return problem(
      'bad_key',
      `The API key was refused by ${name}. Copy it again from the provider's console${provider.preset.keyUrl ? ` (${provider.preset.keyUrl})` : ''}.`,
    )
  }
  if (isOpenAIError(err, 'NotFoundError')) {
    if (model && (err.code === 'model_not_found' || /model/i.test(err.message))) {
      return problem('model_missing', `The key works, but ${name} has no model "${model}" that it may use.`)
    }
    return problem('bad_url', `Nothing answers at ${provider.baseURL}; check the base URL${hint(provider)}.`)
  }
  if (isOpenAIError(err, 'APIConnectionError')) {
    const cause =
      err.cause instanceof Error
        ? err.cause.cause instanceof Error
          ? err.cause.cause.message
          : err.cause.message
        : err.message
    const local = provider.preset.id === 'ollama' ? ' Is Ollama running (`ollama serve`)?' : ''
    return problem('unreachable', `Could not connect to ${provider.baseURL}: ${cause}.${local}`)
  }
  if (err instanceof SyntaxError)
    return problem(
      'bad_url',
      `${provider.baseURL} did not answer with JSON; check the base URL${hint(provider)}.`,
    )
  const message = err instanceof Error ? err.message : String(err)
  return problem('unreachable', `${name} answered with an error: ${message}`)
}

function problem(kind: ConnectionProblem, message: string): ConnectionResult {
  return { ok: false, problem: kind, message }
}

function hint(provider: ResolvedProvider): string {
  return provider.preset.baseURL && provider.preset.baseURL !== provider.baseURL
    ? ` (${providerName(provider)}'s is ${provider.preset.baseURL})`
    : ''
}

/** The ids in a `/models` answer. */
function modelIds(page: { data: { id: string }[] }): string[] | undefined {
  if (!Array.isArray(page.data)) return undefined
  return page.data.map((m) => String(m?.id ?? '')).filter(Boolean)
}
