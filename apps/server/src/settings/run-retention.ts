import { z } from '@hono/zod-openapi'
import type { Store } from '@zhiliu/db'

export const RUN_RETENTION = 'run-retention'

// Up to ten years; 0 keeps every run.
export const RunRetention = z
  .object({
    days: z.number().int().min(0).max(3650).openapi({
      description: 'Ended runs older than this many days are deleted; 0 keeps every run',
      example: 30,
    }),
  })
  .openapi('RunRetention')
export type RunRetention = z.infer<typeof RunRetention>

/**
 * A month, as n8n and most hosted tools keep by default: enough to look back at a class or a week's webhook calls,
 * while a busy server's history (every node's input and output) does not grow without end.
 */
export const DEFAULT_RUN_RETENTION: RunRetention = { days: 30 }

/** What the owner chose, or the default when nothing (or nothing valid) is stored. */
export async function readRunRetention(store: Pick<Store, 'getSetting'>): Promise<RunRetention> {
  const stored = await store.getSetting(RUN_RETENTION)
  const parsed = RunRetention.safeParse(stored?.value)
  return parsed.success ? parsed.data : DEFAULT_RUN_RETENTION
}
