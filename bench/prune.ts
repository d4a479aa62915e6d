/**
 * Pruning for the size budget: how many runs per second one clean-up pass deletes, on SQLite and PostgreSQL, from a
 * history of runs shaped like the `hook` flow's (webhook → 3 transforms → reply: six node results with input and
 * output). The pass is the server's own (`createRunCleanup`) with a budget far below the history, so it deletes down
 * to 90 % of it in batches of 200; a batch's time is how long one delete holds the database. The issue asks for at
 * least 2,000 runs/s. `npm run bench -- prune -- --runs=10000` (the default; `--stores=sqlite` skips PostgreSQL, whose filling takes minutes).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPgStore, createSqliteStore, type Store } from '@zhiliu/db'
import { createTestDatabase } from '@zhiliu/test-postgres'
import { pino } from 'pino'
import { createRunCleanup } from '../apps/server/src/settings/run-cleanup.ts'
import { RUN_HISTORY_BUDGET } from '../apps/server/src/storage/run-history-budget.ts'

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 10_000)
const STORES = (process.argv.find((a) => a.startsWith('--stores='))?.slice(9) ?? 'sqlite,postgres').split(',')
const IN_FLIGHT = 200
const NODES = ['hook', 'upper', 'template', 'length', 'shape', 'reply']
const BODY = { title: 'Dongguan opens an AI base', author: 'Li', body: 'word '.repeat(50) }

async function fill(store: Store, ownerId: string): Promise<void> {
  const one = async (i: number) => {
    const id = `run-${i}`
    const startedAt = 1_000_000 + i
    await store.createRunRecord({
      id,
      ownerId,
      trigger: 'webhook',
      status: 'queued',
      event: { body: BODY },
      startedAt,
    })
    await store.createRun({ id, event: { body: BODY }, status: 'running', startedAt })
    for (const [n, nodeId] of NODES.entries()) {
      await store.recordNode(id, {
        key: nodeId,
        nodeId,
        status: 'succeeded',
        ports: ['out'],
        input: { ...BODY, step: n },
        output: { ...BODY, step: n + 1 },
        attempts: 1,
        startedAt,
        finishedAt: startedAt,
      })
    }
    await store.finishRun(id, { status: 'succeeded', output: BODY, finishedAt: startedAt + 1 })
  }
  for (let from = 0; from < RUNS; from += IN_FLIGHT) {
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, RUNS - from) }, (_, k) => one(from + k)))
  }
}

async function scenario(name: string, store: Store): Promise<string[]> {
  const owner = await store.createUser({ email: 'bench@example.com', passwordHash: 'x', role: 'owner' })
  const filledAt = performance.now()
  await fill(store, owner.id)
  const fillS = (performance.now() - filledAt) / 1000
  const before = await store.measureRunHistory({ since: 0 })
  await store.setSetting({
    name: RUN_HISTORY_BUDGET,
    value: { maxBytes: 1024 ** 2 },
    updatedAt: 0,
    updatedBy: null,
  })
  // Timing each batch: the longest is how long pruning holds the database at once; their sum is the deleting.
  let longestMs = 0
  let deletingMs = 0
  let reclaimMs = 0
  const timed: Store = {
    ...store,
    async deleteEndedRuns(query) {
      const at = performance.now()
      const deleted = await store.deleteEndedRuns(query)
      const ms = performance.now() - at
      longestMs = Math.max(longestMs, ms)
      deletingMs += ms
      return deleted
    },
    async reclaimRunSpace() {
      const at = performance.now()
      await store.reclaimRunSpace()
      reclaimMs += performance.now() - at
    },
  }
  const logger = pino({ level: 'silent' })
  // Every run started within the retention period: what goes, goes for size.
  const clean = createRunCleanup({ store: timed, logger, now: () => 1_000_000 + RUNS })
  const at = performance.now()
  const deleted = await clean()
  const seconds = (performance.now() - at) / 1000
  const after = await store.measureRunHistory({ since: 0 })
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`
  return [
    `prune  ${name.padEnd(8)}  ${RUNS} runs (${(before.bytes / before.runs / 1024).toFixed(1)} KB each, filled in ${fillS.toFixed(1)} s)  ` +
      `pass deleted ${deleted} in ${seconds.toFixed(2)} s = ${Math.round(deleted / seconds)} runs/s ` +
      `(deleting ${Math.round(deleted / (deletingMs / 1000))} runs/s, longest batch of 200 ${longestMs.toFixed(0)} ms; ` +
      `reclaiming ${reclaimMs.toFixed(0)} ms); history ${kb(before.bytes)} → ${kb(after.bytes)}`,
  ]
}

export async function benchPrune(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'zhiliu-bench-prune-'))
  const lines: string[] = []
  try {
    if (STORES.includes('sqlite')) {
      const sqlite = createSqliteStore({ file: join(dir, 'prune.db') })
      lines.push(...(await scenario('sqlite', sqlite)))
      sqlite.close()
    }
    if (!STORES.includes('postgres')) return lines
    const db = await createTestDatabase()
    const pg = await createPgStore({ url: db.url })
    try {
      lines.push(...(await scenario('postgres', pg)))
    } finally {
      await pg.close()
      await db.drop()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return lines
}
