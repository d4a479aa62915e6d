import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { inList } from '../in-list.ts'
import { runs } from './runs.ts'

export const callbackStates = ['pending', 'delivered', 'failed'] as const

/** Async webhook callbacks, delivered by whichever process finds them due (see CallbackStore). */
export const runCallbacks = sqliteTable(
  'run_callbacks',
  {
    /** Deleted with its run: a pruned run has nothing left to report. */
    runId: text('run_id')
      .primaryKey()
      .references(() => runs.id, { onDelete: 'cascade' }),
    flowId: text('flow_id').notNull(),
    url: text('url').notNull(),
    state: text('state', { enum: callbackStates }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Pending: not before this time (also the lease of a claimed attempt). */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [
    index('run_callbacks_due_idx').on(t.state, t.nextAttemptAt),
    check('run_callbacks_state_check', sql`${t.state} in ${inList(callbackStates)}`),
  ],
)
