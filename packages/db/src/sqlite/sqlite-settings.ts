import { eq } from 'drizzle-orm'
import { settings } from '../schema/sqlite/index.ts'
import type { Store } from '../store.ts'
import type { SqliteDb } from './open-sqlite.ts'

export function createSqliteSettings(db: SqliteDb): Pick<Store, 'getSetting' | 'setSetting'> {
  return {
    async getSetting(name) {
      return db.select().from(settings).where(eq(settings.name, name)).get()
    },
    async setSetting(setting) {
      const { name, ...row } = setting
      db.insert(settings).values(setting).onConflictDoUpdate({ target: settings.name, set: row }).run()
    },
  }
}
