import { isDeepStrictEqual } from 'node:util'
import { and, desc, eq, getTableColumns, max } from 'drizzle-orm'
import { flows, flowVersions } from '../schema/sqlite/index.ts'
import { ownedBy } from '../scope.ts'
import type { Access, Store } from '../store.ts'
import type { SqliteDb } from './open-sqlite.ts'

const versionColumns = getTableColumns(flowVersions)
const { document: _notListed, ...summaryColumns } = versionColumns

type VersionMethods = 'publishFlow' | 'listFlowVersions' | 'getFlowVersion' | 'setPublishedVersion'

export function createSqliteFlowVersions(db: SqliteDb): Pick<Store, VersionMethods> {
  const accessible = (access: Access, flowId: string) =>
    and(eq(flows.id, flowId), ownedBy(flows.ownerId, access))

  return {
    async publishFlow(access, flowId) {
      // IMMEDIATE takes the write lock before reading max(version), so two publishers cannot pick the same number.
      return db.transaction(
        (tx) => {
          const flow = tx
            .select({ document: flows.document, updatedAt: flows.updatedAt })
            .from(flows)
            .where(accessible(access, flowId))
            .get()
          if (!flow) return undefined
          const last = tx
            .select({ version: max(flowVersions.version) })
            .from(flowVersions)
            .where(eq(flowVersions.flowId, flowId))
            .get()
          const now = Date.now()
          const version = {
            flowId,
            version: (last?.version ?? 0) + 1,
            document: flow.document,
            publishedAt: now,
            publishedBy: access.userId,
          }
          tx.insert(flowVersions).values(version).run()
          // The draft is untouched, so its revision (updatedAt) is too: an editor open on it saves on as before.
          tx.update(flows)
            .set({ publishedVersion: version.version, publishedRevision: flow.updatedAt })
            .where(eq(flows.id, flowId))
            .run()
          return version
        },
        { behavior: 'immediate' },
      )
    },
    async listFlowVersions(access, flowId) {
      if (!db.select({ id: flows.id }).from(flows).where(accessible(access, flowId)).get()) return undefined
      return db
        .select(summaryColumns)
        .from(flowVersions)
        .where(eq(flowVersions.flowId, flowId))
        .orderBy(desc(flowVersions.version))
        .all()
    },
    async getFlowVersion(access, flowId, version) {
      return db
        .select(versionColumns)
        .from(flowVersions)
        .innerJoin(flows, eq(flows.id, flowVersions.flowId))
        .where(and(accessible(access, flowId), eq(flowVersions.version, version)))
        .get()
    },
    async setPublishedVersion(access, flowId, version) {
      return db.transaction((tx) => {
        let publishedRevision: number | null = null
        if (version !== null) {
          const target = tx
            .select({ document: flowVersions.document })
            .from(flowVersions)
            .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.version, version)))
            .get()
          if (!target) return undefined
          const draft = tx
            .select({ document: flows.document, updatedAt: flows.updatedAt })
            .from(flows)
            .where(eq(flows.id, flowId))
            .get()
          // Rolled back to what the draft holds (a restored draft): nothing is unpublished.
          if (draft && isDeepStrictEqual(draft.document, target.document)) publishedRevision = draft.updatedAt
        }
        return tx
          .update(flows)
          .set({ publishedVersion: version, publishedRevision })
          .where(accessible(access, flowId))
          .returning()
          .get()
      })
    },
  }
}
