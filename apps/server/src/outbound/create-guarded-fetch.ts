import type { LookupFunction } from 'node:net'
import type { FetchLike } from '@zhiliu/nodes'
import type { Agent } from 'undici'
import { checkDestination } from './check-destination.ts'
import { createGuardedLookup } from './create-guarded-lookup.ts'
import { createTrustCheck } from './create-trust-check.ts'
import { limitResponse } from './limit-response.ts'
import { loadUndici } from './load-undici.ts'
import { outboundError, toOutboundError } from './outbound-error.ts'
import { type Hop, redirectHop } from './redirect-hop.ts'
import { type Answer, sendRequest } from './send-request.ts'

export { parseAllowHosts } from './parse-allow-hosts.ts'

export interface GuardedFetchOptions {
  /** `host` or `host:port` entries that skip the address guard (`ZHILIU_ALLOW_HOSTS`, see `parseAllowHosts`). */
  allowHosts?: string[]
  /** Covers connect, redirects and reading the body. Default 30 s. */
  timeoutMs?: number
  /** Decoded body size cap. Default 10 MB. */
  maxResponseBytes?: number
  /** Default 5. */
  maxRedirects?: number
  /** Base URLs of model providers an owner trusts (e.g. a local Ollama); their origins skip the address guard. */
  trustedOrigins?: string[]
  /** The resolver behind the guard. Tests inject one to make a "public" name resolve to 127.0.0.1. */
  lookup?: LookupFunction
}

/** A `FetchLike` that also releases its pooled connections on shutdown. */
export type GuardedFetch = FetchLike & { close(): Promise<void> }

/**
 * The fetch handed to nodes: refuses to reach loopback, private, link-local (cloud metadata) and other internal
 * addresses, checked before connecting for IP literals and at connect time for resolved names, on every redirect hop.
 * Failures are `NodeError`s: `OUTBOUND_BLOCKED`, `OUTBOUND_TIMEOUT`, `RESPONSE_TOO_LARGE`, `OUTBOUND_NETWORK`,
 * `OUTBOUND_REDIRECT`, `OUTBOUND_INVALID_URL`.
 */
export function createGuardedFetch(options: GuardedFetchOptions = {}): GuardedFetch {
  const timeoutMs = options.timeoutMs ?? 30_000
  const maxBytes = options.maxResponseBytes ?? 10 * 1024 * 1024
  const maxRedirects = options.maxRedirects ?? 5
  const isTrusted = createTrustCheck(options.allowHosts ?? [], options.trustedOrigins ?? [])
  // Made with the first request (see loadUndici); a fetch never used has no pool to close.
  let dispatchers: Promise<Record<'guarded' | 'trusted', Agent>> | undefined
  const dispatchersNow = () => {
    dispatchers ??= loadUndici().then(({ Agent }) => ({
      guarded: new Agent({ connect: { lookup: createGuardedLookup(options.lookup) } }),
      trusted: new Agent(options.lookup ? { connect: { lookup: options.lookup } } : {}),
    }))
    return dispatchers
  }

  const guardedFetch: FetchLike = async (input, init = {}) => {
    const timeoutSignal = AbortSignal.timeout(timeoutMs)
    const callerSignal = init.signal
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeoutSignal]) : timeoutSignal
    let hop: Hop = { url: parseUrl(input), init }
    for (let redirects = 0; ; redirects++) {
      const host = hop.url.host
      const fail = (err: unknown) => toOutboundError(err, { host, timeoutMs, callerSignal, timeoutSignal })
      const destination = checkDestination(hop.url, isTrusted)
      let answer: Answer
      try {
        const dispatcher = (await dispatchersNow())[destination]
        answer = await sendRequest(hop.url, hop.init, dispatcher, signal)
      } catch (err) {
        throw fail(err)
      }
      let next: Hop | undefined
      try {
        next = init.redirect === 'manual' ? undefined : redirectHop(answer, hop)
      } catch (err) {
        answer.discard()
        throw err
      }
      if (!next) {
        return limitResponse(answer, {
          maxBytes,
          host,
          url: hop.url.href,
          redirected: redirects > 0,
          mapError: fail,
        })
      }
      answer.discard()
      if (init.redirect === 'error') {
        throw outboundError(
          'OUTBOUND_REDIRECT',
          `${host} redirected, and the request does not follow redirects`,
        )
      }
      if (redirects >= maxRedirects) {
        throw outboundError(
          'OUTBOUND_REDIRECT',
          `Request to ${host} redirected more than ${maxRedirects} times`,
        )
      }
      hop = next
    }
  }

  return Object.assign(guardedFetch, {
    close: async () => {
      if (!dispatchers) return
      const { guarded, trusted } = await dispatchers
      await Promise.all([guarded.close(), trusted.close()])
    },
  })
}

function parseUrl(input: string | URL): URL {
  try {
    return new URL(input)
  } catch (cause) {
    throw outboundError('OUTBOUND_INVALID_URL', `"${String(input).slice(0, 200)}" is not a valid URL`, cause)
  }
}
