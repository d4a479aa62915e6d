import { createRoute, z } from '@hono/zod-openapi'
import type { ApiToken } from '@zhiliu/db'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, IdParam, json, jsonBody } from '../http/openapi-helpers.ts'
import type { SameShape } from '../http/same-shape.ts'
import { createOpaqueToken, hashToken } from '../security/tokens.ts'

const TokenView = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    createdAt: z.number(),
    lastUsedAt: z.number().nullable(),
  })
  .openapi('ApiToken')
const tokenMatchesStore: SameShape<z.infer<typeof TokenView>, ApiToken> = true
void tokenMatchesStore

const CreatedToken = TokenView.extend({
  token: z.string().openapi({ description: 'Shown once; only its hash is stored', example: 'zl_pat_…' }),
})

const createToken = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['tokens'],
  summary: 'Create an API token for scripts, sent as `Authorization: Bearer zl_pat_…`',
  request: { body: jsonBody(z.object({ name: z.string().trim().min(1).max(100) }).openapi('NewToken')) },
  responses: { 201: json(CreatedToken, 'The token, shown this once'), ...errors(400, 401) },
})

const listTokens = createRoute({
  method: 'get',
  path: '/tokens',
  tags: ['tokens'],
  summary: 'Your API tokens (every token for the owner), without their values',
  responses: { 200: json(z.object({ items: z.array(TokenView) }), 'Tokens, newest first'), ...errors(401) },
})

const deleteToken = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  tags: ['tokens'],
  summary: 'Revoke a token',
  request: { params: IdParam },
  responses: { 204: { description: 'Revoked' }, ...errors(401, 404) },
})

export function createTokenRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(createToken, async (c) => {
      const token = createOpaqueToken('zl_pat')
      const { name } = c.req.valid('json')
      const created = await deps.store.createToken(c.get('access'), { name, tokenHash: hashToken(token) })
      return c.json({ ...TokenView.parse(created), token }, 201)
    })
    .openapi(listTokens, async (c) => {
      const items = await deps.store.listTokens(c.get('access'))
      return c.json({ items: items.map((t) => TokenView.parse(t)) }, 200)
    })
    .openapi(deleteToken, async (c) => {
      const { id } = c.req.valid('param')
      if (!(await deps.store.deleteToken(c.get('access'), id))) throw ApiError.notFound('API token', id)
      return c.body(null, 204)
    })
}
