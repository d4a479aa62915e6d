import type { FetchLike } from '@zhiliu/nodes'
import type { ChatBackend } from './chat-backend.ts'
import { createDemoBackend, type DemoOptions } from './create-demo-backend.ts'
import { createOpenAIBackend } from './create-openai-backend.ts'
import type { ResolvedProvider } from './resolved-provider.ts'

export interface BackendsOptions {
  /** The fetch a provider's SDK client uses; the SDK's own (global fetch) when left out. */
  fetchFor?(provider: ResolvedProvider): FetchLike | undefined
  timeoutMs?: number
  demo?: DemoOptions
  /** Providers kept at once; the one used longest ago goes first. Default 64. */
  max?: number
}

/** The backend for a provider, made once and then reused. */
export type Backends = (provider: ResolvedProvider) => ChatBackend

/**
 * Backends by provider, so that calls to the same provider (same preset, name, base URL and key) share one openai SDK
 * client. Building a client costs more than a short model call's own work in this process, and a server makes one
 * gateway per run; a backend holds no per-run state (metering and budgets live in the gateway), so runs may share it.
 */
export function createBackends(options: BackendsOptions = {}): Backends {
  const max = options.max ?? 64
  const backends = new Map<string, ChatBackend>()
  return (provider) => {
    // The name is in the key because the backend's errors name the provider.
    const key = `${provider.preset.id}\n${provider.name ?? ''}\n${provider.baseURL}\n${provider.apiKey}`
    let backend = backends.get(key)
    if (backend) {
      // Map order is insertion order: moving the entry to the end keeps the oldest-used first.
      backends.delete(key)
    } else {
      const fetch = options.fetchFor?.(provider)
      backend =
        provider.preset.id === 'demo'
          ? createDemoBackend(options.demo)
          : createOpenAIBackend(provider, {
              ...(fetch ? { fetch } : {}),
              ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
            })
      // A rotated key leaves its old entry behind: bounded, so such entries age out.
      if (backends.size >= max) backends.delete(backends.keys().next().value as string)
    }
    backends.set(key, backend)
    return backend
  }
}
