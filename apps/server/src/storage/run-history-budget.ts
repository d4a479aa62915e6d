import { statfs } from 'node:fs/promises'
import { z } from '@hono/zod-openapi'
import type { Store } from '@zhiliu/db'

export const RUN_HISTORY_BUDGET = 'run-history-budget'

/**
 * The most a first start sets aside for run history: 80 % of a large disk would let one busy flow take hundreds of
 * gigabytes before anyone looks. 10 GB (disk makers' units, as the editor shows sizes) holds ~2.5 million runs of a
 * small webhook flow at ~4 KB each.
 */
export const DEFAULT_BUDGET_CAP = 10_000_000_000
/** The share of the data directory's free disk a first start sets aside. */
const FREE_DISK_SHARE = 0.8
const MIN_BUDGET = 1_000_000

export const RunHistoryBudget = z
  .object({
    maxBytes: z
      .number()
      .int()
      .min(0)
      .max(2 ** 50)
      .refine((n) => n === 0 || n >= MIN_BUDGET, {
        message: 'at least 1 MB (1,000,000 bytes), or 0 for no limit',
      })
      .openapi({
        description:
          'Past this many bytes of run history the oldest ended runs are deleted (never waiting ones); 0 sets no limit',
        example: DEFAULT_BUDGET_CAP,
      }),
  })
  .openapi('RunHistoryBudget')
export type RunHistoryBudget = z.infer<typeof RunHistoryBudget>

/** What the owner chose, or what the first start stored; the cap when neither is there (nothing valid stored). */
export async function readRunHistoryBudget(store: Pick<Store, 'getSetting'>): Promise<RunHistoryBudget> {
  const stored = await store.getSetting(RUN_HISTORY_BUDGET)
  const parsed = RunHistoryBudget.safeParse(stored?.value)
  return parsed.success ? parsed.data : { maxBytes: DEFAULT_BUDGET_CAP }
}

/**
 * At the first start (no budget stored yet): 80 % of the free disk under `dataDir`, capped, stored so that later
 * starts keep it while the disk fills. PostgreSQL's disk is not this machine's to measure (`dataDir` undefined):
 * the cap.
 */
export async function ensureRunHistoryBudget(
  store: Pick<Store, 'getSetting' | 'setSetting'>,
  dataDir: string | undefined,
  now: number,
): Promise<RunHistoryBudget> {
  const stored = await store.getSetting(RUN_HISTORY_BUDGET)
  if (stored && RunHistoryBudget.safeParse(stored.value).success) return stored.value as RunHistoryBudget
  const value = { maxBytes: defaultBudget(dataDir === undefined ? undefined : await freeBytes(dataDir)) }
  await store.setSetting({ name: RUN_HISTORY_BUDGET, value, updatedAt: now, updatedBy: null })
  return value
}

export function defaultBudget(freeDiskBytes: number | undefined): number {
  if (freeDiskBytes === undefined) return DEFAULT_BUDGET_CAP
  const share = Math.floor(freeDiskBytes * FREE_DISK_SHARE)
  return Math.max(MIN_BUDGET, Math.min(DEFAULT_BUDGET_CAP, share))
}

async function freeBytes(dir: string): Promise<number> {
  const stats = await statfs(dir)
  return stats.bavail * stats.bsize
}
