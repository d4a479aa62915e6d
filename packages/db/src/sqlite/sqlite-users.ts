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
} from '../schema/sqlite/index.ts'
import type { Store } from '../store.ts'
import type { SqliteDb } from './open-sqlite.ts'
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

export function createSqliteUsers(db: SqliteDb): Pick<Store, UserMethods | SessionMethods> {
  return {
    async countUsers() {
      return db.select({ n: count() }).from(users).get()?.n ?? 0
    },
    async createUser(user) {
      const { row, shown } = newUserRow(user)
      try {
        db.insert(users).values(row).run()
      } catch (error) {
        rethrowUnique(error, { 'users.email': 'email' })
      }
      return shown
    },
    async createUsers(batch) {
      const now = Date.now()
      const made = batch.map((user, i) => newUserRow(user, now + i))
      try {
        db.transaction((tx) => {
          for (const { row } of made) tx.insert(users).values(row).run()
        })
      } catch (error) {
        rethrowUnique(error, { 'users.email': 'email' })
      }
      return made.map((m) => m.shown)
    },
    async createFirstUser(user) {
      const { row, shown } = newUserRow(user)
      // IMMEDIATE: the count and the insert hold the write lock together, so of two processes setting up at once
      // exactly one finds the table empty.
      const created = db.transaction(
        (tx) => {
          if ((tx.select({ n: count() }).from(users).get()?.n ?? 0) > 0) return false
          tx.insert(users).values(row).run()
          return true
        },
        { behavior: 'immediate' },
      )
      if (!created) return undefined
      return shown
    },
    async findUserByEmail(email) {
      return db.select().from(users).where(eq(users.email, email.toLowerCase())).get()
    },
    async getUser(id) {
      return db.select(userColumns).from(users).where(eq(users.id, id)).get()
    },
    async listUsers() {
      return db.select(userColumns).from(users).orderBy(users.createdAt, users.id).all()
    },
    async updateUser(id, patch) {
      return db.transaction((tx) => {
        const user = tx.update(users).set(patch).where(eq(users.id, id)).returning(userColumns).get()
        if (user && (patch.passwordHash !== undefined || patch.disabledAt)) {
          tx.delete(sessions).where(eq(sessions.userId, id)).run()
        }
        return user
      })
    },
    async deleteUser(id, heirId) {
      return db.transaction((tx) => {
        for (const table of [flows, credentials, runs, feeds, pages, publishReceipts, demoMessages]) {
          tx.update(table).set({ ownerId: heirId }).where(eq(table.ownerId, id)).run()
        }
        return tx.delete(users).where(eq(users.id, id)).run().changes > 0
      })
    },

    async createSession(session) {
      const row = { ...session, createdAt: Date.now() }
      db.transaction((tx) => {
        tx.delete(sessions).where(lte(sessions.expiresAt, row.createdAt)).run()
        tx.insert(sessions).values(row).run()
      })
      return row
    },
    async findSession(id, now) {
      return db
        .select({ session: getTableColumns(sessions), user: userColumns })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
        .get()
    },
    async deleteSession(id) {
      db.delete(sessions).where(eq(sessions.id, id)).run()
    },
  }
}
