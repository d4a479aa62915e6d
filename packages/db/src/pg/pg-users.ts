import { and, count, eq, getTableColumns, gt, lte } from 'drizzle-orm'
import { newUserRow } from '../new-user-row.ts'
import {
  credentials,
  demoMessages,
  feeds,
  flows,
  pages,
  publishReceipts,
  runs,
  sessions,
  users,
} from '../schema/pg/index.ts'
import type { Store } from '../store.ts'
import { lockKey } from './lock-key.ts'
import type { PgDb } from './open-pg.ts'
import { rethrowUnique } from './rethrow-unique.ts'
import { userColumns } from './user-columns.ts'

type UserMethods =
  | 'countUsers'
  | 'createUser'
  | 'createUsers'
  | 'createFirstUser'
  | 'findUserByEmail'
  | 'getUser'
  | 'listUsers'
  | 'updateUser'
  | 'deleteUser'
type SessionMethods = 'createSession' | 'findSession' | 'deleteSession'

export function createPgUsers(db: PgDb): Pick<Store, UserMethods | SessionMethods> {
  return {
    async countUsers() {
      const [row] = await db.select({ n: count() }).from(users)
      return row?.n ?? 0
    },
    async createUser(user) {
      const { row, shown } = newUserRow(user)
      try {
        await db.insert(users).values(row)
      } catch (error) {
        rethrowUnique(error, { users_email_unique: 'email' })
      }
      return shown
    },
    async createUsers(batch) {
      const now = Date.now()
      const made = batch.map((user, i) => newUserRow(user, now + i))
      if (made.length === 0) return []
      try {
        await db.insert(users).values(made.map((m) => m.row))
      } catch (error) {
        rethrowUnique(error, { users_email_unique: 'email' })
      }
      return made.map((m) => m.shown)
    },
    async createFirstUser(user) {
      const { row, shown } = newUserRow(user)
      // The lock serialises setups across processes: under READ COMMITTED two of them would both count zero.
      const created = await db.transaction(async (tx) => {
        await lockKey(tx, 'setup', 'first-user')
        const [existing] = await tx.select({ n: count() }).from(users)
        if ((existing?.n ?? 0) > 0) return false
        await tx.insert(users).values(row)
        return true
      })
      if (!created) return undefined
      return shown
    },
    async findUserByEmail(email) {
      const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()))
      return row
    },
    async getUser(id) {
      const [row] = await db.select(userColumns).from(users).where(eq(users.id, id))
      return row
    },
    async listUsers() {
      return db.select(userColumns).from(users).orderBy(users.createdAt, users.id)
    },
    async updateUser(id, patch) {
      return db.transaction(async (tx) => {
        const [user] = await tx.update(users).set(patch).where(eq(users.id, id)).returning(userColumns)
        if (user && (patch.passwordHash !== undefined || patch.disabledAt)) {
          await tx.delete(sessions).where(eq(sessions.userId, id))
        }
        return user
      })
    },
    async deleteUser(id, heirId) {
      return db.transaction(async (tx) => {
        for (const table of [flows, credentials, runs, feeds, pages, publishReceipts, demoMessages]) {
          await tx.update(table).set({ ownerId: heirId }).where(eq(table.ownerId, id))
        }
        const deleted = await tx.delete(users).where(eq(users.id, id)).returning({ id: users.id })
        return deleted.length > 0
      })
    },

    async createSession(session) {
      const row = { ...session, createdAt: Date.now() }
      await db.transaction(async (tx) => {
        await tx.delete(sessions).where(lte(sessions.expiresAt, row.createdAt))
        await tx.insert(sessions).values(row)
      })
      return row
    },
    async findSession(id, now) {
      const [row] = await db
        .select({ session: getTableColumns(sessions), user: userColumns })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
      return row
    },
    async deleteSession(id) {
      await db.delete(sessions).where(eq(sessions.id, id))
    },
  }
}
