import { and, desc, eq, exists, getTableColumns, max, sql } from 'drizzle-orm'
import { flows, flowVersions } from '../schema/pg/index.ts'
import { ownedBy } from '../scope.ts'
import type { Access, Store } from '../store.ts'
import type { PgDb } from './open-pg.ts'

const versionColumns = getTableColumns(flowVersions)
const { document: _notListed, ...summaryColumns } = versionColumns

type VersionMethods = 'publishFlow' | 'listFlowVersions' | 'getFlowVersion' | 'setPublishedVersion'

export function createPgFlowVersions(db: PgDb): Pick<Store, VersionMethods> {
  const accessible = (access: Access, flowId: string) =>
    and(eq(flows.id, flowId), ownedBy(flows.ownerId, access))

  return {
    async publishFlow(access, flowId) {
      return db.transaction(async (tx) => {
        // FOR UPDATE: a second publisher of this flow waits here until this one commits, and its max(version),
        // a new statement, then sees the version this one added. Two publishers never pick the same number.
        const [flow] = await tx
          .select({ document: flows.document, updatedAt: flows.updatedAt })
          .from(flows)
          .where(accessible(access, flowId))
          .for('update')
        if (!flow) return undefined
        const [last] = await tx
          .select({ version: max(flowVersions.version) })
          .from(flowVersions)
          .where(eq(flowVersions.flowId, flowId))
        const version = {
          flowId,
          version: (last?.version ?? 0) + 1,
          document: flow.document,
          publishedAt: Date.now(),
          publishedBy: access.userId,
        }
        await tx.insert(flowVersions).values(version)
        // The draft is untouched, so its revision (updatedAt) is too: an editor open on it saves on as before.
        await tx
          .update(flows)
          .set({ publishedVersion: version.version, publishedRevision: flow.updatedAt })
          .where(eq(flows.id, flowId))
        return version
      })
    },
    async listFlowVersions(access, flowId) {
      const [flow] = await db.select({ id: flows.id }).from(flows).where(accessible(access, flowId))
      if (!flow) return undefined
      return db
        .select(summaryColumns)
        .from(flowVersions)
        .where(eq(flowVersions.flowId, flowId))
        .orderBy(desc(flowVersions.version))
    },
    async getFlowVersion(access, flowId, version) {
      const [row] = await db
        .select(versionColumns)
        .from(flowVersions)
        .innerJoin(flows, eq(flows.id, flowVersions.flowId))
        .where(and(accessible(access, flowId), eq(flowVersions.version, version)))
      return row
    },
    async setPublishedVersion(access, flowId, version) {
      // One statement: the version must exist at the moment the flow points at it (versions are never deleted
      // while their flow lives, so no lock is needed).
      const target = db
        .select({ document: sql`${flowVersions.document}::text` })
        .from(flowVersions)
        .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.version, version ?? -1)))
      // Rolled back to what the draft holds (a restored draft): nothing is unpublished. Compared as the stored JSON
      // text (json keeps it as written; jsonb would refuse a \u0000 inside).
      const publishedRevision =
        version === null
          ? null
          : sql<number | null>`case when ${flows.document}::text = (${target}) then ${flows.updatedAt} end`
      const [row] = await db
        .update(flows)
        .set({ publishedVersion: version, publishedRevision })
        .where(
          and(
            accessible(access, flowId),
            version === null
              ? undefined
              : exists(
                  db
                    .select({ version: flowVersions.version })
                    .from(flowVersions)
                    .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.version, version))),
                ),
          ),
        )
        .returning()
      return row
    },
  }
}
