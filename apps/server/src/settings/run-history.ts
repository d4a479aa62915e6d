import { z } from '@hono/zod-openapi'
import type { Store } from '@zhiliu/db'
import { RunHistory } from '@zhiliu/nodes'

export const RUN_HISTORY = 'run-history'

export const RunHistorySetting = z
  .object({
    history: z.enum(RunHistory.options).openapi({
      description:
        'Which webhook and schedule runs are stored, for flows that do not choose: all, failed (failed and cancelled only) or none. Runs started by a person and runs that waited for an approval are always kept',
      example: 'all',
    }),
  })
  .openapi('RunHistorySetting')
export type RunHistorySetting = z.infer<typeof RunHistorySetting>

export const DEFAULT_RUN_HISTORY: RunHistorySetting = { history: 'all' }

/** What the owner chose, or the default when nothing (or nothing valid) is stored. */
export async function readRunHistory(store: Pick<Store, 'getSetting'>): Promise<RunHistorySetting> {
  const stored = await store.getSetting(RUN_HISTORY)
  const parsed = RunHistorySetting.safeParse(stored?.value)
  return parsed.success ? parsed.data : DEFAULT_RUN_HISTORY
}

// Read at most this often per process: every webhook call needs the default, and a change made on another process
// reaches this one within the interval (this cache holds in this process only).
const REFRESH_MS = 5_000

/** The server default as each run start reads it: from memory, refreshed from the store every few seconds. */
export function createRunHistoryDefault(store: Pick<Store, 'getSetting'>, now: () => number) {
  let value: RunHistorySetting['history'] = DEFAULT_RUN_HISTORY.history
  let readAt = Number.NEGATIVE_INFINITY
  let reading: Promise<void> | undefined
  const refresh = () => {
    reading ??= readRunHistory(store)
      .then((setting) => {
        value = setting.history
        readAt = now()
      })
      .finally(() => {
        reading = undefined
      })
    return reading
  }
  return {
    async get(): Promise<RunHistorySetting['history']> {
      if (now() - readAt >= REFRESH_MS) await refresh()
      return value
    },
    /** A change made in this process applies here at once. */
    set(history: RunHistorySetting['history']) {
      value = history
      readAt = now()
    },
  }
}
export type RunHistoryDefault = ReturnType<typeof createRunHistoryDefault>
