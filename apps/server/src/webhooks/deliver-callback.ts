import type { FetchLike } from '@zhiliu/nodes'
import type { Logger } from 'pino'
import { signWebhook } from '../security/webhook-signature.ts'

export interface CallbackDelivery {
  fetch: FetchLike
  url: URL
  /** The flow's webhook secret; the callback is signed (Standard Webhooks) when the flow has one. */
  secret: string | undefined
  /** Stable across retries, so the receiver can drop duplicates. */
  messageId: string
  payload: unknown
  logger: Logger
  now: () => number
  /** Delays before the 2nd, 3rd… attempt. */
  retryDelaysMs?: readonly number[]
}

/** POSTs a run's result to the caller's callback URL; a 2xx ends it, anything else is retried a few times. */
export async function deliverCallback(delivery: CallbackDelivery): Promise<boolean> {
  const body = JSON.stringify(delivery.payload)
  const delays = delivery.retryDelaysMs ?? [1_000, 10_000]
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]))
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (delivery.secret !== undefined) {
      const timestamp = delivery.now() / 1000
      Object.assign(
        headers,
        signWebhook({ secret: delivery.secret, id: delivery.messageId, timestamp, body }),
      )
    }
    try {
      const res = await delivery.fetch(delivery.url, { method: 'POST', headers, body, redirect: 'error' })
      await res.body?.cancel().catch(() => {})
      if (res.ok) return true
      delivery.logger.warn(
        { status: res.status, host: delivery.url.host, attempt },
        'webhook callback refused',
      )
    } catch (err) {
      delivery.logger.warn({ err: String(err), host: delivery.url.host, attempt }, 'webhook callback failed')
    }
  }
  return false
}
