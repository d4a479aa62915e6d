import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text } from 'drizzle-orm/pg-core'
import { inList } from '../in-list.ts'
import { callbackStates } from '../sqlite/callbacks.ts'
import { ms } from './ms.ts'
import { runs } from './runs.ts'

// Mirrors schema/sqlite/callbacks.ts, which documents each column.

export const runCallbacks = pgTable(
  'run_callbacks',
  {
    runId: text('run_id')
      .primaryKey()
      .references(() => runs.id, { onDelete: 'cascade' }),
    flowId: text('flow_id').notNull(),
    url: text('url').notNull(),
    state: text('state', { enum: callbackStates }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ms('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: ms('created_at').notNull(),
    deliveredAt: ms('delivered_at'),
  },
  (t) => [
    index('run_callbacks_due_idx').on(t.state, t.nextAttemptAt),
    check('run_callbacks_state_check', sql`${t.state} in ${inList(callbackStates)}`),
  ],
)
