import { z } from '@hono/zod-openapi'
import type { Credential } from '@zhiliu/db'
import type { SameShape } from '../http/same-shape.ts'
import { type CredentialTypeName, credentialTypes } from './credential-types.ts'

/** What the API shows of a credential: never the data, never the ciphertext. */
export const CredentialView = z
  .object({
    id: z.string(),
    ownerId: z.string(),
    name: z.string(),
    type: z.string(),
    keyId: z.string().openapi({ description: 'Which server key sealed it' }),
    hint: z.string().openapi({ example: 'sk-…a1b2' }),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi('Credential')
const viewMatchesStore: SameShape<z.infer<typeof CredentialView>, Credential> = true
void viewMatchesStore

/** Parsed, not spread: a field added to the row later cannot reach a response unless the view names it. */
export const toCredentialView = (row: Credential) => CredentialView.parse(row)

const Name = z.string().trim().min(1).max(200)

const newCredentialOf = <T extends keyof typeof credentialTypes>(type: T) =>
  z.object({ name: Name, type: z.literal(type), data: credentialTypes[type].fields })

/** One branch per type, so the OpenAPI document shows each type's fields and errors name `data.<field>`. */
export const NewCredential = z
  .discriminatedUnion('type', [
    newCredentialOf('http.bearer'),
    newCredentialOf('http.header'),
    newCredentialOf('http.basic'),
    newCredentialOf('openai.compatible'),
    newCredentialOf('model-provider'),
    newCredentialOf('wecom.bot'),
    newCredentialOf('dingtalk.bot'),
    newCredentialOf('feishu.bot'),
    newCredentialOf('webhook.signing'),
    newCredentialOf('smtp'),
    newCredentialOf('mcp.server'),
  ])
  .openapi('NewCredential')
// A type added to the registry but not to the union above would be impossible to create: the build fails instead.
const everyTypeCreatable: SameShape<z.infer<typeof NewCredential>['type'], CredentialTypeName> = true
void everyTypeCreatable

/** `data` replaces all fields at once and is checked against the stored type's fields. */
export const CredentialPatch = z
  .object({ name: Name.optional(), data: z.record(z.string(), z.string()).optional() })
  .refine((p) => p.name !== undefined || p.data !== undefined, { message: 'send a name, data or both' })
  .openapi('CredentialPatch')
