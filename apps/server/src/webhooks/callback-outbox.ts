import type { DueCallback, Store } from '@zhiliu/db'
import type { Logger } from 'pino'
import type { ServerConfig } from '../config.ts'
import { createGuardedFetch } from '../outbound/create-guarded-fetch.ts'
import type { RunService } from '../runs/run-service.ts'
import { SYSTEM_ACCESS } from '../runs/system-access.ts'
import type { Redactor } from '../security/redact.ts'
import type { SecretBox } from '../security/secret-box.ts'
import { deliverCallback } from './deliver-callback.ts'
import { webhookSecretsFor } from './shared-webhook-secrets.ts'

/** Waits before the 2nd, 3rd… attempt; after the last one the callback is given up (kept, marked failed). */
export const CALLBACK_RETRY_DELAYS_MS = [1_000, 10_000, 60_000, 600_000, 3_600_000] as const
/** How long a claimed attempt may take before another process may try the same callback. */
const LEASE_MS = 60_000
const BATCH = 20
// How long the process that started a run watches it to deliver at once; later ends are found by the poll.
const WATCH_MS = 10 * 60_000

export interface CallbackOutbox {
  /** Records the callback with the run (already registered); it is POSTed once the run ends, by any process. */
  add(callback: { runId: string; flowId: string; url: URL }): Promise<void>
  /** Starts polling: at start, so callbacks the last process left are delivered (`add` starts it too). */
  start(): void
  /** Delivers every callback that is due now. Resolves with how many attempts were made. */
  deliverDue(): Promise<number>
  /** Stops polling and waits for attempts in flight. */
  close(): Promise<void>
}

export interface CallbackOutboxParts {
  store: Store
  runs: Pick<RunService, 'waitFor'>
  config: Pick<ServerConfig, 'callbackHosts'>
  secretBox: SecretBox
  redactor: Redactor
  logger: Logger
  now: () => number
}

/**
 * Async webhook callbacks as an outbox: the callback is stored with the run, and whichever process finds it due
 * (its run ended, its next attempt's time came) claims it under a lease and POSTs it. So a callback survives a
 * restart, is sent for a run that ended after an approval, and is sent once however many processes poll.
 * Delivery is at least once (a process that dies after the POST and before recording it leaves the callback to be
 * sent again when its lease passes); the message id `msg_<runId>` lets the receiver drop the duplicate.
 */
export function createCallbackOutbox(parts: CallbackOutboxParts, pollMs = 1_000): CallbackOutbox {
  const { store, logger, now } = parts
  const fetch = createGuardedFetch({ allowHosts: parts.config.callbackHosts, timeoutMs: 10_000 })
  const secrets = webhookSecretsFor(parts)
  let running: Promise<number> | undefined
  let again = false
  let closed = false
  let timer: NodeJS.Timeout | undefined

  const attempt = async (due: DueCallback) => {
    const flow = await store.getFlowSummary(SYSTEM_ACCESS, due.flowId)
    const payload = {
      type: 'run.finished',
      runId: due.runId,
      flowId: due.flowId,
      status: due.status,
      output: due.output ?? null,
      error: due.error ?? null,
    }
    const result = await deliverCallback({
      fetch,
      url: new URL(due.url),
      secret: flow ? await secrets.get(flow) : undefined,
      messageId: `msg_${due.runId}`,
      payload: parts.redactor.redact(payload),
      now,
    })
    if (result.ok) {
      await store.settleCallback(due.runId, { delivered: true, now: now() })
      return
    }
    const delay = CALLBACK_RETRY_DELAYS_MS[due.attempts]
    const retryAt = delay === undefined ? null : now() + delay
    logger.warn(
      {
        runId: due.runId,
        host: new URL(due.url).host,
        attempt: due.attempts + 1,
        reason: result.reason,
        retryAt,
      },
      retryAt === null ? 'webhook callback given up' : 'webhook callback failed; will retry',
    )
    await store.settleCallback(due.runId, { delivered: false, now: now(), retryAt, error: result.reason })
  }

  const drain = async () => {
    let attempts = 0
    for (;;) {
      const due = await store.claimDueCallbacks({ now: now(), leaseMs: LEASE_MS, limit: BATCH })
      await Promise.all(due.map((d) => attempt(d)))
      attempts += due.length
      if (due.length < BATCH) return attempts
    }
  }

  const deliverDue = (): Promise<number> => {
    if (running) {
      // A run ended while a pass was under way: look once more when it is done.
      again = true
      return running
    }
    running = drain().finally(() => {
      running = undefined
      if (again && !closed) {
        again = false
        void deliverDue()
      }
    })
    return running
  }

  const tick = () => {
    deliverDue().catch((err: unknown) =>
      logger.error({ err: parts.redactor.redact(err) }, 'webhook callbacks failed'),
    )
  }

  const start = () => {
    if (timer || closed) return
    timer = setInterval(tick, pollMs)
    timer.unref()
  }

  return {
    async add({ runId, flowId, url }) {
      await store.addCallback({ runId, flowId, url: url.href, now: now() })
      start()
      // Deliver as soon as the run ends here; a run that ends elsewhere or later is found by the poll.
      void parts.runs.waitFor(runId, { until: 'finish', timeoutMs: WATCH_MS }).then((end) => {
        if (end.state === 'finished' && !closed) tick()
      })
    },
    start() {
      start()
      tick()
    },
    deliverDue,
    async close() {
      if (closed) return
      closed = true
      clearInterval(timer)
      await running?.catch(() => {})
      await fetch.close()
    },
  }
}
