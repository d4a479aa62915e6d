import type { FetchLike } from '@zhiliu/nodes'
import { createGuardedFetch, type GuardedFetch } from '../outbound/create-guarded-fetch.ts'

/**
 * The node's own timeout (5 minutes for `ai.chat`) ends a model call first; this only bounds a stream whose node
 * timeout was raised, since the guarded fetch's timeout covers reading the whole body.
 */
const MODEL_CALL_TIMEOUT_MS = 30 * 60_000
/** Generated images come back base64-encoded, several megabytes each. */
const MAX_MODEL_RESPONSE_BYTES = 64 * 1024 * 1024

export interface ProviderFetches {
  /**
   * A fetch that trusts exactly one origin, a provider's base URL (set by an owner or editor, and allowed to be
   * local, e.g. Ollama): every other address, redirect targets included, still goes through the outbound guard.
   * Kept per origin, so a provider's connections are pooled across runs. Null: trusts nothing.
   */
  forOrigin(origin: string | null): FetchLike
  /** The same, for one connection test: the caller closes it, so an unsaved URL leaves no pool behind. */
  once(origin: string): GuardedFetch
  close(): Promise<void>
}

export function createProviderFetches(options: { allowHosts: string[] }): ProviderFetches {
  const pools = new Map<string, GuardedFetch>()
  const create = (origin: string | null) =>
    createGuardedFetch({
      allowHosts: options.allowHosts,
      trustedOrigins: origin ? [origin] : [],
      timeoutMs: MODEL_CALL_TIMEOUT_MS,
      maxResponseBytes: MAX_MODEL_RESPONSE_BYTES,
    })
  return {
    forOrigin(origin) {
      let fetch = pools.get(origin ?? '')
      if (!fetch) {
        fetch = create(origin)
        pools.set(origin ?? '', fetch)
      }
      return fetch
    },
    once: create,
    async close() {
      const all = [...pools.values()]
      pools.clear()
      await Promise.all(all.map((f) => f.close()))
    },
  }
}
