import type { RunTrigger } from '@zhiliu/db'
import type { PauseRules, RunEvent, RunOutcome } from '@zhiliu/engine'
import type { Flow, TriggerEvent } from '@zhiliu/nodes'
import type { DeferredRegistration } from './deferred-registration.ts'

/** What a run is started with; kept in memory while it runs so the worker need not read it back. */
export interface RunStart {
  ownerId: string
  flowId: string | null
  /** Null runs the draft snapshot in `document`. */
  flowVersion: number | null
  document: Flow
  trigger: RunTrigger
  event: TriggerEvent
  parentRunId?: string
  /** Step through: where a manual run pauses. Webhook and schedule runs never have any. */
  pause?: PauseRules
}

/** A run this process is queueing or executing, plus a few recently finished ones for late subscribers. */
export interface LiveRun {
  readonly runId: string
  readonly start: RunStart
  /** When the run was started (registered), in ms; a run read back from the store keeps its recorded time. */
  readonly startedAt: number
  /** Top-level `flow.respond` nodes: the first one to succeed answers a waiting webhook caller. */
  readonly respondIds: ReadonlySet<string>
  /** The redacted events so far, replayed to subscribers that arrive late. */
  readonly events: RunEvent[]
  /**
   * Whether the worker must read recorded results back before executing: a run recovered after a restart or one
   * started with copied results. A fresh run has none, so it skips that read.
   */
  resume: boolean
  /** Set while the worker executes the run; aborting it cancels the run. */
  controller: AbortController | null
  /** Cancelled before the worker picked it up: the worker must skip it. */
  cancelled: boolean
  /** The first Respond node's output, redacted like everything else that leaves the server. */
  response: { output: unknown } | null
  /** Redacted, as stored. */
  outcome: RunOutcome | null
  /** Called whenever `response` or `outcome` is set. */
  readonly waiters: Set<() => void>
  /** A run whose row is written late (see deferred-registration.ts); null for a run registered at its start. */
  deferred: DeferredRegistration | null
}

// Chunks (model tokens) can be many; past this, later chunks reach live subscribers but are not kept for replay.
// A late subscriber still gets every node.finished, which carries the full text.
const MAX_BUFFERED_EVENTS = 2000

export interface LiveRuns {
  open(runId: string, start: RunStart, resume: boolean, startedAt: number): LiveRun
  get(runId: string): LiveRun | undefined
  /** Buffers a (redacted) event for replay. */
  record(run: LiveRun, event: RunEvent): void
  /** Marks the run finished and wakes its waiters; it stays for late subscribers until evicted. */
  finish(run: LiveRun, outcome: RunOutcome): void
  drop(runId: string): void
  /** A run cancelled while no entry existed (being read back after a restart): its entry opens cancelled. */
  forbid(runId: string): void
  /** Runs not finished yet. */
  active(): LiveRun[]
}

export function createLiveRuns(options: { keepFinished?: number } = {}): LiveRuns {
  const keepFinished = options.keepFinished ?? 128
  const runs = new Map<string, LiveRun>()
  // Insertion-ordered, so the first key is the run that finished longest ago.
  const finished = new Set<string>()
  const forbidden = new Set<string>()
  return {
    open(runId, start, resume, startedAt) {
      const respondIds = new Set(
        start.document.nodes
          .filter((n) => n.type === 'flow.respond' && n.parentId === undefined)
          .map((n) => n.id),
      )
      const run: LiveRun = {
        runId,
        start,
        startedAt,
        respondIds,
        resume,
        events: [],
        controller: null,
        cancelled: forbidden.delete(runId),
        response: null,
        outcome: null,
        waiters: new Set(),
        deferred: null,
      }
      runs.set(runId, run)
      // Reopened (a waiting run resumed): it is running again, not a finished entry to evict.
      finished.delete(runId)
      return run
    },
    get: (runId) => runs.get(runId),
    record(run, event) {
      if (event.type === 'node.chunk') {
        if (appendToLastChunk(run.events, event)) return
        if (run.events.length >= MAX_BUFFERED_EVENTS) return
      }
      run.events.push(event)
    },
    finish(run, outcome) {
      run.outcome = outcome
      run.controller = null
      for (const wake of run.waiters) wake()
      finished.add(run.runId)
      while (finished.size > keepFinished) {
        const oldest = finished.values().next().value as string
        finished.delete(oldest)
        runs.delete(oldest)
      }
    },
    forbid(runId) {
      forbidden.add(runId)
      // Only the few runs cancelled during a restart's read-back ever land here; keep it from growing anyway.
      if (forbidden.size > 1000) forbidden.delete(forbidden.values().next().value as string)
    },
    drop(runId) {
      runs.delete(runId)
      finished.delete(runId)
    },
    active: () => [...runs.values()].filter((r) => r.outcome === null),
  }
}

type ChunkEvent = Extract<RunEvent, { type: 'node.chunk' }>

/**
 * Keeps a run of consecutive answer (or reasoning) pieces from one node as one buffered event, so a late subscriber
 * replays the same text, in the same order, in one event instead of hundreds, and a long answer costs one entry.
 * Progress messages stay apart: each is a message of its own. The last event is replaced, never changed, as live
 * subscribers already hold it.
 */
function appendToLastChunk(events: RunEvent[], event: ChunkEvent): boolean {
  const last = events[events.length - 1]
  if (
    last?.type !== 'node.chunk' ||
    last.key !== event.key ||
    last.chunk.channel !== event.chunk.channel ||
    event.chunk.channel === 'progress'
  ) {
    return false
  }
  events[events.length - 1] = { ...last, chunk: { ...last.chunk, text: last.chunk.text + event.chunk.text } }
  return true
}
