import { asc, eq } from 'drizzle-orm'
import { modelPrices } from '../schema/pg/index.ts'
import type { Store } from '../store.ts'
import type { PgDb } from './open-pg.ts'

type ModelPriceMethods = 'listModelPrices' | 'setModelPrice' | 'deleteModelPrice'

export function createPgModelPrices(db: PgDb): Pick<Store, ModelPriceMethods> {
  return {
    async listModelPrices() {
      return db.select().from(modelPrices).orderBy(asc(modelPrices.model))
    },
    async setModelPrice(price) {
      const { model, ...row } = price
      await db.insert(modelPrices).values(price).onConflictDoUpdate({ target: modelPrices.model, set: row })
    },
    async deleteModelPrice(model) {
      const deleted = await db
        .delete(modelPrices)
        .where(eq(modelPrices.model, model))
        .returning({ model: modelPrices.model })
      return deleted.length > 0
    },
  }
}
