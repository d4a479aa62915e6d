import { readFileSync } from 'node:fs'
import { createTestDatabase } from '@zhiliu/test-postgres'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { flowDocument } from '../contract/contract-context.ts'
import { describeStore } from '../store-contract.ts'
import { StoreError } from '../store-error.ts'
import { createPgStore } from './create-pg-store.ts'

// One throw-away database for this file; every contract test starts from empty tables in it.
const database = await createTestDatabase()
afterAll(() => database.drop())
const open = () => createPgStore({ url: database.url, maxConnections: 4 })

describeStore('postgres', async () => {
  await database.reset()
  return open()
})

const journal: { entries: unknown[] } = JSON.parse(
  readFileSync(new URL('../../migrations/pg/meta/_journal.json', import.meta.url), 'utf8'),
)

async function query<Row extends pg.QueryResultRow>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<Row>(text)).rows
  } finally {
    await client.end()
  }
}

/** Two stores, two pools, one database: what two server processes sharing DATABASE_URL are to PostgreSQL. */
async function twoStores() {
  await database.reset()
  const [a, b] = await Promise.all([open(), open()])
  const user = await a.createUser({ email: 'a@example.com', passwordHash: 'h', role: 'editor' })
  const access = { userId: user.id, all: false }
  const flow = await a.createFlow(access, { document: flowDocument('raced') })
  return { a, b, access, flow, close: () => Promise.all([a.close(), b.close()]) }
}

