import type Database from 'better-sqlite3'
import type { AttentionDecision, AttentionStore } from '../attention-store.ts'
import { prepareRecordNode } from './prepare-record-node.ts'
import { prepareRunWrites } from './prepare-run-writes.ts'

export function createSqliteAttention(client: Database.Database): AttentionStore {
  const recordNode = prepareRecordNode(client)
  const writes = prepareRunWrites(client)
  const isHeld = client.prepare(
    `select 1 from node_results join runs on runs.id = node_results.run_id
     where run_id = ? and key = ? and node_results.status = 'sending' and runs.status = 'needs_attention'`,
  )
  const forget = client.prepare('delete from node_results where run_id = ? and key = ?')
  const reopen = client.prepare(`update runs set status = 'queued', error = null where id = ?`)
  // Immediate: the check and the writes are one step for every connection, so a second decider finds it settled.
  const settle = client.transaction((runId: string, decision: AttentionDecision) => {
    if (!isHeld.get(runId, decision.key)) return false
    if (decision.result) recordNode(runId, decision.result)
    else forget.run(runId, decision.key)
    if (decision.outcome) writes.finish(runId, decision.outcome)
    else reopen.run(runId)
    return true
  })
  return {
    async settleAttention(runId, decision) {
      return settle.immediate(runId, decision)
    },
  }
}
