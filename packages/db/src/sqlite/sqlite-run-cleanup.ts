import type Database from 'better-sqlite3'
import type { Store } from '../store.ts'

const ENDED = "'succeeded', 'failed', 'cancelled'"
// SQLite's value for `auto_vacuum = INCREMENTAL`.
const INCREMENTAL = 2
// Pages given back per call (8 MB of 4 KB pages): moving pages is synchronous work, so a large give-back is spread
// over several clean-up passes instead of holding the process at once.
const RECLAIM_PAGES = 2048

type RunCleanup = Pick<Store, 'deleteEndedRuns' | 'runHistoryBytes' | 'measureRunHistory' | 'reclaimRunSpace'>

export function createSqliteRunCleanup(client: Database.Database): RunCleanup {
  // Oldest first along runs_started_idx; a run's node results are on its row.
  const remove = client.prepare(
    `delete from runs where id in (
       select id from runs where started_at < ? and status in (${ENDED}) order by started_at, id limit ?)`,
  )
  const countRuns = client.prepare('select count(*) from runs').pluck()
  const countSince = client.prepare('select count(*) from runs where started_at >= ?').pluck()
  const pragma = (name: string) => client.pragma(name, { simple: true }) as number
  const bytes = () => (pragma('page_count') - pragma('freelist_count')) * pragma('page_size')
  return {
    async deleteEndedRuns({ startedBefore, limit }) {
      return remove.run(startedBefore, limit).changes
    },
    async runHistoryBytes() {
      return bytes()
    },
    async measureRunHistory({ since }) {
      return {
        bytes: bytes(),
        runs: countRuns.get() as number,
        runsSince: countSince.get(since) as number,
      }
    },
    async reclaimRunSpace() {
      // Free pages are reused by the next writes anyway; giving them back only pays once a lot of the file is free
      // (the budget was lowered), as moving pages is a write of its own.
      if (pragma('auto_vacuum') !== INCREMENTAL) return
      if (pragma('freelist_count') * 4 > pragma('page_count'))
        client.pragma(`incremental_vacuum(${RECLAIM_PAGES})`)
    },
  }
}
