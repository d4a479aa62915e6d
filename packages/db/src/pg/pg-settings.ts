import { eq } from 'drizzle-orm'
import { settings } from '../schema/pg/index.ts'
import type { Store } from '../store.ts'
import type { PgDb } from './open-pg.ts'

export function createPgSettings(db: PgDb): Pick<Store, 'getSetting' | 'setSetting'> {
  return {
    async getSetting(name) {
      const [row] = await db.select().from(settings).where(eq(settings.name, name))
      return row
    },
    async setSetting(setting) {
      const { name, ...row } = setting
      await db.insert(settings).values(setting).onConflictDoUpdate({ target: settings.name, set: row })
    },
  }
}
