import {
  type ConnectionResult,
  createModelGateway,
  type DemoOptions,
  defaultModelPrices,
  defaultProviderFromEnv,
  type MeteredModelGateway,
  MODEL_PROVIDER_CREDENTIAL,
  type ModelPrices,
  providerFromCredential,
  type ResolvedProvider,
  testConnection,
} from '@zhiliu/models'
import type { FetchLike } from '@zhiliu/nodes'
import type { ServerConfig } from '../config.ts'
import type { CredentialReader } from '../credentials/create-secret-reader.ts'
import { createProviderFetches } from './create-provider-fetches.ts'
import { deferGateway } from './defer-gateway.ts'

export interface ModelServiceOptions {
  config: Pick<ServerConfig, 'allowHosts' | 'defaultModelProvider'>
  /** Per-model prices; the built-in table when left out. */
  prices?: ModelPrices
  /** The offline demo model's pace; tests set 0. */
  demo?: DemoOptions
}

export interface RunModels {
  /** The run owner's credentials: a node's `provider` is one of them. */
  credentials: Pick<CredentialReader, 'open'>
  /** The flow's `settings.tokenBudget`. */
  tokenBudget?: number | undefined
  /** For a resumed run: the tokens its recorded results already used, which count against the same budget. */
  usedBefore?: (() => Promise<number>) | undefined
}

/** Model calls for the whole server: the default provider, prices, provider connections, and a gateway per run. */
export interface ModelService {
  /** For nodes that name no provider: from the OPENAI_* variables, else the offline demo model. */
  readonly defaultProvider: ResolvedProvider
  readonly prices: ModelPrices
  /** One per run, so its usage is the run's and its budget the flow's. */
  gatewayFor(run: RunModels): MeteredModelGateway
  /** The "test connection" button, for a stored credential or an unsaved one. */
  test(provider: ResolvedProvider, signal?: AbortSignal): Promise<ConnectionResult>
  close(): Promise<void>
}

export function createModelService(options: ModelServiceOptions): ModelService {
  const { baseURL, apiKey, model } = options.config.defaultModelProvider
  const defaultProvider = defaultProviderFromEnv({
    OPENAI_BASE_URL: baseURL,
    OPENAI_API_KEY: apiKey,
    ZHILIU_DEFAULT_MODEL: model,
  })
  const prices = options.prices ?? defaultModelPrices
  const fetches = createProviderFetches({ allowHosts: options.config.allowHosts })

  return {
    defaultProvider,
    prices,

    gatewayFor(run) {
      // Origins of the providers this run resolved: the only ones its model calls may reach unguarded.
      const trusted = new Set<string>()
      const resolved = new Map<string, Promise<ResolvedProvider>>()
      const remember = (provider: ResolvedProvider) => {
        if (provider.baseURL) trusted.add(new URL(provider.baseURL).origin)
        return provider
      }
      const fromCredential = (id: string) => {
        // Opened once per run: every node of the run sees the same provider, and the store is read once.
        let provider = resolved.get(id)
        if (!provider) {
          provider = run.credentials
            .open(id, MODEL_PROVIDER_CREDENTIAL)
            .then(({ name, fields }) => remember(providerFromCredential(id, fields, name)))
          // A failed read (a busy database) may succeed on the node's next attempt.
          provider.catch(() => resolved.delete(id))
          resolved.set(id, provider)
        }
        return provider
      }
      const fetch: FetchLike = (input, init) => {
        const origin = new URL(input).origin
        return fetches.forOrigin(trusted.has(origin) ? origin : null)(input, init)
      }
      const make = (usedBefore: number) =>
        createModelGateway({
          resolveProvider: (id) => (id ? fromCredential(id) : remember(defaultProvider)),
          prices,
          ...(run.tokenBudget ? { budget: { maxTokens: run.tokenBudget, usedBefore } } : {}),
          fetch,
          ...(options.demo ? { demo: options.demo } : {}),
        })
      const { usedBefore } = run
      return run.tokenBudget && usedBefore ? deferGateway(async () => make(await usedBefore())) : make(0)
    },

    async test(provider, signal) {
      if (!provider.baseURL) return testConnection(provider, { ...(signal ? { signal } : {}) })
      const fetch = fetches.once(new URL(provider.baseURL).origin)
      try {
        return await testConnection(provider, { fetch, ...(signal ? { signal } : {}) })
      } finally {
        await fetch.close()
      }
    },

    close: () => fetches.close(),
  }
}
