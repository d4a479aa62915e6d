import { eq } from 'drizzle-orm'
import { checkFileName, FILE_NAME, type FileStore } from '../file-store.ts'
import { storedFiles } from '../schema/pg/index.ts'
import type { PgDb } from './open-pg.ts'

const info = { name: storedFiles.name, contentType: storedFiles.contentType, size: storedFiles.size }

/** Files as rows, so every process on the database reads what any of them wrote. */
export function createPgFiles(db: PgDb, now: () => number = Date.now): FileStore {
  return {
    async put({ name, key, contentType, bytes }) {
      checkFileName(name)
      // The unique key decides: of two processes storing one key at once, exactly one inserts; the other reads it.
      const [inserted] = await db
        .insert(storedFiles)
        .values({ name, key, contentType, size: bytes.length, bytes, createdAt: now() })
        .onConflictDoNothing({ target: storedFiles.key })
        .returning(info)
      if (inserted) return { ...inserted, duplicate: false }
      const [earlier] = await db.select(info).from(storedFiles).where(eq(storedFiles.key, key))
      if (!earlier) throw new Error(`the file stored under key "${key}" vanished while it was read`)
      return { ...earlier, duplicate: true }
    },
    async get(name) {
      if (!FILE_NAME.test(name)) return undefined
      const [row] = await db
        .select({ ...info, bytes: storedFiles.bytes })
        .from(storedFiles)
        .where(eq(storedFiles.name, name))
      return row
    },
    async delete(name) {
      const gone = await db
        .delete(storedFiles)
        .where(eq(storedFiles.name, name))
        .returning({ name: storedFiles.name })
      return gone.length > 0
    },
    list: () => db.select(info).from(storedFiles).orderBy(storedFiles.name),
  }
}
