import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json } from '../http/openapi-helpers.ts'

const DemoMessageView = z
  .object({
    id: z.string(),
    runId: z.string().nullable(),
    channel: z.enum(['wecom', 'dingtalk', 'feishu', 'email']),
    title: z
      .string()
      .openapi({ description: "An e-mail's subject or a card's title; empty for a chat message" }),
    body: z
      .string()
      .openapi({ description: 'Text or Markdown as the publish node sent it; never HTML to render' }),
    format: z.enum(['text', 'markdown']),
    createdAt: z.number().int(),
  })
  .openapi('DemoMessage')

const listDemoMessages = createRoute({
  method: 'get',
  path: '/demo-messages',
  tags: ['publishing'],
  summary: 'What publish steps sent to the built-in demo receiver (演示接收端), newest first',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }) },
  responses: {
    200: json(
      z.object({ items: z.array(DemoMessageView) }),
      "The caller's demo messages (an owner: everyone's)",
    ),
    ...errors(400, 401),
  },
})

export function createDemoReceiverRoutes(deps: Pick<AppDeps, 'store'>) {
  return createRouter().openapi(listDemoMessages, async (c) => {
    const rows = await deps.store.listDemoMessages(c.get('access'), c.req.valid('query').limit)
    const items = rows.map(({ key: _key, ownerId: _owner, ...view }) => view)
    return c.json({ items }, 200)
  })
}
