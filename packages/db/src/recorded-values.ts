import type { NodeResult, RunOutcome } from '@zhiliu/engine'
import { jsonText } from './json-text.ts'
import { type PackedValues, packRunValues } from './packed-run.ts'
import { toResultsRecord } from './results-record.ts'
import type { NewRun } from './store.ts'
import { storedEvent } from './stored-event.ts'

/**
 * What `Store.recordRun` writes for a run stored whole (both stores): its values as column texts, and packed when it
 * is an end and packing pays, as the end of a registered run is (packed-run.ts). A checkpoint stays plain.
 */
export function recordedValues(
  run: NewRun,
  results: readonly NodeResult[],
  outcome: RunOutcome | undefined,
): { plain: PackedValues; packed: Buffer | null } {
  const plain = {
    event: JSON.stringify(storedEvent(run.event)),
    output: jsonText(outcome?.output),
    results: results.length === 0 ? null : JSON.stringify(toResultsRecord(results, run.startedAt)),
    document: jsonText(run.document),
  }
  return { plain, packed: outcome ? packRunValues(plain) : null }
}
