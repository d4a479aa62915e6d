import { and, eq, inArray, sql } from 'drizzle-orm'
import type { ApprovalStore, WaitingNode } from '../approval-store.ts'
import { runs } from '../schema/pg/index.ts'
import { openRun } from '../schema/sqlite/runs.ts'
import { ownedBy } from '../scope.ts'
import type { PgDb } from './open-pg.ts'
import { saveResults } from './save-results.ts'

// A cancelled (or otherwise ended) run's waits are void: it is neither listed nor decidable.
const OPEN = ['queued', 'running', 'waiting', 'needs_attention'] as const

export function createPgApprovals(db: PgDb): ApprovalStore {
  return {
    async listWaitingNodes(access) {
      // A waiting result is an entry of an open run's record (see results-record.ts) whose `s` is `waiting`:
      // json_each over open runs only, which runs_open_idx lists without reading the history.
      const { rows } = await db.execute<Omit<WaitingNode, 'since'> & { since: string }>(sql`
        select runs.id as "runId", runs.flow_id as "flowId", flows.name as "flowName", runs.owner_id as "ownerId",
               entry.key as key, coalesce(entry.value ->> 'n', entry.key) as "nodeId",
               entry.value -> 'o' as output, runs.started_at + (entry.value ->> 't')::bigint as since
          from runs
         cross join lateral json_each(runs.results) as entry
          left join flows on flows.id = runs.flow_id
         where ${and(openRun(runs.status), inArray(runs.status, [...OPEN]), ownedBy(runs.ownerId, access))}
           and entry.value ->> 's' = 'waiting'
         order by since, runs.id, entry.key`)
      return rows.map((row) => ({ ...row, output: row.output ?? null, since: Number(row.since) }))
    },
    async decideWaitingNode(runId, result) {
      return db.transaction(async (tx) => {
        // The run row is the lock every decider and `finishRun('waiting')` take first (see hold-waiting-run.ts):
        // a second decider waits here, then reads the node as the first one left it.
        const [run] = await tx
          .select({ status: sql<string | null>`${runs.results} -> ${result.key}::text ->> 's'` })
          .from(runs)
          .where(and(eq(runs.id, runId), inArray(runs.status, [...OPEN])))
          .for('update')
        if (run?.status !== 'waiting') return { decided: false }
        await saveResults(tx, runId, [result])
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
