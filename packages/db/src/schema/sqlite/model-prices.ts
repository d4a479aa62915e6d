import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './users.ts'

/**
 * Per million tokens, as providers list them; media models billed otherwise add their unit: `image` per generated
 * picture, `speechMillionChars` per million characters read out, `audioMinute` per minute transcribed.
 */
export interface TokenPrice {
  input: number
  output: number
  image?: number
  speechMillionChars?: number
  audioMinute?: number
}

/**
 * Prices an owner set for this server, in both currencies. They override the built-in table (`defaultModelPrices`
 * in @zhiliu/models) model by model; a model with no row here keeps its built-in price. One JSON value per currency,
 * so a new billing unit needs no migration.
 */
export const modelPrices = sqliteTable('model_prices', {
  /** As the provider names it, e.g. `deepseek-chat` or `deepseek-ai/DeepSeek-V3`. */
  model: text('model').primaryKey(),
  cny: text('cny', { mode: 'json' }).$type<TokenPrice>().notNull(),
  usd: text('usd', { mode: 'json' }).$type<TokenPrice>().notNull(),
  updatedAt: integer('updated_at').notNull(),
  /** Who set it; null once that user is gone. */
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
})
