import { randomUUID } from 'node:crypto'
import { and, desc, eq, getTableColumns } from 'drizzle-orm'
import { apiTokens, users } from '../schema/sqlite/index.ts'
import { ownedBy } from '../scope.ts'
import type { Store } from '../store.ts'
import type { SqliteDb } from './open-sqlite.ts'
import { userColumns } from './user-columns.ts'

const { tokenHash: _neverSelected, ...tokenColumns } = getTableColumns(apiTokens)

type TokenMethods = 'createToken' | 'findTokenByHash' | 'listTokens' | 'deleteToken'

export function createSqliteTokens(db: SqliteDb): Pick<Store, TokenMethods> {
  return {
    async createToken(access, token) {
      const row = {
        ...token,
        id: randomUUID(),
        userId: access.userId,
        createdAt: Date.now(),
        lastUsedAt: null,
      }
      db.insert(apiTokens).values(row).run()
      const { tokenHash: _, ...shown } = row
      return shown
    },
    async findTokenByHash(tokenHash, now) {
      // One statement touches and reads, so a token deleted in between is simply a miss.
      const token = db
        .update(apiTokens)
        .set({ lastUsedAt: now })
        .where(eq(apiTokens.tokenHash, tokenHash))
        .returning(tokenColumns)
        .get()
      if (!token) return undefined
      const user = db.select(userColumns).from(users).where(eq(users.id, token.userId)).get()
      return user && { token, user }
    },
    async listTokens(access) {
      return db
        .select(tokenColumns)
        .from(apiTokens)
        .where(ownedBy(apiTokens.userId, access))
        .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
        .all()
    },
    async deleteToken(access, id) {
      const result = db
        .delete(apiTokens)
        .where(and(eq(apiTokens.id, id), ownedBy(apiTokens.userId, access)))
        .run()
      return result.changes > 0
    },
  }
}
