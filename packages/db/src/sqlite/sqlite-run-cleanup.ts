import type Database from 'better-sqlite3'
import type { Store } from '../store.ts'

const ENDED = "'succeeded', 'failed', 'cancelled'"

export function createSqliteRunCleanup(client: Database.Database): Pick<Store, 'deleteEndedRuns'> {
  // Oldest first along runs_started_idx; node results go with their run (foreign key, on delete cascade).
  const remove = client.prepare(
    `delete from runs where id in (
       select id from runs where started_at < ? and status in (${ENDED}) order by started_at, id limit ?)`,
  )
  return {
    async deleteEndedRuns({ startedBefore, limit }) {
      return remove.run(startedBefore, limit).changes
    },
  }
}
