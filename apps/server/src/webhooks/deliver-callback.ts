import type { FetchLike } from '@zhiliu/nodes'
import { signWebhook } from '../security/webhook-signature.ts'

export interface CallbackDelivery {
  fetch: FetchLike
  url: URL
  /** The flow's webhook secret; the callback is signed (Standard Webhooks) when the flow has one. */
  secret: string | undefined
  /** Stable across attempts, so the receiver can drop duplicates. */
  messageId: string
  payload: unknown
  now: () => number
}

export type CallbackResult = { ok: true } | { ok: false; reason: string }

/** One attempt to POST a run's result to the caller's callback URL: a 2xx is delivered, anything else a failure. */
export async function deliverCallback(delivery: CallbackDelivery): Promise<CallbackResult> {
  const body = JSON.stringify(delivery.payload)
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (delivery.secret !== undefined) {
    const timestamp = delivery.now() / 1000
    Object.assign(headers, signWebhook({ secret: delivery.secret, id: delivery.messageId, timestamp, body }))
  }
  try {
    const res = await delivery.fetch(delivery.url, { method: 'POST', headers, body, redirect: 'error' })
    await res.body?.cancel().catch(() => {})
    return res.ok ? { ok: true } : { ok: false, reason: `answered ${res.status}` }
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) }
  }
}
