import type { NewRun, Store } from '@zhiliu/db'
import type { RunQueue } from '@zhiliu/engine'
import type { RunHistory, TriggerEvent } from '@zhiliu/nodes'
import { ApiError } from '../http/api-error.ts'
import type { Redactor } from '../security/redact.ts'
import type { RunHistoryDefault } from '../settings/run-history.ts'
import { createDeferredRegistration, type KeyHolder } from './deferred-registration.ts'
import type { LiveRun, LiveRuns, RunStart } from './live-runs.ts'
import { newRunId } from './new-run-id.ts'
import type { RunObserver } from './run-observer.ts'
import type { RunService } from './run-service.ts'

export interface StartRunParts {
  store: Store
  queue: RunQueue
  live: LiveRuns
  redactor: Redactor
  observer: RunObserver
  now: () => number
  /** Queue mode: the run may execute in another process, so this one keeps no live copy of it. */
  queueMode: boolean
  closing: () => boolean
  /** The reason to refuse every new run, when there is one now (the database is full). */
  refusal: () => ApiError | undefined
  /** The server's run history setting, for flows that do not choose their own. */
  historyDefault: RunHistoryDefault
}

/**
 * The one way a run starts: refused while the database is full (before anything is written), then claim its
 * idempotency key (if any, released again if the register fails), register the row `queued` with the redacted input,
 * copy reused results, enqueue. A refusal or failure before the enqueue leaves no live run behind.
 */
export function createStartRun(parts: StartRunParts): RunService['start'] {
  const { store, queue, live, redactor, observer, now, queueMode } = parts
  // Keys of deferred runs executing here, whose claims are written with their rows (see deferred-registration.ts).
  // In this process only, by design: a duplicate in another process meets the claim in the store's write instead.
  const pendingKeys = new Map<string, KeyHolder>()
  const start: RunService['start'] = async (request) => {
    if (parts.closing())
      throw new ApiError(503, 'SERVER_CLOSING', 'the server is shutting down; try again shortly')
    const refused = parts.refusal()
    if (refused) throw refused
    const {
      runId = newRunId(),
      idempotency,
      reuse = [],
      alwaysKeep = false,
      inline = false,
      defer = false,
      ...run
    } = request
    const startedAt = now()
    const history = alwaysKeep ? undefined : await historyOf(run, parts.historyDefault)
    // Executed here for a caller waiting here, and no other process needs to see it first: written late.
    if (defer && !queueMode && reuse.length === 0 && !run.pause) {
      const claim =
        idempotency && run.flowId !== null
          ? { flowId: run.flowId, idempotencyKey: idempotency.key, requestHash: idempotency.requestHash }
          : undefined
      const key = claim ? keyOf(claim.flowId, claim.idempotencyKey) : undefined
      const executing = key ? pendingKeys.get(key) : undefined
      if (claim && executing) return heldBy(executing, claim.requestHash)
      // Opened and its key taken with no await since the look-up: a duplicate in this process finds both.
      const opened = live.open(runId, run, false, startedAt)
      if (claim && key) {
        pendingKeys.set(key, { runId, requestHash: claim.requestHash })
        const stored = await store
          .findDelivery({ flowId: claim.flowId, idempotencyKey: claim.idempotencyKey, now: now() })
          .catch((error: unknown) => {
            pendingKeys.delete(key)
            live.drop(runId)
            throw error
          })
        if (stored) {
          pendingKeys.delete(key)
          live.drop(runId)
          return heldBy(stored, claim.requestHash)
        }
      }
      opened.deferred = createDeferredRegistration({
        store,
        row: rowOf(runId, run, startedAt, history, redactor),
        claim,
        now,
        settled: () => {
          if (key && pendingKeys.get(key)?.runId === runId) pendingKeys.delete(key)
        },
      })
      return enqueue(runId, opened, inline)
    }
    // Opened before the claim, so a concurrent duplicate that loses the claim finds this run to wait on.
    const opened = live.open(runId, run, reuse.length > 0, startedAt)
    // The key this call claimed, until its run is stored: a register that fails (the disk is full) gives it back.
    let claimed: { flowId: string; idempotencyKey: string; runId: string } | undefined
    try {
      if (idempotency !== undefined && run.flowId !== null) {
        const { key: idempotencyKey, requestHash } = idempotency
        const claim = await store.claimDelivery({
          flowId: run.flowId,
          idempotencyKey,
          requestHash,
          runId,
          now: now(),
        })
        if (!claim.claimed) {
          live.drop(runId)
          // A claim from before hashes were stored (null) is trusted, as it was when it was taken.
          if (claim.requestHash !== null && claim.requestHash !== requestHash) throw keyReused()
          return { runId: claim.runId, existing: true }
        }
        claimed = { flowId: run.flowId, idempotencyKey, runId }
      }
      await store.createRunRecord(rowOf(runId, run, startedAt, history, redactor))
      claimed = undefined
      await store.saveResults(runId, reuse)
      // Stored, so that an execution after a restart pauses by the same rules.
      if (run.pause) await store.setPauseRules(runId, run.pause)
    } catch (error) {
      live.drop(runId)
      if (claimed) await releaseClaim(store, claimed)
      throw error
    }
    return enqueue(runId, opened, inline)
  }

  const enqueue = async (runId: string, opened: LiveRun, inline: boolean) => {
    try {
      // Inline: the caller executes the run itself, in its own job (see RunService.runInline).
      if (!inline) await queue.enqueue({ runId, resume: true })
    } catch {
      // Closed while this request was registering the run: it stays queued and the next start resumes it.
      live.drop(runId)
      throw new ApiError(
        503,
        'SERVER_CLOSING',
        'the server is shutting down; the run will start when it is back',
      )
    }
    // Queue mode: whichever process executes the run has its events; callers here wait on the store.
    if (!inline && queueMode && live.get(runId) === opened && opened.controller === null) live.drop(runId)
    observer.started(opened)
    return { runId, existing: false }
  }

  return start
}

