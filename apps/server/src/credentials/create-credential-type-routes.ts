import { createRoute, z } from '@hono/zod-openapi'
import { createRouter } from '../http/create-router.ts'
import { errors, json } from '../http/openapi-helpers.ts'
import { credentialTypes } from './credential-types.ts'

const Localized = z.object({ 'zh-CN': z.string(), en: z.string() })

const CredentialTypeView = z
  .object({
    type: z.string(),
    label: Localized,
    description: Localized,
    schema: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'JSON Schema of `data`; secret fields are writeOnly' }),
  })
  .openapi('CredentialType')

const listTypes = createRoute({
  method: 'get',
  path: '/credential-types',
  tags: ['credentials'],
  summary: 'The kinds of credential the server stores, with their fields in both languages',
  responses: { 200: json(z.object({ items: z.array(CredentialTypeView) }), 'Types'), ...errors(401) },
})

export function createCredentialTypeRoutes() {
  const items = Object.entries(credentialTypes).map(([type, spec]) => ({
    type,
    label: spec.label,
    description: spec.description,
    schema: { ...z.toJSONSchema(spec.fields, { io: 'input' }) } as Record<string, unknown>,
  }))
  return createRouter().openapi(listTypes, (c) => c.json({ items }, 200))
}
