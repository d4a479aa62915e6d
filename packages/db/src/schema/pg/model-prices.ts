import { pgTable, text } from 'drizzle-orm/pg-core'
import type { TokenPrice } from '../sqlite/model-prices.ts'
import { jsonValue } from './json-value.ts'
import { ms } from './ms.ts'
import { users } from './users.ts'

/** Prices an owner set for this server; see schema/sqlite/model-prices.ts. */
export const modelPrices = pgTable('model_prices', {
  model: text('model').primaryKey(),
  cny: jsonValue('cny').$type<TokenPrice>().notNull(),
  usd: jsonValue('usd').$type<TokenPrice>().notNull(),
  updatedAt: ms('updated_at').notNull(),
  /** Who set it; null once that user is gone. */
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
})