/**
 * The run an idempotency key already points at (a deferred run executing here, or a stored claim), for a call that
 * sent it again. Refused when the key came with another request.
 */
function heldBy(holder: KeyHolder, requestHash: string): { runId: string; existing: true } {
  // A claim from before hashes were stored (null) is trusted, as it was when it was taken.
  if (holder.requestHash !== null && holder.requestHash !== requestHash) throw keyReused()
  return { runId: holder.runId, existing: true }
}

/** The row a run is registered with, at its start or (deferred) later. */
function rowOf(
  runId: string,
  run: RunStart,
  startedAt: number,
  history: RunHistory | undefined,
  redactor: Redactor,
): NewRun {
  return {
    id: runId,
    flowId: run.flowId ?? undefined,
    flowVersion: run.flowVersion ?? undefined,
    ownerId: run.ownerId,
    trigger: run.trigger,
    status: 'queued',
    // What the caller sent stays in memory for the run; the stored input follows the one redaction rule.
    event: redactor.redact(run.event) as TriggerEvent,
    startedAt,
    parentRunId: run.parentRunId,
    history,
    // Published versions are immutable and stored once; only a draft needs its snapshot with the run.
    document: run.flowVersion === null ? run.document : undefined,
  }
}

const keyOf = (flowId: string, key: string) => `${flowId}\u0000${key}`

/**
 * Best effort: the write that failed may fail this delete too (still no space). The caller hears the first error;
 * a claim left behind expires with DELIVERY_TTL_MS as before.
 */
async function releaseClaim(store: Store, claim: Parameters<Store['releaseDelivery']>[0]): Promise<void> {
  try {
    await store.releaseDelivery(claim)
  } catch {
    // Reported through the register's error.
  }
}

/**
 * The run history setting applies to runs nobody is watching: webhook and schedule runs. A test run or a re-run is
 * looked at right away, so it is always kept.
 */
async function historyOf(run: RunStart, fallback: RunHistoryDefault): Promise<RunHistory | undefined> {
  if (run.trigger !== 'webhook' && run.trigger !== 'schedule') return undefined
  return run.document.settings.runHistory ?? (await fallback.get())
}

/** As Stripe answers it: a retry must repeat the request exactly, or the caller meant a new one and needs a new key. */
export function keyReused(): ApiError {
  return new ApiError(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used for a different request (body or query) to this flow within 24 hours; ' +
      'send a new key for a new request, or repeat the first request exactly to get its run',
  )
}
