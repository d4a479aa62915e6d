import type { RunTrigger, Store } from '@zhiliu/db'
import { isEnded, type NodeResult } from '@zhiliu/engine'
import { CalledFlowWait } from '@zhiliu/nodes'
import type { Logger } from 'pino'
import { SYSTEM_ACCESS } from './system-access.ts'

/** A run that just ended, as far as waking its caller needs it. */
export interface EndedChild {
  runId: string
  trigger: RunTrigger
  parentRunId?: string | null
}

export interface WakeCallerParts {
  store: Store
  /** Enqueues a run the store moved from `waiting` to `queued`. */
  requeue(runId: string): Promise<void>
  now: () => number
  logger: Logger
}

export interface WakeCaller {
  /** A run ended: if its parent waits on it (a `flow.call` whose child stopped for a person), the parent goes on. */
  childEnded(child: EndedChild): Promise<void>
  /**
   * The safety net, run with the approval deadlines: wakes every caller still waiting on a child that ended — the
   * child ended in the moment before its parent recorded the wait, or in a process that died before it woke it.
   */
  wakeStranded(): Promise<number>
}

/**
 * Wakes a run whose `flow.call` waits on a child run (see CalledFlowWait). The waiting result is replaced, as an
 * approval's decision is (atomically, by `decideWaitingNode`), but with `sending`: a keyed node found sending runs
 * again on resume, under the same idempotency key, so the node finds the child it started and outputs its end —
 * success, failure and the node's own error handling exactly as if the child had never waited.
 */
export function createWakeCaller(parts: WakeCallerParts): WakeCaller {
  const { store } = parts

  const wake = async (parentRunId: string, waiting: NodeResult, wait: CalledFlowWait) => {
    // Renewed, so the node running again finds this child however long the approval took (claims last 24 h).
    await store.claimDelivery({
      flowId: wait.flowId,
      idempotencyKey: wait.claim.key,
      requestHash: wait.claim.requestHash,
      runId: wait.calledRunId,
      now: parts.now(),
    })
    const woken: NodeResult = { ...waiting, status: 'sending', finishedAt: parts.now() }
    const outcome = await store.decideWaitingNode(parentRunId, woken)
    if (outcome.decided && outcome.resume) await parts.requeue(parentRunId)
    return outcome.decided
  }

  const waitsOn = (result: NodeResult, childId: string): CalledFlowWait | undefined => {
    if (result.status !== 'waiting') return undefined
    const wait = CalledFlowWait.safeParse(result.output).data
    return wait?.calledRunId === childId ? wait : undefined
  }

  return {
    async childEnded(child) {
      if (child.trigger !== 'flow' || !child.parentRunId) return
      // Most children end inside their parent's execution (inline), where nothing waits: one row read says so.
      const parent = await store.getRun(SYSTEM_ACCESS, child.parentRunId)
      if (parent?.status !== 'waiting') return
      for (const result of await store.loadNodeResults(parent.id)) {
        const wait = waitsOn(result, child.runId)
        if (wait) await wake(parent.id, result, wait)
      }
    },

    async wakeStranded() {
      let woken = 0
      for (const node of await store.listWaitingNodes(SYSTEM_ACCESS)) {
        const wait = CalledFlowWait.safeParse(node.output).data
        if (!wait) continue
        const child = await store.getRun(SYSTEM_ACCESS, wait.calledRunId)
        // A child deleted since (its history not kept) ended too: running again, the node reports it.
        if (child && !isEnded(child.status)) continue
        const result = (await store.loadNodeResults(node.runId)).find((r) => r.key === node.key)
        if (result && waitsOn(result, wait.calledRunId) && (await wake(node.runId, result, wait))) woken++
      }
      if (woken > 0) parts.logger.info({ woken }, 'woke runs waiting on called flows that had ended')
      return woken
    },
  }
}
