import type Database from 'better-sqlite3'

/**
 * `finishRun` for a run that ended `waiting`: the run stays open (no finishedAt, output or error). It stays
 * `waiting` only while a node result still waits; a decision recorded while it executed makes it `queued` for the
 * caller to resume (see ApprovalStore). A run that waited is kept, whatever its flow's run history setting says.
 */
export function prepareHoldWaitingRun(client: Database.Database): (runId: string) => void {
  const statement = client.prepare(
    `update runs set output = null, error = null, finished_at = null, lease_until = null, history = null,
       status = case when exists (select 1 from json_each(runs.results) where value ->> '$.s' = 'waiting')
         then 'waiting' else 'queued' end
     where id = ? and status <> 'cancelled'`,
  )
  return (runId) => {
    statement.run(runId)
  }
}
