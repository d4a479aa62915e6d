import { and, eq, gt, isNull, or } from 'drizzle-orm'
import { flowCopies, flowShares, flows } from '../schema/sqlite/index.ts'
import { ownedBy } from '../scope.ts'
import type { SharingStore } from '../sharing-store.ts'
import type { Access } from '../store.ts'
import type { SqliteDb } from './open-sqlite.ts'

export function createSqliteSharing(db: SqliteDb): SharingStore {
  const canReach = (access: Access, flowId: string) =>
    db
      .select({ id: flows.id })
      .from(flows)
      .where(and(eq(flows.id, flowId), ownedBy(flows.ownerId, access)))
      .get() !== undefined
  return {
    async getFlowShare(access, flowId) {
      if (!canReach(access, flowId)) return undefined
      return db.select().from(flowShares).where(eq(flowShares.flowId, flowId)).get()
    },
    async saveFlowShare(access, share) {
      return db.transaction((tx) => {
        if (!canReach(access, share.flowId)) return undefined
        const { flowId, ...rest } = share
        tx.insert(flowShares).values(share).onConflictDoUpdate({ target: flowShares.flowId, set: rest }).run()
        return share
      })
    },
    async deleteFlowShare(access, flowId) {
      if (!canReach(access, flowId)) return false
      return db.delete(flowShares).where(eq(flowShares.flowId, flowId)).run().changes > 0
    },
    async findSharedFlow(token, now) {
      const row = db
        .select({ share: flowShares, flow: flows })
        .from(flowShares)
        .innerJoin(flows, eq(flows.id, flowShares.flowId))
        .where(
          and(eq(flowShares.token, token), or(isNull(flowShares.expiresAt), gt(flowShares.expiresAt, now))),
        )
        .get()
      return row
    },
    async recordFlowCopy(copy) {
      db.insert(flowCopies).values(copy).run()
    },
    async listFlowCopies(sourceFlowId) {
      return db
        .select()
        .from(flowCopies)
        .where(eq(flowCopies.sourceFlowId, sourceFlowId))
        .orderBy(flowCopies.createdAt, flowCopies.flowId)
        .all()
    },
  }
}
