import type { PausePoint, PauseRules, RunOutcome } from '@zhiliu/engine'
import type { Flow, RunHistory, TriggerEvent } from '@zhiliu/nodes'
import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import type { ResultsRecord } from '../../results-record.ts'
import { inList } from '../in-list.ts'
import { openRun, runStatuses, runTriggers } from '../sqlite/runs.ts'
import { bytea } from './bytea.ts'
import { flows } from './flows.ts'
import { jsonValue } from './json-value.ts'
import { ms } from './ms.ts'
import { users } from './users.ts'

// Mirrors schema/sqlite/runs.ts, which documents each column.

export const runs = pgTable(
  'runs',
  {
    id: text('id').primaryKey(),
    flowId: text('flow_id').references(() => flows.id, { onDelete: 'set null' }),
    flowVersion: integer('flow_version'),
    ownerId: text('owner_id').references(() => users.id),
    trigger: text('trigger', { enum: runTriggers }).notNull(),
    status: text('status', { enum: runStatuses }).notNull(),
    event: jsonValue('event').$type<TriggerEvent>(),
    output: jsonValue('output').$type<unknown>(),
    error: jsonValue('error').$type<NonNullable<RunOutcome['error']>>(),
    parentRunId: text('parent_run_id'),
    document: jsonValue('document').$type<Flow>(),
    startedAt: ms('started_at').notNull(),
    finishedAt: ms('finished_at'),
    workerId: text('worker_id'),
    leaseUntil: ms('lease_until'),
    fence: integer('fence').notNull().default(0),
    history: text('history').$type<Exclude<RunHistory, 'all'>>(),
    pauseRules: jsonValue('pause_rules').$type<PauseRules>(),
    pausedBefore: jsonValue('paused_before').$type<PausePoint>(),
    /**
     * Every node result of the run, one compact record merged by key (see results-record.ts). `json`, not `jsonb`,
     * like the other values: jsonb took 428 B for the 265 B record of a `hook` run, and reorders keys. Merged as text
     * (see pg/save-results.ts).
     */
    results: jsonValue('results').$type<ResultsRecord>(),
    packed: bytea('packed'),
  },
  (t) => [
    index('runs_started_idx').on(t.startedAt, t.id),
    index('runs_owner_started_idx').on(t.ownerId, t.startedAt, t.id),
    index('runs_flow_started_idx').on(t.flowId, t.startedAt, t.id),
    // As in SQLite (see schema/sqlite/runs.ts): only open runs, and only child runs.
    index('runs_open_idx').on(t.status, t.startedAt, t.id).where(openRun(t.status)),
    index('runs_parent_started_idx')
      .on(t.parentRunId, t.startedAt, t.id)
      .where(sql`${t.parentRunId} is not null`),
    check('runs_status_check', sql`${t.status} in ${inList(runStatuses)}`),
    check('runs_trigger_check', sql`${t.trigger} in ${inList(runTriggers)}`),
  ],
)

export const runsNotKept = pgTable('runs_not_kept', {
  flowId: text('flow_id')
    .primaryKey()
    .references(() => flows.id, { onDelete: 'cascade' }),
  count: integer('count').notNull(),
})
