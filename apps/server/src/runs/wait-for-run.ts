import type { Run, Store } from '@zhiliu/db'
import { isPaused, type NodeResult, type RunEventBus, type RunOutcome } from '@zhiliu/engine'
import type { LiveRun, LiveRuns } from './live-runs.ts'
import type { DocumentSource } from './run-documents.ts'
import { storedOutcome } from './stored-events.ts'
import { SYSTEM_ACCESS } from './system-access.ts'

export interface WaitOptions {
  /** `respond`: resolve at the first `flow.respond` node to succeed, or at the end when there is none. */
  until: 'respond' | 'finish'
  timeoutMs: number
  /**
   * Also answer when the run stops for a person (an approval, a send to confirm): `{ state: 'paused' }`. Otherwise
   * that is no end, and the wait goes on (from the store) or answers `timeout` (a run executing here).
   */
  orPause?: boolean
}

interface Announced {
  results: Map<string, NodeResult>
  outcome?: RunOutcome
}

export type RunWait =
  | { state: 'responded'; output: unknown }
  | { state: 'finished'; outcome: RunOutcome }
  | { state: 'paused'; status: PausedStatus }
  | { state: 'timeout' }
  | { state: 'missing' }

type PausedStatus = 'waiting' | 'needs_attention' | 'paused'

// A run executing in another process (or not yet picked up after a restart) is read from the store when the bus
// announces a node or the run finished, and at this interval in case an announcement is lost (or, without REDIS_URL,
// never comes from another process).
const POLL_MS = 500

/**
 * Waits for a run on behalf of a sync webhook caller. A live run costs one waiter callback and one timer; no
 * event objects are built for it.
 */
export function createWaitForRun(parts: {
  store: Store
  live: LiveRuns
  documents: DocumentSource
  bus: RunEventBus
  /** Queue mode: a run registered here may execute elsewhere, so only one executing (or ended) here is waited on live. */
  queueMode?: boolean
}) {
  const local = (runId: string): LiveRun | undefined => {
    const run = parts.live.get(runId)
    if (!run || !parts.queueMode) return run
    return run.controller || run.outcome ? run : undefined
  }
  /**
   * The live entry to wait on. One that ended paused holds that execution only: whether the run went on since (or
   * ended without executing again) the store says, so a wait that stops at pauses reads it there.
   */
  const liveFor = (runId: string, options: WaitOptions): LiveRun | undefined => {
    const run = local(runId)
    const status = run?.outcome?.status
    return options.orPause && status !== undefined && isPaused(status) ? undefined : run
  }
  const fromStore = async (row: Run, options: WaitOptions): Promise<RunWait | undefined> => {
    const { until } = options
    if (options.orPause && isPausedStatus(row.status)) return { state: 'paused', status: row.status }
    const outcome = storedOutcome(row)
    if (!outcome) return undefined
    if (until === 'respond') {
      const document = await parts.documents.forRun(row)
      const respondIds = new Set(document?.nodes.filter((n) => n.type === 'flow.respond').map((n) => n.id))
      const results = respondIds.size > 0 ? await parts.store.loadNodeResults(row.id) : []
      const responded = results.find((r) => r.status === 'succeeded' && respondIds.has(r.key))
      // Stored without output when it is the run's output (see stored-results.ts): the row holds it.
      if (responded) return { state: 'responded', output: responded.output ?? row.output }
    }
    return { state: 'finished', outcome }
  }

  /** The run was deleted at its end (not kept): what it announced, once its end was heard. */
  const fromAnnounced = async (
    row: Run,
    heard: Announced,
    options: WaitOptions,
  ): Promise<RunWait | undefined> => {
    if (!heard.outcome) return undefined
    if (options.until === 'respond') {
      const document = await parts.documents.forRun(row)
      const respond = document?.nodes.find((n) => {
        const result = n.type === 'flow.respond' ? heard.results.get(n.id) : undefined
        return result?.status === 'succeeded'
      })
      if (respond) return { state: 'responded', output: heard.results.get(respond.id)?.output }
    }
    return { state: 'finished', outcome: heard.outcome }
  }

  return async function waitFor(runId: string, options: WaitOptions): Promise<RunWait> {
    const run = liveFor(runId, options)
    if (run) return waitLive(run, options)
    const deadline = Date.now() + options.timeoutMs
    let wake: (() => void) | undefined
    // Subscribed before the first read, so an end announced while it runs still wakes the next wait.
    let announced = false
    // A run its history setting does not keep is gone from the store once it ended: its announcements answer.
    const heard: Announced = { results: new Map() }
    const off = parts.bus.subscribe(runId, (event) => {
      if (event.type === 'node.finished') heard.results.set(event.result.key, event.result)
      else if (event.type === 'run.finished') heard.outcome = event.outcome
      else return
      announced = true
      wake?.()
    })
    try {
      return await poll(runId, options, deadline, heard, (ms) => {
        if (announced) {
          announced = false
          return Promise.resolve()
        }
        return new Promise<void>((resolve) => {
          const timer = setTimeout(done, ms)
          function done() {
            clearTimeout(timer)
            wake = undefined
            announced = false
            resolve()
          }
          wake = done
        })
      })
    } finally {
      off()
    }
  }

  async function poll(
    runId: string,
    options: WaitOptions,
    deadline: number,
    heard: Announced,
    pause: (ms: number) => Promise<void>,
  ): Promise<RunWait> {
    let seen: Run | undefined
    for (;;) {
      const row = await parts.store.getRun(SYSTEM_ACCESS, runId)
      if (!row && !seen) return { state: 'missing' }
      if (row) seen = row
      const done = row ? await fromStore(row, options) : await fromAnnounced(seen as Run, heard, options)
      if (done) return done
      const revived = liveFor(runId, options)
      if (revived) return waitLive(revived, { ...options, timeoutMs: Math.max(0, deadline - Date.now()) })
      if (Date.now() >= deadline) return { state: 'timeout' }
      await pause(Math.min(POLL_MS, deadline - Date.now()))
    }
  }
}

function settled(run: LiveRun, options: WaitOptions): RunWait | undefined {
  if (options.until === 'respond' && run.response) return { state: 'responded', output: run.response.output }
  const status = run.outcome?.status
  if (options.orPause && status !== undefined && isPausedStatus(status)) return { state: 'paused', status }
  // Waiting for an approval or a person's word on a send is not an end: a caller gets the status URL, as when its
  // wait limit passes.
  if (status !== undefined && isPaused(status)) return { state: 'timeout' }
  if (run.outcome) return { state: 'finished', outcome: run.outcome }
  return undefined
}

function waitLive(run: LiveRun, options: WaitOptions): Promise<RunWait> {
  const now = settled(run, options)
  if (now) return Promise.resolve(now)
  return new Promise((resolve) => {
    const wake = () => {
      const result = settled(run, options)
      if (!result) return
      clearTimeout(timer)
      run.waiters.delete(wake)
      resolve(result)
    }
    const timer = setTimeout(() => {
      run.waiters.delete(wake)
      resolve({ state: 'timeout' })
    }, options.timeoutMs)
    run.waiters.add(wake)
  })
}

function isPausedStatus(status: string): status is PausedStatus {
  return status === 'waiting' || status === 'needs_attention' || status === 'paused'
}
