import { randomUUID } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, IdParam, json, jsonBody } from '../http/openapi-helpers.ts'
import { validationFailed } from '../http/validation-failed.ts'
import { credentialType, secretFieldsOf } from './credential-types.ts'
import { CredentialPatch, CredentialView, NewCredential, toCredentialView } from './credential-views.ts'
import { sealCredential } from './seal-credential.ts'

const tags = ['credentials']
const editor = requireRole('editor')

const list = createRoute({
  method: 'get',
  path: '/credentials',
  tags,
  summary: 'Your credentials (every credential for the owner): names, types and masked hints only',
  responses: { 200: json(z.object({ items: z.array(CredentialView) }), 'Credentials'), ...errors(401) },
})

const create = createRoute({
  method: 'post',
  path: '/credentials',
  tags,
  summary: 'Store a credential, encrypted; its data is never returned',
  middleware: [editor] as const,
  request: { body: jsonBody(NewCredential) },
  responses: { 201: json(CredentialView, 'Stored'), ...errors(400, 401, 403) },
})

const get = createRoute({
  method: 'get',
  path: '/credentials/{id}',
  tags,
  summary: 'One credential without its data',
  request: { params: IdParam },
  responses: { 200: json(CredentialView, 'The credential'), ...errors(401, 404) },
})

const update = createRoute({
  method: 'put',
  path: '/credentials/{id}',
  tags,
  summary: 'Rename it and/or replace all of its data',
  middleware: [editor] as const,
  request: { params: IdParam, body: jsonBody(CredentialPatch) },
  responses: { 200: json(CredentialView, 'Updated'), ...errors(400, 401, 403, 404) },
})

const remove = createRoute({
  method: 'delete',
  path: '/credentials/{id}',
  tags,
  summary: 'Delete a credential; nodes that use it fail with CREDENTIAL_NOT_FOUND',
  middleware: [editor] as const,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) },
})

export function createCredentialRoutes(deps: AppDeps) {
  // Known from the moment they arrive, so even an error logged while saving cannot show them.
  const redactData = (type: string, data: Record<string, string>) =>
    deps.redactor.add(...secretFieldsOf(type, data).flatMap((key) => data[key] ?? []))

  return createRouter()
    .openapi(list, async (c) => {
      const items = await deps.store.listCredentials(c.get('access'))
      return c.json({ items: items.map(toCredentialView) }, 200)
    })
    .openapi(create, async (c) => {
      const { name, type, data } = c.req.valid('json')
      redactData(type, data)
      const id = randomUUID()
      const sealed = sealCredential(deps.secretBox, id, type, data)
      const created = await deps.store.createCredential(c.get('access'), { id, name, type, ...sealed })
      return c.json(toCredentialView(created), 201)
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param')
      const row = await deps.store.getCredential(c.get('access'), id)
      if (!row) throw ApiError.notFound('Credential', id)
      return c.json(toCredentialView(row), 200)
    })
    .openapi(update, async (c) => {
      const { id } = c.req.valid('param')
      const patch = c.req.valid('json')
      const access = c.get('access')
      const row = await deps.store.getCredential(access, id)
      if (!row) throw ApiError.notFound('Credential', id)
      let secret: ReturnType<typeof sealCredential> | undefined
      if (patch.data) {
        const fields = credentialType(row.type)?.fields
        if (!fields)
          throw ApiError.badRequest('CREDENTIAL_TYPE_UNKNOWN', `This server has no type ${row.type}`)
        const parsed = fields.safeParse(patch.data)
        if (!parsed.success) throw validationFailed(parsed.error, 'json', ['data'])
        const data = parsed.data as Record<string, string>
        redactData(row.type, data)
        secret = sealCredential(deps.secretBox, id, row.type, data)
      }
      const updated = await deps.store.updateCredential(access, id, { name: patch.name, secret })
      if (!updated) throw ApiError.notFound('Credential', id)
      return c.json(toCredentialView(updated), 200)
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid('param')
      if (!(await deps.store.deleteCredential(c.get('access'), id))) throw ApiError.notFound('Credential', id)
      return c.body(null, 204)
    })
}
