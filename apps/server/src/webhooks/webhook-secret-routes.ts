import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, IdParam, json } from '../http/openapi-helpers.ts'
import { webhookSecretsFor } from './shared-webhook-secrets.ts'

const rotateSecret = createRoute({
  method: 'post',
  path: '/flows/{id}/webhook-secret',
  tags: ['webhooks'],
  summary: "Create or replace the flow's webhook signing secret; shown this once",
  description:
    'Webhook calls to a trigger with `signing` on must carry Standard Webhooks headers (`webhook-id`, ' +
    '`webhook-timestamp`, `webhook-signature`) made with this secret; callbacks are signed with it too. ' +
    'The secret is stored encrypted and never shown again: calling this again replaces it, and the old one stops working.',
  middleware: [requireRole('editor')] as const,
  request: { params: IdParam },
  responses: {
    201: json(z.object({ secret: z.string().openapi({ example: 'whsec_…' }) }), 'The new secret'),
    ...errors(401, 403, 404),
  },
})

export function createWebhookSecretRoutes(deps: AppDeps) {
  return createRouter().openapi(rotateSecret, async (c) => {
    const { id } = c.req.valid('param')
    const flow = await deps.store.getFlow(c.get('access'), id)
    if (!flow) throw ApiError.notFound('Flow', id)
    return c.json({ secret: await webhookSecretsFor(deps).rotate(flow) }, 201)
  })
}
