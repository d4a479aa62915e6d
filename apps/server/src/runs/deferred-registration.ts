import type { DeliveryClaimInput, NewRun, Store } from '@zhiliu/db'
import { isEnded, type NodeResult, type RunOutcome, type RunRecord } from '@zhiliu/engine'
import { ZhiliuError } from '@zhiliu/nodes'

/** The run that holds the idempotency key a deferred run meant to take, as the store reported it. */
export interface KeyHolder {
  runId: string
  requestHash: string | null
}

/**
 * A run executed for a caller waiting in this process (a sync webhook call) whose row is written late: at its first
 * checkpoint (before a side effect, after an expensive node, after a respond with work left), when its caller stops
 * waiting (a 202 with a status URL), when it stops for a person, or at its end — whichever comes first. A run of
 * pure nodes is then one insert at its end, or, when its run history setting does not keep it, only the flow's
 * not-kept count. Its idempotency key (if one was sent) is claimed in that same write (`Store.recordRun`), so a key
 * never points at a run that was never stored.
 *
 * What this costs: until that write the run exists only in this process's memory. A crash before it leaves no
 * record at all (the caller saw its connection fail; a retry under the same key runs the flow again, which is
 * safe because nothing with a side effect ran: a side effect is always preceded by a checkpoint), and the run list
 * and GET /api/runs/:id do not show the run until it is written (its events reach live subscribers as before).
 *
 * State held in this process only, by design: the row is written by the one execution that owns it here.
 */
export interface DeferredRegistration {
  /** Nothing written yet. */
  readonly pending: boolean
  /** Another run took the key first (another process, concurrently): nothing of this run was written. */
  readonly lostTo: KeyHolder | undefined
  /** Writes the row now, as `status`, if it is not written yet; resolves once it is (rejects with KEY_TAKEN). */
  register(status: 'queued' | 'running'): Promise<void>
  /** The engine's writes, as RunStore, for the run once it executes. */
  createRun(run: RunRecord): Promise<void>
  saveResults(runId: string, results: readonly NodeResult[]): Promise<void>
  finishRun(runId: string, outcome: RunOutcome, results: readonly NodeResult[]): Promise<void>
}

export interface DeferredRegistrationParts {
  store: Store
  /** The row as `createRunRecord` would have written it at the start (its status is set when it is written). */
  row: NewRun
  /** The idempotency key to claim with the row; its time is read when the row is written. */
  claim?: Omit<DeliveryClaimInput, 'now'>
  now: () => number
  /** Called once the row (or the decision not to keep it) is written, or the key was found taken. */
  settled: () => void
}

export function createDeferredRegistration(parts: DeferredRegistrationParts): DeferredRegistration {
  const { store, row } = parts
  let registering: Promise<void> | undefined
  let ended = false
  let lostTo: KeyHolder | undefined

  const claimNow = () => (parts.claim ? { ...parts.claim, now: parts.now() } : undefined)
  const write = async (status: 'queued' | 'running', results: readonly NodeResult[]) => {
    try {
      const claim = await store.recordRun({ ...row, status }, { claim: claimNow(), results })
      if (!claim.claimed) lostTo = { runId: claim.runId, requestHash: claim.requestHash }
    } finally {
      parts.settled()
    }
    if (lostTo) throw keyTaken()
  }
  /** The row written (with `results`), or the results saved on the row written by an earlier call. */
  const checkpoint = async (status: 'queued' | 'running', results: readonly NodeResult[]) => {
    if (!registering) {
      registering = write(status, results)
      return registering
    }
    await registering
    if (results.length > 0) await store.saveResults(row.id, results)
  }

  return {
    get pending() {
      return registering === undefined && !ended
    },
    get lostTo() {
      return lostTo
    },
    register: (status) => checkpoint(status, []),
    async createRun(run) {
      // Not written yet: the row will carry the start. Written early (the caller stopped waiting first): moved on.
      if (registering) {
        await registering
        await store.createRun(run)
      }
    },
    saveResults: (_runId, results) => checkpoint('running', results),
    async finishRun(runId, outcome, results) {
      if (registering) {
        await registering.catch(() => {})
        // The key was another run's: nothing of this one is stored, nor will be.
        if (!lostTo) await store.finishRun(runId, outcome, results)
        return
      }
      if (!isEnded(outcome.status)) {
        // A run that stops for a person (an approval, a breakpoint, a send to confirm) is always kept: its row first.
        await checkpoint('running', results).catch((error: unknown) => {
          if (!lostTo) throw error
        })
        if (!lostTo) await store.finishRun(runId, outcome, [])
        return
      }
      ended = true
      try {
        const written = { claim: claimNow(), results, outcome }
        const claim = await store.recordRun({ ...row, status: 'running' }, written)
        if (!claim.claimed) lostTo = { runId: claim.runId, requestHash: claim.requestHash }
      } finally {
        parts.settled()
      }
    },
  }
}

/** Stops a run whose key another run took first: that run is the one its caller is given. */
function keyTaken(): ZhiliuError {
  return new ZhiliuError(
    'IDEMPOTENCY_KEY_TAKEN',
    'another run took this Idempotency-Key first; this one stopped before any side effect and was not stored',
  )
}
