import type { PausePoint } from '@zhiliu/engine'
import type Database from 'better-sqlite3'
import type { PauseStore } from '../pause-store.ts'

export function createSqlitePauses(client: Database.Database): PauseStore {
  const setRules = client.prepare('update runs set pause_rules = ? where id = ?')
  const resume = client.prepare(
    `update runs set status = 'queued', pause_rules = ?, paused_before = null where id = ? and status = 'paused'`,
  )
  return {
    async setPauseRules(runId, rules) {
      setRules.run(JSON.stringify(rules), runId)
    },
    async resumePausedRun(runId, rules) {
      return resume.run(JSON.stringify(rules), runId).changes > 0
    },
  }
}

/**
 * `finishRun` for a run that ended `paused`: it stays open (no finishedAt, output or error) and is kept whatever its
 * run history setting says, like a waiting run. A cancel recorded meanwhile wins.
 */
export function prepareHoldPausedRun(client: Database.Database): (runId: string, point: PausePoint) => void {
  const statement = client.prepare(
    `update runs set status = 'paused', paused_before = ?, output = null, error = null, finished_at = null,
       lease_until = null, history = null
     where id = ? and status <> 'cancelled'`,
  )
  return (runId, point) => {
    statement.run(JSON.stringify(point), runId)
  }
}
