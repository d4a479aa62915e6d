import { and, eq, gt, isNull, or } from 'drizzle-orm'
import { flowCopies, flowShares, flows } from '../schema/pg/index.ts'
import { ownedBy } from '../scope.ts'
import type { SharingStore } from '../sharing-store.ts'
import type { Access } from '../store.ts'
import type { PgDb } from './open-pg.ts'

export function createPgSharing(db: PgDb): SharingStore {
  const canReach = async (access: Access, flowId: string) => {
    const [row] = await db
      .select({ id: flows.id })
      .from(flows)
      .where(and(eq(flows.id, flowId), ownedBy(flows.ownerId, access)))
    return row !== undefined
  }
  return {
    async getFlowShare(access, flowId) {
      if (!(await canReach(access, flowId))) return undefined
      const [row] = await db.select().from(flowShares).where(eq(flowShares.flowId, flowId))
      return row
    },
    async saveFlowShare(access, share) {
      if (!(await canReach(access, share.flowId))) return undefined
      const { flowId, ...rest } = share
      // A flow deleted meanwhile fails the foreign key: as for a flow never there, nothing is shared.
      try {
        await db.insert(flowShares).values(share).onConflictDoUpdate({ target: flowShares.flowId, set: rest })
      } catch (error) {
        if (!(await canReach(access, flowId))) return undefined
        throw error
      }
      return share
    },
    async deleteFlowShare(access, flowId) {
      if (!(await canReach(access, flowId))) return false
      const deleted = await db
        .delete(flowShares)
        .where(eq(flowShares.flowId, flowId))
        .returning({ flowId: flowShares.flowId })
      return deleted.length > 0
    },
    async findSharedFlow(token, now) {
      const [row] = await db
        .select({ share: flowShares, flow: flows })
        .from(flowShares)
        .innerJoin(flows, eq(flows.id, flowShares.flowId))
        .where(
          and(eq(flowShares.token, token), or(isNull(flowShares.expiresAt), gt(flowShares.expiresAt, now))),
        )
      return row
    },
    async recordFlowCopy(copy) {
      await db.insert(flowCopies).values(copy)
    },
    async listFlowCopies(sourceFlowId) {
      return db
        .select()
        .from(flowCopies)
        .where(eq(flowCopies.sourceFlowId, sourceFlowId))
        .orderBy(flowCopies.createdAt, flowCopies.flowId)
    },
  }
}
