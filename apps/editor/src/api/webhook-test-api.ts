import type { TriggerEvent } from '@zhiliu/nodes'
import { request } from './request.ts'

/** A "wait for a test request" window as the server shows it (`/api/flows/:id/webhook-test`). */
export interface WebhookTestWindow {
  status: 'waiting' | 'captured' | 'expired'
  /** A path (or a full URL when the server knows its public address). */
  testUrl: string
  expiresAt: number
  expiresInMs: number
  capture?: TriggerEvent & { receivedAt: number }
}

const path = (flowId: string) => `/api/flows/${encodeURIComponent(flowId)}/webhook-test`

export const openWebhookTest = (flowId: string) => request<WebhookTestWindow>('POST', path(flowId))

/** The window now, or (with `waitSeconds`) once something is captured, whichever comes first. */
export const readWebhookTest = (flowId: string, waitSeconds: number, signal?: AbortSignal) =>
  request<WebhookTestWindow>(
    'GET',
    `${path(flowId)}?wait=${waitSeconds}`,
    undefined,
    signal ? { signal } : {},
  )
