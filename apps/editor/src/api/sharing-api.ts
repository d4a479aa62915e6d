import type { CatalogueEntry, Flow } from '@zhiliu/nodes'
import { request } from './request.ts'

/** A flow's share link as `POST /api/flows/:id/share` answers it. */
export interface ShareLink {
  url: string
  /** A QR code of `url`, as an SVG document. */
  qrSvg: string
  createdAt: number
  expiresAt: number | null
  /** Where students may reach this server; `url` is built on the first unless another was asked for. */
  addresses: string[]
}

/** What anyone with the link reads: the flow without secrets, and the catalogue entries its nodes need. */
export interface SharedFlow {
  flow: Flow
  nodes: CatalogueEntry[]
  expiresAt: number | null
}

const id = encodeURIComponent

export const getShare = (flowId: string, address?: string) =>
  request<ShareLink>('GET', `/api/flows/${id(flowId)}/share${address ? `?address=${id(address)}` : ''}`)
/** `expiresInMinutes`: null for no expiry, left out to keep the link's. */
export const shareFlow = (flowId: string, body: { expiresInMinutes?: number | null; address?: string }) =>
  request<ShareLink>('POST', `/api/flows/${id(flowId)}/share`, body)
export const revokeShare = (flowId: string) => request<void>('DELETE', `/api/flows/${id(flowId)}/share`)
export const getSharedFlow = (token: string) => request<SharedFlow>('GET', `/api/shared/${id(token)}`)
export const copySharedFlow = (token: string) =>
  request<{ id: string }>('POST', `/api/shared/${id(token)}/copy`, {})
