import { randomUUID } from 'node:crypto'
import { and, count, desc, eq, getTableColumns, or, sql } from 'drizzle-orm'
import { flowSearch } from '../flow-search.ts'
import { pageLimit } from '../page.ts'
import type { FlowRecord } from '../rows.ts'
import { flows, users } from '../schema/sqlite/index.ts'
import { ownedBy } from '../scope.ts'
import type { Store } from '../store.ts'
import { StoreError } from '../store-error.ts'
import type { SqliteDb } from './open-sqlite.ts'
import { rethrowUnique } from './rethrow-unique.ts'

const { document: _notListed, ...summaryColumns } = getTableColumns(flows)
const webhookPathTaken = { 'flows.webhook_path': 'webhookPath' }

type FlowMethods =
  | 'createFlow'
  | 'getFlow'
  | 'getFlowSummary'
  | 'listFlows'
  | 'updateFlowDraft'
  | 'deleteFlow'
  | 'findFlowByWebhookPath'

export function createSqliteFlows(db: SqliteDb): Pick<Store, FlowMethods> {
  const flowById = db
    .select()
    .from(flows)
    .where(eq(flows.id, sql.placeholder('id')))
    .prepare()
  const ownFlowById = db
    .select()
    .from(flows)
    .where(and(eq(flows.id, sql.placeholder('id')), eq(flows.ownerId, sql.placeholder('ownerId'))))
    .prepare()
  const summaryById = db
    .select(summaryColumns)
    .from(flows)
    .where(eq(flows.id, sql.placeholder('id')))
    .prepare()
  const ownSummaryById = db
    .select(summaryColumns)
    .from(flows)
    .where(and(eq(flows.id, sql.placeholder('id')), eq(flows.ownerId, sql.placeholder('ownerId'))))
    .prepare()
  const summaryByPath = db
    .select(summaryColumns)
    .from(flows)
    .where(eq(flows.webhookPath, sql.placeholder('path')))
    .prepare()
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
        db.insert(flows).values(row).run()
      } catch (error) {
        rethrowUnique(error, webhookPathTaken)
      }
      return row
    },
    async getFlow(access, id) {
      return access.all ? flowById.get({ id }) : ownFlowById.get({ id, ownerId: access.userId })
    },
    async getFlowSummary(access, id) {
      // Prepared and without the document: every webhook call reads this, and parsing the draft's JSON cost more
      // than the rest of the lookup.
      return access.all ? summaryById.get({ id }) : ownSummaryById.get({ id, ownerId: access.userId })
    },
    async listFlows(access, query = {}) {
      const scope = and(
        ownedBy(flows.ownerId, access),
        flowSearch(query.q, access, flows, 'like', (like) =>
          db
            .select({ id: users.id })
            .from(users)
            .where(or(like(users.name), like(users.email))),
        ),
      )
      const items = db
        .select(summaryColumns)
        .from(flows)
        .where(scope)
        .orderBy(desc(flows.updatedAt), desc(flows.id))
        .limit(pageLimit(query.limit))
        .offset(Math.max(0, Math.trunc(query.offset ?? 0)))
        .all()
      const total = db.select({ n: count() }).from(flows).where(scope).get()?.n ?? 0
      return { items, total }
    },
    async updateFlowDraft(access, id, draft, options = {}) {
      const set: Parameters<ReturnType<typeof db.update<typeof flows>>['set']>[0] = {
        // Strictly later than the revision it replaces, so a revision is never reused within one millisecond.
        updatedAt: sql`max(${Date.now()}, ${flows.updatedAt} + 1)`,
      }
      if (draft.document) Object.assign(set, { document: draft.document, name: draft.document.name })
      if (draft.webhookPath !== undefined) set.webhookPath = draft.webhookPath
      const mine = and(eq(flows.id, id), ownedBy(flows.ownerId, access))
      const { ifUpdatedAt } = options
      let saved: FlowRecord | undefined
      try {
        saved = db
          .update(flows)
          .set(set)
          .where(ifUpdatedAt === undefined ? mine : and(mine, eq(flows.updatedAt, ifUpdatedAt)))
          .returning()
          .get()
      } catch (error) {
        rethrowUnique(error, webhookPathTaken)
      }
      if (!saved && ifUpdatedAt !== undefined) {
        const current = access.all
          ? summaryById.get({ id })
          : ownSummaryById.get({ id, ownerId: access.userId })
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
      const result = db
        .delete(flows)
        .where(and(eq(flows.id, id), ownedBy(flows.ownerId, access)))
        .run()
      return result.changes > 0
    },
    async findFlowByWebhookPath(path) {
      return summaryByPath.get({ path })
    },
  }
}
