import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { flows } from './flows.ts'

// `runId` has no foreign key in either table: the claim is taken before the run exists, so a duplicate request
// never creates a second run.

export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    runId: text('run_id').notNull(),
    /** sha256 of what the claiming request asked for; null for claims taken before it was recorded (migration 0006). */
    requestHash: text('request_hash'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.flowId, t.idempotencyKey] }),
    index('webhook_deliveries_created_idx').on(t.createdAt),
  ],
)

export const scheduleSlots = sqliteTable(
  'schedule_slots',
  {
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    /** The planned fire time in ms, not the actual one: a restart recomputes the same slot and finds it taken. */
    slot: integer('slot').notNull(),
    runId: text('run_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.slot] })],
)
