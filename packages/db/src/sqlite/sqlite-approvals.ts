import type Database from 'better-sqlite3'
import { and, inArray, sql } from 'drizzle-orm'
import type { ApprovalStore } from '../approval-store.ts'
import { openRun, runs } from '../schema/sqlite/index.ts'
import { ownedBy } from '../scope.ts'
import type { SqliteDb } from './open-sqlite.ts'
import { prepareSaveResults, statusPath } from './prepare-save-results.ts'

// A cancelled (or otherwise ended) run's waits are void: it is neither listed nor decidable.
const OPEN = ['queued', 'running', 'waiting', 'needs_attention'] as const
const OPEN_SQL = OPEN.map((s) => `'${s}'`).join(', ')

export function createSqliteApprovals(db: SqliteDb, client: Database.Database): ApprovalStore {
  const saveResults = prepareSaveResults(client)
  const isWaiting = client.prepare(
    `select 1 from runs where id = ? and status in (${OPEN_SQL}) and results ->> ? = 'waiting'`,
  )
  const reopen = client.prepare(`update runs set status = 'queued' where id = ? and status = 'waiting'`)
  // Immediate: the check and the write are one step for every connection, so a second decider finds it decided.
  const decide = client.transaction((runId: string, result: Parameters<typeof saveResults>[1][number]) => {
    if (!isWaiting.get(runId, statusPath(result.key))) return { decided: false } as const
    saveResults(runId, [result])
    return { decided: true, resume: reopen.run(runId).changes === 1 } as const
  })
  return {
    async listWaitingNodes(access) {
      // A waiting result is an entry of an open run's record whose `s` is `waiting`: json_each over open runs only,
      // which runs_open_idx lists without reading the history.
      const rows = db.all<{
        runId: string
        flowId: string | null
        flowName: string | null
        ownerId: string | null
        key: string
        nodeId: string
        output: string | null
        since: number
      }>(sql`
        select runs.id as runId, runs.flow_id as flowId, flows.name as flowName, runs.owner_id as ownerId,
               entry.key as key, coalesce(entry.value ->> '$.n', entry.key) as nodeId,
               entry.value -> '$.o' as output, runs.started_at + (entry.value ->> '$.t') as since
          from runs, json_each(runs.results) as entry
          left join flows on flows.id = runs.flow_id
         where ${and(openRun(runs.status), inArray(runs.status, [...OPEN]), ownedBy(runs.ownerId, access))}
           and entry.value ->> '$.s' = 'waiting'
         order by since, runs.id, entry.key`)
      return rows.map(({ output, ...row }) => ({
        ...row,
        output: output === null ? null : JSON.parse(output),
      }))
    },
    async decideWaitingNode(runId, result) {
      return decide.immediate(runId, result)
    },
  }
}
