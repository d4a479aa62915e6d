import { z } from '@hono/zod-openapi'
import type { Store } from '@zhiliu/db'
import { readRunRetention } from '../settings/run-retention.ts'
import { readRunHistoryBudget } from './run-history-budget.ts'

const DAY_MS = 24 * 3600_000
// Without a retention period the history only grows: project a month ahead.
const OPEN_ENDED_DAYS = 30

const bytes = (description: string) => z.number().int().min(0).openapi({ description })

export const RunStorage = z
  .object({
    maxBytes: bytes('The size budget: past it the oldest ended runs are deleted; 0 sets no limit'),
    bytes: bytes('What the run history takes in the database now'),
    runs: z.number().int().min(0).openapi({ description: 'Runs stored' }),
    runsPerDay: z.number().int().min(0).openapi({ description: 'Runs started in the last 24 hours' }),
    projectedDays: z.number().int().min(1).openapi({
      description: 'The retention period in days (what the history will hold), or 30 when every run is kept',
    }),
    projectedBytes: bytes(
      "The history after `projectedDays` at the last day's rate, before the budget cuts it: that many days of runs, or (keeping every run) today's size plus 30 days of them",
    ),
    full: z
      .boolean()
      .openapi({ description: 'The database has no room to write: runs are refused until it has' }),
  })
  .openapi('RunStorage')
export type RunStorage = z.infer<typeof RunStorage>

/** What the settings page shows about the run history's size; measured now. */
export async function describeRunStorage(
  store: Pick<Store, 'getSetting' | 'measureRunHistory'>,
  now: number,
  full: boolean,
): Promise<RunStorage> {
  const [{ maxBytes }, { days }, size] = await Promise.all([
    readRunHistoryBudget(store),
    readRunRetention(store),
    store.measureRunHistory({ since: now - DAY_MS }),
  ])
  const perRun = size.runs === 0 ? 0 : size.bytes / size.runs
  const perDay = perRun * size.runsSince
  const projectedBytes = days === 0 ? size.bytes + perDay * OPEN_ENDED_DAYS : perDay * days
  return {
    maxBytes,
    bytes: size.bytes,
    runs: size.runs,
    runsPerDay: size.runsSince,
    projectedDays: days === 0 ? OPEN_ENDED_DAYS : days,
    projectedBytes: Math.round(projectedBytes),
    full,
  }
}
