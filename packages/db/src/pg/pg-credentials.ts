import { randomUUID } from 'node:crypto'
import { and, desc, eq, getTableColumns } from 'drizzle-orm'
import { credentials } from '../schema/pg/index.ts'
import { ownedBy } from '../scope.ts'
import type { Access, Store } from '../store.ts'
import type { PgDb } from './open-pg.ts'

// Selected column by column, so the ciphertext cannot reach a list even by accident.
const { ciphertext: _neverListed, ...shownColumns } = getTableColumns(credentials)

type CredentialMethods =
  | 'createCredential'
  | 'getCredential'
  | 'listCredentials'
  | 'updateCredential'
  | 'deleteCredential'

export function createPgCredentials(db: PgDb): Pick<Store, CredentialMethods> {
  const accessible = (access: Access, id: string) =>
    and(eq(credentials.id, id), ownedBy(credentials.ownerId, access))

  return {
    async createCredential(access, credential) {
      const now = Date.now()
      const row = {
        ...credential,
        id: credential.id ?? randomUUID(),
        ownerId: access.userId,
        createdAt: now,
        updatedAt: now,
      }
      await db.insert(credentials).values(row)
      const { ciphertext: _, ...shown } = row
      return shown
    },
    async getCredential(access, id) {
      const [row] = await db.select().from(credentials).where(accessible(access, id))
      return row
    },
    async listCredentials(access) {
      return db
        .select(shownColumns)
        .from(credentials)
        .where(ownedBy(credentials.ownerId, access))
        .orderBy(desc(credentials.updatedAt), desc(credentials.id))
    },
    async updateCredential(access, id, patch) {
      const [row] = await db
        .update(credentials)
        .set({
          ...patch.secret,
          ...(patch.name === undefined ? {} : { name: patch.name }),
          updatedAt: Date.now(),
        })
        .where(accessible(access, id))
        .returning(shownColumns)
      return row
    },
    async deleteCredential(access, id) {
      const deleted = await db
        .delete(credentials)
        .where(accessible(access, id))
        .returning({ id: credentials.id })
      return deleted.length > 0
    },
  }
}
