import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './users.ts'

/**
 * Prices an owner set for this server, per million tokens in both currencies. They override the built-in table
 * (`defaultModelPrices` in @zhiliu/models) model by model; a model with no row here keeps its built-in price.
 */
export const modelPrices = sqliteTable('model_prices', {
  /** As the provider names it, e.g. `deepseek-chat` or `deepseek-ai/DeepSeek-V3`. */
  model: text('model').primaryKey(),
  cnyInput: real('cny_input').notNull(),
  cnyOutput: real('cny_output').notNull(),
  usdInput: real('usd_input').notNull(),
  usdOutput: real('usd_output').notNull(),
  /** Per generated image, for models billed by the picture; null for the rest. */
  cnyImage: real('cny_image'),
  usdImage: real('usd_image'),
  /** Per million characters read out (speech models); null for the rest. */
  cnySpeechMillionChars: real('cny_speech_million_chars'),
  usdSpeechMillionChars: real('usd_speech_million_chars'),
  /** Per minute of audio transcribed (transcription models billed by length); null for the rest. */
  cnyAudioMinute: real('cny_audio_minute'),
  usdAudioMinute: real('usd_audio_minute'),
  updatedAt: integer('updated_at').notNull(),
  /** Who set it; null once that user is gone. */
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
})
