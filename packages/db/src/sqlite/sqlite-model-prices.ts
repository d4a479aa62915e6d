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
  const price = (input: number, output: number, image: number | null) =>
    image === null ? { input, output } : { input, output, image }
  return {
    model: row.model,
    cny: price(row.cnyInput, row.cnyOutput, row.cnyImage),
    usd: price(row.usdInput, row.usdOutput, row.usdImage),
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  }
}
