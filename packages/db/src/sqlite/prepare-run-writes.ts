import type { RunOutcome } from '@zhiliu/engine'
import { sql } from 'drizzle-orm'
import { runs } from '../schema/sqlite/index.ts'
import type { SqliteDb } from './open-sqlite.ts'

const p = (name: string) => sql.placeholder(name)

/**
 * The run writes every run makes, prepared once like `prepareRecordNode`: building a drizzle query per call costs
 * more than executing it. JSON placeholders are encoded by drizzle; pass `undefined` (not null) for SQL NULL.
 */
export function prepareRunWrites(db: SqliteDb) {
  const register = db
    .insert(runs)
    .values({
      id: p('id'),
      flowId: p('flowId'),
      flowVersion: p('flowVersion'),
      ownerId: p('ownerId'),
      trigger: p('trigger'),
      status: p('status'),
      event: p('event'),
      parentRunId: p('parentRunId'),
      document: p('document'),
      startedAt: p('startedAt'),
    })
    .prepare()
  // A row registered by `register` keeps its owner, trigger and start; the engine only moves it on.
  const start = db
    .insert(runs)
    .values({
      id: p('id'),
      flowId: p('flowId'),
      flowVersion: p('flowVersion'),
      trigger: 'manual',
      status: p('status'),
      event: p('event'),
      startedAt: p('startedAt'),
    })
    .onConflictDoUpdate({
      target: runs.id,
      set: { status: sql.raw('excluded."status"'), output: null, error: null, finishedAt: null },
    })
    .prepare()
  // An update's set takes no typed placeholders: JSON here is encoded by the caller (see `finishValues`).
  const finish = db
    .update(runs)
    .set({
      status: sql`${p('status')}`,
      output: sql`${p('output')}`,
      error: sql`${p('error')}`,
      finishedAt: sql`${p('finishedAt')}`,
    })
    .where(sql`${runs.id} = ${p('id')}`)
    .prepare()
  return { register, start, finish }
}

/** `finish`'s parameters: JSON encoded as drizzle would, and no output (or a null one) as SQL NULL. */
export function finishValues(id: string, outcome: RunOutcome) {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value))
  return {
    id,
    status: outcome.status,
    output: json(outcome.output),
    error: json(outcome.error),
    finishedAt: outcome.finishedAt,
  }
}
