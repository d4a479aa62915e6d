import type { RunTrigger } from '@zhiliu/db'
import { isPaused } from '@zhiliu/engine'
import type { Flow } from '@zhiliu/nodes'
import { Counter, Histogram, type Registry } from 'prom-client'
import type { RunObserver } from '../runs/run-observer.ts'
import { TalliedHistogram } from './tallied-histogram.ts'

// From a webhook answered in milliseconds to an AI pipeline of minutes and a review that waits an hour.
const RUN_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 3600]
// From a JSONata step (under a millisecond) to a slow model call or HTTP request.
const NODE_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300,
]

// Every trigger, so each series exists (at 0) from the first scrape and rate() sees its first run. The Record type
// makes a new trigger kind a compile error here.
const TRIGGERS = Object.keys({
  manual: true,
  webhook: true,
  schedule: true,
  rerun: true,
  flow: true,
} satisfies Record<RunTrigger, true>) as RunTrigger[]
const ENDINGS = ['succeeded', 'failed', 'cancelled'] as const

/**
 * Counts runs and times runs and nodes from the events a run announces. Labels are bounded sets (trigger, status,
 * node type): never a flow or run id, which would make a series per flow, nor anything a flow produced.
 */
export function createRunMetrics(registry: Registry): RunObserver {
  const registers = [registry]
  const started = new Counter({
    name: 'zhiliu_runs_started_total',
    help: 'Runs started (registered and queued), by trigger',
    labelNames: ['trigger'],
    registers,
  })
  const finished = new Counter({
    name: 'zhiliu_runs_finished_total',
    help: 'Runs that ended, by trigger and status (succeeded, failed, cancelled)',
    labelNames: ['trigger', 'status'],
    registers,
  })
  const attention = new Counter({
    name: 'zhiliu_runs_needing_attention_total',
    help: 'Runs that stopped needs_attention: a send without an idempotency key was cut off (its worker died mid-send) and waits for a person',
    labelNames: ['trigger'],
    registers,
  })
  const runSeconds = new Histogram({
    name: 'zhiliu_run_duration_seconds',
    help: 'Time from a run starting to its end, including time queued and time waiting for a review',
    labelNames: ['trigger', 'status'],
    buckets: RUN_BUCKETS,
    registers,
  })
  const nodeSeconds = new TalliedHistogram({
    name: 'zhiliu_node_duration_seconds',
    help: 'Time a node took (with its retries), by node type and status; results reused from an earlier execution are not counted',
    labelNames: ['type', 'status'],
    buckets: NODE_BUCKETS,
    registers,
  })
  for (const trigger of TRIGGERS) {
    started.inc({ trigger }, 0)
    attention.inc({ trigger }, 0)
    for (const status of ENDINGS) finished.inc({ trigger, status }, 0)
  }
  const typeOf = createTypeLookup()

  return {
    started(run) {
      started.inc({ trigger: run.start.trigger })
    },
    event(event, run) {
      if (event.type === 'node.finished') {
        const { result } = event
        if (event.reused || (result.status !== 'succeeded' && result.status !== 'failed')) return
        const type = run.start.document && typeOf(run.start.document, result.nodeId)
        if (type === undefined) return
        nodeSeconds.tally(type, result.status, (result.finishedAt - result.startedAt) / 1000)
      } else if (event.type === 'run.finished') {
        const { status, finishedAt } = event.outcome
        // Waiting for a review or for a person's word on a send is a pause, not an end: the run is counted (as
        // finished) when it really ends.
        if (status === 'needs_attention') attention.inc({ trigger: run.start.trigger })
        if (isPaused(status)) return
        const labels = { trigger: run.start.trigger, status }
        finished.inc(labels)
        runSeconds.observe(labels, Math.max(0, finishedAt - run.startedAt) / 1000)
      }
    },
  }
}

/** A node's type by its id, indexed once per document (published versions are shared objects, cached in memory). */
function createTypeLookup() {
  const indexes = new WeakMap<Flow, Map<string, string>>()
  return (document: Flow, nodeId: string): string | undefined => {
    let types = indexes.get(document)
    if (!types) {
      types = new Map(document.nodes.map((n) => [n.id, n.type]))
      indexes.set(document, types)
    }
    return types.get(nodeId)
  }
}
