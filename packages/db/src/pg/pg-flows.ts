import { randomUUID } from 'node:crypto'
import { and, count, desc, eq, getTableColumns, or, sql } from 'drizzle-orm'
import { flowSearch } from '../flow-search.ts'
import { pageLimit } from '../page.ts'
import type { FlowRecord } from '../rows.ts'
import { flows, users } from '../schema/pg/index.ts'
import { ownedBy } from '../scope.ts'
import type { Access, Store } from '../store.ts'
import { StoreError } from '../store-error.ts'
import type { PgDb } from './open-pg.ts'
import { rethrowUnique } from './rethrow-unique.ts'

const { document: _notListed, ...summaryColumns } = getTableColumns(flows)
const webhookPathTaken = { flows_webhook_path_unique: 'webhookPath' }

type FlowMethods =
  | 'createFlow'
  | 'getFlow'
  | 'getFlowSummary'
  | 'listFlows'
  | 'updateFlowDraft'
  | 'deleteFlow'
  | 'findFlowByWebhookPath'

export function createPgFlows(db: PgDb): Pick<Store, FlowMethods> {
  const mine = (access: Access, id: string) => and(eq(flows.id, id), ownedBy(flows.ownerId, access))
  const summary = async (access: Access, id: string) => {
    const [row] = await db.select(summaryColumns).from(flows).where(mine(access, id))
    return row
  }
  return {
    async createFlow(access, draft) {
      const now = Date.now()
      const row = {
        id: randomUUID(),
        ownerId: access.userId,
        name: draft.document.name,
        document: draft.document,
        publishedVersion: null,
        publishedRevision: null,
        webhookPath: draft.webhookPath ?? null,
        createdAt: now,
        updatedAt: now,
      }
      try {
        await db.insert(flows).values(row)
      } catch (error) {
        rethrowUnique(error, webhookPathTaken)
      }
      return row
    },
    async getFlow(access, id) {
      const [row] = await db.select().from(flows).where(mine(access, id))
      return row
    },
    getFlowSummary: summary,
    async listFlows(access, query = {}) {
      const scope = and(
        ownedBy(flows.ownerId, access),
        flowSearch(query.q, access, flows, 'ilike', (like) =>
          db
            .select({ id: users.id })
            .from(users)
            .where(or(like(users.name), like(users.email))),
        ),
      )
      const items = await db
        .select(summaryColumns)
        .from(flows)
        .where(scope)
        .orderBy(desc(flows.updatedAt), desc(flows.id))
        .limit(pageLimit(query.limit))
        .offset(Math.max(0, Math.trunc(query.offset ?? 0)))
      const [total] = await db.select({ n: count() }).from(flows).where(scope)
      return { items, total: total?.n ?? 0 }
    },
    async updateFlowDraft(access, id, draft, options = {}) {
      const set: Parameters<ReturnType<typeof db.update<typeof flows>>['set']>[0] = {
        // Strictly later than the revision it replaces, so a revision is never reused within one millisecond. One
        // UPDATE checks `ifUpdatedAt` and moves it: a concurrent save waits for the row lock, then re-checks the
        // WHERE against the row as saved and matches nothing.
        updatedAt: sql`greatest(${Date.now()}::bigint, ${flows.updatedAt} + 1)`,
      }
      if (draft.document) Object.assign(set, { document: draft.document, name: draft.document.name })
      if (draft.webhookPath !== undefined) set.webhookPath = draft.webhookPath
      const { ifUpdatedAt } = options
      let saved: FlowRecord | undefined
      try {
        ;[saved] = await db
          .update(flows)
          .set(set)
          .where(
            ifUpdatedAt === undefined
              ? mine(access, id)
              : and(mine(access, id), eq(flows.updatedAt, ifUpdatedAt)),
          )
          .returning()
      } catch (error) {
        rethrowUnique(error, webhookPathTaken)
      }
      if (!saved && ifUpdatedAt !== undefined) {
        const current = await summary(access, id)
        if (current) {
          throw new StoreError('STALE', 'The flow was saved elsewhere since this copy was read', {
            updatedAt: current.updatedAt,
          })
        }
      }
      return saved
    },
    async deleteFlow(access, id) {
      // Foreign keys do the rest: versions, deliveries and slots cascade, runs keep their rows with flowId null.
      const deleted = await db.delete(flows).where(mine(access, id)).returning({ id: flows.id })
      return deleted.length > 0
    },
    async findFlowByWebhookPath(path) {
      const [row] = await db.select(summaryColumns).from(flows).where(eq(flows.webhookPath, path))
      return row
    },
  }
}
