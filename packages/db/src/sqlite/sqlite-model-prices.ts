import { asc, eq } from 'drizzle-orm'
import type { ModelPriceRecord } from '../rows.ts'
import { modelPrices } from '../schema/sqlite/index.ts'
import type { Store } from '../store.ts'
import type { SqliteDb } from './open-sqlite.ts'

type ModelPriceMethods = 'listModelPrices' | 'setModelPrice' | 'deleteModelPrice'

export function createSqliteModelPrices(db: SqliteDb): Pick<Store, ModelPriceMethods> {
  return {
    async listModelPrices() {
      return db.select().from(modelPrices).orderBy(asc(modelPrices.model)).all().map(toRecord)
    },
    async setModelPrice(price) {
      const row = {
        cnyInput: price.cny.input,
        cnyOutput: price.cny.output,
        usdInput: price.usd.input,
        usdOutput: price.usd.output,
        cnyImage: price.cny.image ?? null,
        usdImage: price.usd.image ?? null,
        cnySpeechMillionChars: price.cny.speechMillionChars ?? null,
        usdSpeechMillionChars: price.usd.speechMillionChars ?? null,
        cnyAudioMinute: price.cny.audioMinute ?? null,
        usdAudioMinute: price.usd.audioMinute ?? null,
        updatedAt: price.updatedAt,
        updatedBy: price.updatedBy,
      }
      db.insert(modelPrices)
        .values({ model: price.model, ...row })
        .onConflictDoUpdate({ target: modelPrices.model, set: row })
        .run()
    },
    async deleteModelPrice(model) {
      return db.delete(modelPrices).where(eq(modelPrices.model, model)).run().changes > 0
    },
  }
}

function toRecord(row: typeof modelPrices.$inferSelect): ModelPriceRecord {
  // A unit the model is not billed by is NULL in the row and absent from the price.
  const price = (input: number, output: number, units: Record<string, number | null>) => ({
    input,
    output,
    ...Object.fromEntries(Object.entries(units).filter(([, value]) => value !== null)),
  })
  return {
    model: row.model,
    cny: price(row.cnyInput, row.cnyOutput, {
      image: row.cnyImage,
      speechMillionChars: row.cnySpeechMillionChars,
      audioMinute: row.cnyAudioMinute,
    }),
    usd: price(row.usdInput, row.usdOutput, {
      image: row.usdImage,
      speechMillionChars: row.usdSpeechMillionChars,
      audioMinute: row.usdAudioMinute,
    }),
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  }
}
