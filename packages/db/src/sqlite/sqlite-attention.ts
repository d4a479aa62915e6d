import type Database from 'better-sqlite3'
import type { AttentionDecision, AttentionStore } from '../attention-store.ts'
import { prepareRunWrites } from './prepare-run-writes.ts'
import { prepareForgetResults, prepareSaveResults, statusPath } from './prepare-save-results.ts'

export function createSqliteAttention(client: Database.Database): AttentionStore {
  const saveResults = prepareSaveResults(client)
  const forgetResults = prepareForgetResults(client)
  const writes = prepareRunWrites(client)
  const isHeld = client.prepare(
    `select 1 from runs where id = ? and status = 'needs_attention' and results ->> ? = 'sending'`,
  )
  const reopen = client.prepare(`update runs set status = 'queued', error = null where id = ?`)
  // Immediate: the check and the writes are one step for every connection, so a second decider finds it settled.
  const settle = client.transaction((runId: string, decision: AttentionDecision) => {
    if (!isHeld.get(runId, statusPath(decision.key))) return false
    if (decision.result) saveResults(runId, [decision.result])
    else forgetResults(runId, [decision.key])
    if (decision.outcome) writes.finish(runId, decision.outcome, [])
    else reopen.run(runId)
    return true
  })
  return {
    async settleAttention(runId, decision) {
      return settle.immediate(runId, decision)
    },
  }
}
