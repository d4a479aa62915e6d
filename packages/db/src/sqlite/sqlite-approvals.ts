import type Database from 'better-sqlite3'
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { ApprovalStore } from '../approval-store.ts'
import { flows, nodeResults, runs } from '../schema/sqlite/index.ts'
import { ownedBy } from '../scope.ts'
import type { SqliteDb } from './open-sqlite.ts'
import { prepareRecordNode } from './prepare-record-node.ts'

// A cancelled (or otherwise ended) run's waits are void: it is neither listed nor decidable.
const OPEN = ['queued', 'running', 'waiting', 'needs_attention'] as const
const OPEN_SQL = OPEN.map((s) => `'${s}'`).join(', ')

export function createSqliteApprovals(db: SqliteDb, client: Database.Database): ApprovalStore {
  const recordNode = prepareRecordNode(client)
  const isWaiting = client.prepare(
    `select 1 from node_results join runs on runs.id = node_results.run_id
     where run_id = ? and key = ? and node_results.status = 'waiting' and runs.status in (${OPEN_SQL})`,
  )
  const reopen = client.prepare(`update runs set status = 'queued' where id = ? and status = 'waiting'`)
  // Immediate: the check and the write are one step for every connection, so a second decider finds it decided.
  const decide = client.transaction((runId: string, result: Parameters<typeof recordNode>[1]) => {
    if (!isWaiting.get(runId, result.key)) return { decided: false } as const
    recordNode(runId, result)
    return { decided: true, resume: reopen.run(runId).changes === 1 } as const
  })
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
        .all()
    },
    async decideWaitingNode(runId, result) {
      return decide.immediate(runId, result)
    },
  }
}
