import {
  type ConnectionResult,
  createBackends,
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
import { createPriceBook, type PriceBook } from './price-book.ts'

export interface ModelServiceOptions {
  config: Pick<ServerConfig, 'allowHosts' | 'defaultModelProvider'>
  /** The built-in per-model prices (an owner may override them); `defaultModelPrices` when left out. */
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
  /** What model calls cost: the built-in table and the prices an owner set. */
  readonly prices: PriceBook
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
  const prices = createPriceBook(options.prices ?? defaultModelPrices)
  const fetches = createProviderFetches({ allowHosts: options.config.allowHosts })
  // One SDK client per provider for the whole process, not one per run.
  const backends = createBackends({
    fetchFor: (provider): FetchLike => {
      // The provider's own origin is trusted (an owner set it, and it may be local, e.g. Ollama); any other address
      // the client is sent to goes through the outbound guard.
      const guarded = fetches.forOrigin(null)
      const origin = URL.canParse(provider.baseURL) ? new URL(provider.baseURL).origin : null
      if (!origin) return guarded
      const trusted = fetches.forOrigin(origin)
      return (input, init) => (new URL(input).origin === origin ? trusted : guarded)(input, init)
    },
    ...(options.demo ? { demo: options.demo } : {}),
  })

  return {
    defaultProvider,
    prices,

    gatewayFor(run) {
      const resolved = new Map<string, Promise<ResolvedProvider>>()
      const fromCredential = (id: string) => {
        // Opened once per run: every node of the run sees the same provider, and the store is read once.
        let provider = resolved.get(id)
        if (!provider) {
          provider = run.credentials
            .open(id, MODEL_PROVIDER_CREDENTIAL)
            .then(({ name, fields }) => providerFromCredential(id, fields, name))
          // A failed read (a busy database) may succeed on the node's next attempt.
          provider.catch(() => resolved.delete(id))
          resolved.set(id, provider)
        }
        return provider
      }
      // Taken once, when the run starts: its calls are priced alike even if an owner changes a price meanwhile.
      const table = prices.current()
      const make = (usedBefore: number) =>
        createModelGateway({
          resolveProvider: (id) => (id ? fromCredential(id) : defaultProvider),
          prices: table,
          ...(run.tokenBudget ? { budget: { maxTokens: run.tokenBudget, usedBefore } } : {}),
          backends,
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
