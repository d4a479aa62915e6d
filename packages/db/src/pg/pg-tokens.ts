import { randomUUID } from 'node:crypto'
import { and, desc, eq, getTableColumns } from 'drizzle-orm'
import { apiTokens, users } from '../schema/pg/index.ts'
import { ownedBy } from '../scope.ts'
import type { Store } from '../store.ts'
import type { PgDb } from './open-pg.ts'
import { userColumns } from './user-columns.ts'

const { tokenHash: _neverSelected, ...tokenColumns } = getTableColumns(apiTokens)

type TokenMethods = 'createToken' | 'findTokenByHash' | 'listTokens' | 'deleteToken'

export function createPgTokens(db: PgDb): Pick<Store, TokenMethods> {
  return {
    async createToken(access, token) {
      const row = {
        ...token,
        id: randomUUID(),
        userId: access.userId,
        createdAt: Date.now(),
        lastUsedAt: null,
      }
      await db.insert(apiTokens).values(row)
      const { tokenHash: _, ...shown } = row
      return shown
    },
    async findTokenByHash(tokenHash, now) {
      // One statement touches and reads, so a token deleted in between is simply a miss.
      const [token] = await db
        .update(apiTokens)
        .set({ lastUsedAt: now })
        .where(eq(apiTokens.tokenHash, tokenHash))
        .returning(tokenColumns)
      if (!token) return undefined
      const [user] = await db.select(userColumns).from(users).where(eq(users.id, token.userId))
      return user && { token, user }
    },
    async listTokens(access) {
      return db
        .select(tokenColumns)
        .from(apiTokens)
        .where(ownedBy(apiTokens.userId, access))
        .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    },
    async deleteToken(access, id) {
      const deleted = await db
        .delete(apiTokens)
        .where(and(eq(apiTokens.id, id), ownedBy(apiTokens.userId, access)))
        .returning({ id: apiTokens.id })
      return deleted.length > 0
    },
  }
}
