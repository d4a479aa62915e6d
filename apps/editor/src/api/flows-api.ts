import type { FlowProblem } from '@zhiliu/engine'
import type { Flow } from '@zhiliu/nodes'
import { request } from './request.ts'

/** A flow in lists, as the server's FlowSummary view shows it. */
export interface FlowSummary {
  id: string
  ownerId: string
  name: string
  publishedVersion: number | null
  /** The draft revision the published version equals; see `hasUnpublishedChanges`. */
  publishedRevision: number | null
  webhookPath: string | null
  createdAt: number
  updatedAt: number
}

export interface FlowRecord extends FlowSummary {
  document: Flow
}

export interface FlowVersionSummary {
  flowId: string
  version: number
  publishedAt: number
  publishedBy: string
}

const id = encodeURIComponent

/** Whose flows: `me` only the caller's own; `all` everything the caller may see (for the owner role, every member's). */
export type FlowOwnerScope = 'me' | 'all'
/**
 * A page of `owner`'s flows, most recently changed first: by default the first 200 (the server's largest page);
 * `q` keeps those whose name (for the owner role under `all`, or whose member's name) contains it.
 */
export const listFlows = (
  owner: FlowOwnerScope = 'all',
  page: { q?: string; offset?: number; limit?: number } = {},
) => {
  const query = new URLSearchParams({ limit: String(page.limit ?? 200), owner })
  if (page.offset) query.set('offset', String(page.offset))
  if (page.q) query.set('q', page.q)
  return request<{ items: FlowSummary[]; total: number }>('GET', `/api/flows?${query}`)
}
export const getFlow = (flowId: string) => request<FlowRecord>('GET', `/api/flows/${id(flowId)}`)
export const createFlow = (document: Flow) => request<{ id: string }>('POST', '/api/flows', document)
/** With `revision` (the draft's updatedAt when it was loaded), a draft saved elsewhere since is refused (412). */
export const saveFlow = (flowId: string, document: Flow, revision?: number) =>
  request<FlowRecord>('PUT', `/api/flows/${id(flowId)}`, document, {
    ...(revision === undefined ? {} : { headers: { 'if-match': ifMatch(revision) } }),
  })
export const ifMatch = (revision: number) => `"${revision}"`
export const deleteFlow = (flowId: string) => request<void>('DELETE', `/api/flows/${id(flowId)}`)
export const validateOnServer = (flowId: string) =>
  request<{ ok: boolean; problems: FlowProblem[] }>('POST', `/api/flows/${id(flowId)}/validate`)
export const publishFlow = (flowId: string) =>
  request<FlowVersionSummary>('POST', `/api/flows/${id(flowId)}/publish`)
export const listVersions = async (flowId: string) =>
  (await request<{ items: FlowVersionSummary[] }>('GET', `/api/flows/${id(flowId)}/versions`)).items
/** Makes `version` the published one; with `restoreDraft` its document also replaces the draft. */
export const rollback = (flowId: string, version: number, restoreDraft = false) =>
  request<FlowRecord>('POST', `/api/flows/${id(flowId)}/rollback`, { version, restoreDraft })
export const rotateWebhookSecret = (flowId: string) =>
  request<{ secret: string }>('POST', `/api/flows/${id(flowId)}/webhook-secret`)
export const exportFlow = (flowId: string) => request<unknown>('GET', `/api/flows/${id(flowId)}/export`)
export const importFlow = (data: unknown) => request<{ id: string }>('POST', '/api/flows/import', data)
