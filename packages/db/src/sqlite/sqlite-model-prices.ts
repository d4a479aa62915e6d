import { asc, eq } from 'drizzle-orm'
import { modelPrices } from '../schema/sqlite/index.ts'
import type { Store } from '../store.ts'
import type { SqliteDb } from './open-sqlite.ts'

type ModelPriceMethods = 'listModelPrices' | 'setModelPrice' | 'deleteModelPrice'

export function createSqliteModelPrices(db: SqliteDb): Pick<Store, ModelPriceMethods> {
  return {
    async listModelPrices() {
      return db.select().from(modelPrices).orderBy(asc(modelPrices.model)).all()
    },
    async setModelPrice(price) {
      const { model, ...row } = price
      db.insert(modelPrices).values(price).onConflictDoUpdate({ target: modelPrices.model, set: row }).run()
    },
    async deleteModelPrice(model) {
      return db.delete(modelPrices).where(eq(modelPrices.model, model)).run().changes > 0
    },
  }
}
