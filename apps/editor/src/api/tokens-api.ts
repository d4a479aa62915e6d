import { request } from './request.ts'

export interface ApiTokenView {
  id: string
  userId: string
  name: string
  createdAt: number
  lastUsedAt: number | null
}

export const listTokens = () => request<{ items: ApiTokenView[] }>('GET', '/api/tokens')
/** The token value is in this answer only; the server keeps just its hash. */
export const createToken = (name: string) =>
  request<ApiTokenView & { token: string }>('POST', '/api/tokens', { name })
export const revokeToken = (id: string) => request<void>('DELETE', `/api/tokens/${encodeURIComponent(id)}`)
