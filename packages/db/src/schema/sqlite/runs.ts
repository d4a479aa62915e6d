import type { NodeStatus, PausePoint, PauseRules, RunOutcome, RunStatus } from '@zhiliu/engine'
import type { Flow, RunHistory, TriggerEvent } from '@zhiliu/nodes'
import { type SQLWrapper, sql } from 'drizzle-orm'
import { blob, check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { ResultsRecord } from '../../results-record.ts'
import { inList } from '../in-list.ts'
import { flows } from './flows.ts'
import { users } from './users.ts'

export const runStatuses = [
  'queued',
  'running',
  'waiting',
  'needs_attention',
  'paused',
  'succeeded',
  'failed',
  'cancelled',
] as const
export const nodeStatuses = ['succeeded', 'failed', 'skipped', 'cancelled', 'waiting', 'sending'] as const
/** `flow`: started by another run's `flow.call` or agent (its parentRunId). */
export const runTriggers = ['manual', 'webhook', 'schedule', 'rerun', 'flow'] as const

/** Not ended: queued, running or paused for a person. */
export const openRunStatuses = ['queued', 'running', 'waiting', 'needs_attention', 'paused'] as const
/**
 * The partial index's predicate, written exactly so in the queries that should use it: SQLite uses a partial index
 * only when the query's WHERE contains its term as it is (PostgreSQL proves the implication, but a literal term
 * serves both).
 */
export const openRun = (status: SQLWrapper) => sql`${status} in ${inList(openRunStatuses)}`

// The engine owns these unions; fail to compile if it adds a status the column would reject.
type Covers<All, Listed> = [All] extends [Listed] ? true : never
const coversRunStatus: Covers<RunStatus, (typeof runStatuses)[number]> = true
const coversNodeStatus: Covers<NodeStatus, (typeof nodeStatuses)[number]> = true
void coversRunStatus
void coversNodeStatus

export const runs = sqliteTable(
  'runs',
  {
    id: text('id').primaryKey(),
    /** Set null when the flow is deleted: the run stays in its owner's history. Null too for CLI runs. */
    flowId: text('flow_id').references(() => flows.id, { onDelete: 'set null' }),
    /** Null runs the draft. */
    flowVersion: integer('flow_version'),
    /** Null for a run the engine recorded without the server registering it first (CLI); only `all` sees it. */
    ownerId: text('owner_id').references(() => users.id),
    trigger: text('trigger', { enum: runTriggers }).notNull(),
    status: text('status', { enum: runStatuses }).notNull(),
    /** Null when the row is packed (see `packed`); every run has an event. */
    event: text('event', { mode: 'json' }).$type<TriggerEvent>(),
    output: text('output', { mode: 'json' }).$type<unknown>(),
    error: text('error', { mode: 'json' }).$type<NonNullable<RunOutcome['error']>>(),
    parentRunId: text('parent_run_id'),
    /**
     * The flow document a draft run executes, snapshotted when it was started: the draft may change before the
     * run is resumed or re-run. Null for runs of a published version, whose document is immutable already.
     */
    document: text('document', { mode: 'json' }).$type<Flow>(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    /**
     * Queue mode's run ownership (see RunLeaseStore): the worker executing the run, until when its lease holds, and
     * the fencing number every claim increments. A write that carries an older fence is refused.
     */
    workerId: text('worker_id'),
    leaseUntil: integer('lease_until'),
    fence: integer('fence').notNull().default(0),
    /**
     * Which end keeps the row (the flow's run history setting when it started): null keeps every end; `failed`
     * drops a succeeded run at `finishRun`, `none` any. A run that waited is kept whatever this says.
     */
    history: text('history').$type<Exclude<RunHistory, 'all'>>(),
    /** Step through (see PauseStore): the rules the run's next execution pauses by; null for a run that never pauses. */
    pauseRules: text('pause_rules', { mode: 'json' }).$type<PauseRules>(),
    /** While `paused`: the node it waits before, with its rendered config and inputs, and until when it waits. */
    pausedBefore: text('paused_before', { mode: 'json' }).$type<PausePoint>(),
    /**
     * Every node result of the run, one compact record merged by key (see results-record.ts). Written and read as
     * raw text by the stores; null until the first result is stored.
     */
    results: text('results', { mode: 'json' }).$type<ResultsRecord>(),
    /**
     * An ended run's event, output, results and document deflated together (see packed-run.ts), those four columns
     * then null. Null for a plain row: an open run, one too small to pay, and every run stored before this format.
     */
    packed: blob('packed', { mode: 'buffer' }),
  },
  // Every list is newest first with `id` as the tie-break of the cursor; SQLite walks these indexes backwards.
  (t) => [
    index('runs_started_idx').on(t.startedAt, t.id),
    index('runs_owner_started_idx').on(t.ownerId, t.startedAt, t.id),
    index('runs_flow_started_idx').on(t.flowId, t.startedAt, t.id),
    // Only open runs: finding them (resume at start, approvals) must not scan the history, and an ended run,
    // nearly every row, costs this index nothing. A query uses it only with `openRun` among its terms.
    index('runs_open_idx').on(t.status, t.startedAt, t.id).where(openRun(t.status)),
    // Only child runs (of a flow.call or an agent): the list of a run's children, `parent_run_id = ?`, implies it.
    index('runs_parent_started_idx')
      .on(t.parentRunId, t.startedAt, t.id)
      .where(sql`${t.parentRunId} is not null`),
    check('runs_status_check', sql`${t.status} in ${inList(runStatuses)}`),
    check('runs_trigger_check', sql`${t.trigger} in ${inList(runTriggers)}`),
  ],
)

/** How many ended runs of a flow were not kept (its run history setting); the run list shows the number. */
export const runsNotKept = sqliteTable('runs_not_kept', {
  flowId: text('flow_id')
    .primaryKey()
    .references(() => flows.id, { onDelete: 'cascade' }),
  count: integer('count').notNull(),
})