describe('postgres store', () => {
  it('migrates a fresh database once when several processes open it at the same moment', async () => {
    const fresh = await createTestDatabase()
    try {
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => createPgStore({ url: fresh.url, maxConnections: 2 })),
      )
      await Promise.all(stores.map((s) => s.close()))
      const [applied] = await query<{ n: number }>(
        fresh.url,
        'select count(*)::int as n from drizzle.__drizzle_migrations',
      )
      expect(journal.entries.length).toBeGreaterThan(0)
      expect(applied?.n).toBe(journal.entries.length)
      // Reopening applies nothing again.
      await (await createPgStore({ url: fresh.url })).close()
      expect((await query(fresh.url, 'select 1 from drizzle.__drizzle_migrations')).length).toBe(
        journal.entries.length,
      )
    } finally {
      await fresh.drop()
    }
  })

  it('lets exactly one of two processes win each idempotency key and each schedule slot', async () => {
    const { a, b, flow, close } = await twoStores()
    const rounds = 50
    const claims = await Promise.all(
      Array.from({ length: rounds }, (_, i) =>
        Promise.all(
          [a, b].map((store, side) =>
            store.claimDelivery({
              flowId: flow.id,
              idempotencyKey: `k${i}`,
              requestHash: `hash-${side}`,
              runId: `${side}-${i}`,
              now: 1_000,
            }),
          ),
        ),
      ),
    )
    for (const [i, pair] of claims.entries()) {
      expect(pair.filter((c) => c.claimed)).toHaveLength(1)
      // The loser is pointed at the winner's run.
      const winner = pair.findIndex((c) => c.claimed)
      expect(pair[1 - winner]).toEqual({
        claimed: false,
        runId: `${winner}-${i}`,
        requestHash: `hash-${winner}`,
      })
    }
    const slots = await Promise.all(
      Array.from({ length: rounds }, (_, i) =>
        Promise.all([a, b].map((store) => store.claimSlot({ flowId: flow.id, slot: i, runId: `r${i}` }))),
      ),
    )
    expect(slots.map((pair) => pair.filter(Boolean).length)).toEqual(Array(rounds).fill(1))
    await close()
  })

  it('gives a run to exactly one of two processes claiming it, and refuses the loser a write with a guessed fence', async () => {
    const { a, b, access, close } = await twoStores()
    try {
      const ids = Array.from({ length: 30 }, (_, i) => `raced-${i}`)
      for (const id of ids) {
        await a.createRunRecord({
          id,
          ownerId: access.userId,
          trigger: 'manual',
          status: 'queued',
          event: { body: {} },
          startedAt: 1,
        })
      }
      const claims = await Promise.all(
        ids.map((id) =>
          Promise.all(
            [a, b].map((store, side) =>
              store.claimRun(id, { workerId: `w${side}`, leaseMs: 60_000, now: 1 }),
            ),
          ),
        ),
      )
      for (const pair of claims) expect(pair.filter((f) => f !== undefined)).toEqual([1])
      const [first] = ids
      await expect(
        b.finishRun(first as string, { status: 'failed', finishedAt: 2 }, [], 0),
      ).rejects.toMatchObject({ code: 'STALE_FENCE' })
    } finally {
      await close()
    }
  })

  it('numbers publishes from two processes 1, 2, 3, … without a gap or a repeat', async () => {
    const { a, b, access, flow, close } = await twoStores()
    const versions = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).publishFlow(access, flow.id)),
    )
    expect(versions.map((v) => v?.version).sort((x = 0, y = 0) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    )
    expect((await a.getFlow(access, flow.id))?.publishedVersion).toBe(40)
    await close()
  })

  it('lets only one of two processes save over the same revision; the other gets STALE', async () => {
    const { a, b, access, flow, close } = await twoStores()
    for (let round = 0; round < 10; round++) {
      const read = await a.getFlow(access, flow.id)
      const saves = await Promise.allSettled(
        [a, b].map((store, side) =>
          store.updateFlowDraft(
            access,
            flow.id,
            { document: flowDocument(`r${round}-${side}`) },
            { ifUpdatedAt: read?.updatedAt ?? 0 },
          ),
        ),
      )
      expect(saves.filter((s) => s.status === 'fulfilled')).toHaveLength(1)
      const refused = saves.find((s) => s.status === 'rejected')
      expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(StoreError)
      expect((refused as PromiseRejectedResult).reason.code).toBe('STALE')
      expect((await a.getFlow(access, flow.id))?.updatedAt).toBeGreaterThan(read?.updatedAt ?? Infinity)
    }
    await close()
  })

  it('hands a decision racing the end of an execution to exactly one party, across processes', async () => {
    const { a, b, access, close } = await twoStores()
    const waiting = {
      nodeId: 'ask',
      status: 'waiting' as const,
      ports: [],
      output: { question: 'ok?' },
      attempts: 1,
      startedAt: 1,
      finishedAt: 2,
    }
    for (let i = 0; i < 30; i++) {
      const runId = `race-${i}`
      await a.createRunRecord({
        id: runId,
        ownerId: access.userId,
        trigger: 'manual',
        event: { body: {} },
        status: 'running',
        startedAt: i,
      })
      await a.recordNode(runId, { ...waiting, key: 'ask' })
      // One process ends the execution as waiting while the other records the decision.
      const [, decision] = await Promise.all([
        a.finishRun(runId, { status: 'waiting', finishedAt: 3 }),
        b.decideWaitingNode(runId, {
          ...waiting,
          key: 'ask',
          status: 'succeeded',
          output: { approved: true },
        }),
      ])
      const run = await a.getRun(access, runId)
      expect(decision.decided).toBe(true)
      // Whoever came second moved it on: queued, and resumed by exactly one side.
      expect(run?.status).toBe('queued')
    }
    await close()
  })

  it('refuses, in the schema itself, a role or status outside the known lists; stores no result without its run', async () => {
    const store = await open()
    await database.reset()
    const insertUser = (role: string) =>
      query(
        database.url,
        `insert into users (id, email, password_hash, role, created_at) values ('${role}', '${role}@x', 'h', '${role}', 1)`,
      )
    await expect(insertUser('admin')).rejects.toThrow(/users_role_check/)
    await insertUser('viewer')
    await expect(
      query(
        database.url,
        `insert into runs (id, trigger, status, event, started_at) values ('r', 'manual', 'sleeping', '{}', 1)`,
      ),
    ).rejects.toThrow(/runs_status_check/)
    await store.recordNode('no-such-run', {
      key: 'a',
      nodeId: 'a',
      status: 'succeeded',
      ports: [],
      attempts: 1,
      startedAt: 1,
      finishedAt: 2,
    })
    expect(await store.loadNodeResults('no-such-run')).toEqual([])
    await store.close()
  })
})
