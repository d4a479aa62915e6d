import type { Localized } from '@zhiliu/nodes'
import type { JsonSchema } from '../catalogue/schema-fields.ts'
import { request } from './request.ts'

/** A stored credential as the API shows it: a masked hint, never the secret. */
export interface CredentialSummary {
  id: string
  name: string
  type: string
  hint: string
  createdAt: number
  updatedAt: number
}

/** A kind of credential the server stores; `schema` describes its fields (secret ones are `writeOnly`). */
export interface CredentialType {
  type: string
  label: Localized
  description: Localized
  schema: JsonSchema
}

const id = encodeURIComponent

export const listCredentials = async () =>
  (await request<{ items: CredentialSummary[] }>('GET', '/api/credentials')).items
export const listCredentialTypes = async () =>
  (await request<{ items: CredentialType[] }>('GET', '/api/credential-types')).items
export const createCredential = (body: { name: string; type: string; data: Record<string, string> }) =>
  request<CredentialSummary>('POST', '/api/credentials', body)
export const updateCredential = (
  credentialId: string,
  body: { name?: string; data?: Record<string, string> },
) => request<CredentialSummary>('PUT', `/api/credentials/${id(credentialId)}`, body)
export const deleteCredential = (credentialId: string) =>
  request<void>('DELETE', `/api/credentials/${id(credentialId)}`)
