import type { Store } from '@zhiliu/db'
import { type ClusterSignals, NO_PEERS } from '../cluster/cluster-signals.ts'
import type { Scheduler } from './scheduler.ts'

/**
 * The store the API uses, telling the scheduler about every change to what is published: a publish, a roll-back
 * or unpublish, a delete. Done here rather than in each route so that no path (API, import, a future one) can
 * change a published schedule and leave an old timer armed. With REDIS_URL every other process is told too and
 * re-arms its own timers; which one of them starts a slot's run, `claimSlot` decides.
 */
export function refreshSchedulesOn(
  store: Store,
  scheduler: Pick<Scheduler, 'refresh'>,
  signals: ClusterSignals = NO_PEERS,
): Store {
  const rearm = (flowId: string) => {
    void scheduler.refresh(flowId).catch(() => {})
  }
  signals.on('flow.published', rearm)
  const refresh = (flowId: string) => {
    rearm(flowId)
    signals.send('flow.published', flowId)
  }
  return {
    ...store,
    async publishFlow(access, id) {
      const version = await store.publishFlow(access, id)
      if (version) refresh(id)
      return version
    },
    async setPublishedVersion(access, flowId, version) {
      const flow = await store.setPublishedVersion(access, flowId, version)
      if (flow) refresh(flowId)
      return flow
    },
    async deleteFlow(access, id) {
      const deleted = await store.deleteFlow(access, id)
      if (deleted) refresh(id)
      return deleted
    },
  }
}
