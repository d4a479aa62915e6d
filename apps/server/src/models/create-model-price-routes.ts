import { createRoute, z } from '@hono/zod-openapi'
import type { ModelPriceRecord } from '@zhiliu/db'
import { CNY_PER_USD, CurrencyPrice, completePrice, ModelPrice } from '@zhiliu/models'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json, jsonBody } from '../http/openapi-helpers.ts'

const tags = ['models']

const ModelName = z.string().trim().min(1).max(200)

const PriceView = ModelPrice.extend({
  model: z.string(),
  custom: z.boolean().openapi({ description: 'Set on this server (otherwise the built-in price)' }),
  builtin: ModelPrice.nullable().openapi({
    description: 'The built-in price, which removing the custom one goes back to; null if none',
  }),
  updatedAt: z.number().nullable().openapi({ description: 'When the custom price was set' }),
}).openapi('ModelPrice')
type PriceView = z.infer<typeof PriceView>

const NewPrice = z
  .object({
    model: ModelName.openapi({ description: 'As the provider names it', example: 'deepseek-chat' }),
    cny: CurrencyPrice.optional(),
    usd: CurrencyPrice.optional(),
  })
  .refine((p) => p.cny !== undefined || p.usd !== undefined, {
    path: ['cny'],
    message: 'give the price in CNY, in USD, or both',
  })
  .openapi('NewModelPrice', {
    description: `Per million tokens. Given in one currency, the other is converted at ${CNY_PER_USD} CNY per USD.`,
  })

const listPrices = createRoute({
  method: 'get',
  path: '/model-prices',
  tags,
  summary: 'What model calls cost: every priced model, built-in or set on this server',
  responses: {
    200: json(z.object({ items: z.array(PriceView) }), 'By model name'),
    ...errors(401),
  },
})

const setPrice = createRoute({
  method: 'put',
  path: '/model-prices',
  tags,
  summary:
    "Set a model's price (owner only). Runs started from now on are charged by it; past runs keep theirs",
  middleware: [requireRole('owner')] as const,
  request: { body: jsonBody(NewPrice) },
  responses: { 200: json(PriceView, 'The price now in force'), ...errors(400, 401, 403) },
})

const resetPrice = createRoute({
  method: 'delete',
  path: '/model-prices',
  tags,
  summary: 'Remove the price set on this server for a model: it goes back to the built-in price, or to none',
  middleware: [requireRole('owner')] as const,
  request: { query: z.object({ model: ModelName.openapi({ param: { name: 'model', in: 'query' } }) }) },
  responses: { 204: { description: 'Removed' }, ...errors(400, 401, 403, 404) },
})

export function createModelPriceRoutes(deps: AppDeps) {
  const book = deps.models.prices
  // The other processes read the table back from the store (see create-server-runtime.ts).
  const tellOthers = (model: string) => deps.cluster?.signals.send('prices.changed', model)
  const viewOf = (model: string): PriceView | undefined => {
    const own = book.own().get(model)
    const builtin = Object.hasOwn(book.builtin, model) ? (book.builtin[model] as ModelPrice) : null
    const price = own ?? builtin
    if (!price) return undefined
    return {
      model,
      cny: price.cny,
      usd: price.usd,
      custom: own !== undefined,
      builtin,
      updatedAt: own?.updatedAt ?? null,
    }
  }

  return createRouter()
    .openapi(listPrices, (c) => {
      const models = new Set([...Object.keys(book.builtin), ...book.own().keys()])
      const items = [...models].sort().flatMap((model) => viewOf(model) ?? [])
      return c.json({ items }, 200)
    })
    .openapi(setPrice, async (c) => {
      const { model, ...given } = c.req.valid('json')
      const price = completePrice(given)
      const record: ModelPriceRecord = { model, ...price, updatedAt: deps.now(), updatedBy: c.get('user').id }
      await deps.store.setModelPrice(record)
      book.set(record)
      tellOthers(model)
      return c.json(viewOf(model) as PriceView, 200)
    })
    .openapi(resetPrice, async (c) => {
      const { model } = c.req.valid('query')
      if (!(await deps.store.deleteModelPrice(model))) throw ApiError.notFound('A price set for model', model)
      book.remove(model)
      tellOthers(model)
      return c.body(null, 204)
    })
}
