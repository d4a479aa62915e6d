import type { NodeResult, RunOutcome } from '@zhiliu/engine'
import { isEnded } from '@zhiliu/engine'
import type Database from 'better-sqlite3'
import { endedAt } from '../ended-at.ts'
import { jsonText } from '../json-text.ts'
import { recordedValues } from '../recorded-values.ts'
import {
  DELIVERY_TTL_MS,
  type DeliveryClaim,
  type DeliveryClaimInput,
  keepsEnd,
  type NewRun,
  storedHistory,
} from '../store.ts'

export interface RecordRunWrite {
  claim?: DeliveryClaimInput
  results?: readonly NodeResult[]
  outcome?: RunOutcome
}

/**
 * `Store.recordRun` for SQLite, prepared once as plain SQL like the other run writes (prepare-run-writes.ts), to be
 * called inside the caller's transaction (the group commit), so the claim, the row and its results are one commit.
 * A kept run is one insert; a run not kept is the not-kept count alone (and the claim, when a key was sent).
 */
export function prepareRecordRun(
  client: Database.Database,
): (run: NewRun, write: RecordRunWrite) => DeliveryClaim {
  const insert = client.prepare(
    `insert into runs
       (id, flow_id, flow_version, owner_id, trigger, status, event, parent_run_id, document, started_at, history,
        output, error, finished_at, results, packed)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const countNotKept = client.prepare(
    `insert into runs_not_kept (flow_id, count) values (?, 1)
     on conflict (flow_id) do update set count = count + 1`,
  )
  const purgeClaims = client.prepare('delete from webhook_deliveries where created_at <= ?')
  const claim = client.prepare(
    `insert into webhook_deliveries (flow_id, idempotency_key, request_hash, run_id, created_at)
     values (?, ?, ?, ?, ?) on conflict do nothing`,
  )
  const holder = client.prepare<[string, string], { run_id: string; request_hash: string | null }>(
    'select run_id, request_hash from webhook_deliveries where flow_id = ? and idempotency_key = ?',
  )
  return (run, { claim: key, results = [], outcome }) => {
    if (outcome && !isEnded(outcome.status))
      throw new TypeError(`recordRun stores an end, not "${outcome.status}"`)
    if (key) {
      purgeClaims.run(key.now - DELIVERY_TTL_MS)
      const won = claim.run(key.flowId, key.idempotencyKey, key.requestHash, run.id, key.now)
      if (won.changes === 0) {
        const held = holder.get(key.flowId, key.idempotencyKey)
        if (!held) throw new Error('a delivery claim vanished inside its own transaction')
        return { claimed: false, runId: held.run_id, requestHash: held.request_hash }
      }
    }
    const history = storedHistory(run.history)
    if (outcome && !keepsEnd(history, outcome.status)) {
      if (run.flowId) countNotKept.run(run.flowId)
      return { claimed: true }
    }
    const { plain, packed } = recordedValues(run, results, outcome)
    insert.run(
      run.id,
      run.flowId ?? null,
      run.flowVersion ?? null,
      run.ownerId,
      run.trigger,
      outcome?.status ?? run.status,
      packed ? null : plain.event,
      run.parentRunId ?? null,
      packed ? null : plain.document,
      run.startedAt,
      history,
      packed ? null : plain.output,
      jsonText(outcome?.error),
      outcome ? endedAt(outcome) : null,
      packed ? null : plain.results,
      packed,
    )
    return { claimed: true }
  }
}
