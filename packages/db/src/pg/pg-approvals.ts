import { and, asc, eq, inArray } from 'drizzle-orm'
import type { ApprovalStore } from '../approval-store.ts'
import { flows, nodeResults, runs } from '../schema/pg/index.ts'
import { ownedBy } from '../scope.ts'
import type { PgDb } from './open-pg.ts'
import { recordNodes } from './record-node.ts'

// A cancelled (or otherwise ended) run's waits are void: it is neither listed nor decidable.
const OPEN = ['queued', 'running', 'waiting', 'needs_attention'] as const

export function createPgApprovals(db: PgDb): ApprovalStore {
  return {
    async listWaitingNodes(access) {
      return db
        .select({
          runId: runs.id,
          flowId: runs.flowId,
          flowName: flows.name,
          ownerId: runs.ownerId,
          key: nodeResults.key,
          nodeId: nodeResults.nodeId,
          output: nodeResults.output,
          since: nodeResults.startedAt,
        })
        .from(nodeResults)
        .innerJoin(runs, eq(runs.id, nodeResults.runId))
        .leftJoin(flows, eq(flows.id, runs.flowId))
        .where(
          and(
            eq(nodeResults.status, 'waiting'),
            inArray(runs.status, [...OPEN]),
            ownedBy(runs.ownerId, access),
          ),
        )
        .orderBy(asc(nodeResults.startedAt), asc(runs.id), asc(nodeResults.key))
    },
    async decideWaitingNode(runId, result) {
      return db.transaction(async (tx) => {
        // The run row is the lock every decider and `finishRun('waiting')` take first (see hold-waiting-run.ts):
        // a second decider waits here, then reads the node as the first one left it.
        const [run] = await tx
          .select({ status: runs.status })
          .from(runs)
          .where(and(eq(runs.id, runId), inArray(runs.status, [...OPEN])))
          .for('update')
        if (!run) return { decided: false }
        const [waiting] = await tx
          .select({ key: nodeResults.key })
          .from(nodeResults)
          .where(
            and(
              eq(nodeResults.runId, runId),
              eq(nodeResults.key, result.key),
              eq(nodeResults.status, 'waiting'),
            ),
          )
        if (!waiting) return { decided: false }
        await recordNodes(tx, runId, [result])
        const reopened = await tx
          .update(runs)
          .set({ status: 'queued' })
          .where(and(eq(runs.id, runId), eq(runs.status, 'waiting')))
          .returning({ id: runs.id })
        return { decided: true, resume: reopened.length === 1 }
      })
    },
  }
}
