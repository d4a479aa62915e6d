import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { flows } from './flows.ts'
import { ms } from './ms.ts'

// `runId` has no foreign key in either table: the claim is taken before the run exists, so a duplicate request
// never creates a second run.

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    runId: text('run_id').notNull(),
    requestHash: text('request_hash'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.flowId, t.idempotencyKey] }),
    index('webhook_deliveries_created_idx').on(t.createdAt),
  ],
)

export const scheduleSlots = pgTable(
  'schedule_slots',
  {
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    /** The planned fire time in ms, not the actual one: a restart recomputes the same slot and finds it taken. */
    slot: ms('slot').notNull(),
    runId: text('run_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.slot] })],
)
