import type { RunRecord } from '@zhiliu/engine'
import type { Flow } from '@zhiliu/nodes'
import { afterEach, beforeEach } from 'vitest'
import type { User, UserRole } from '../rows.ts'
import type { Access, NewRun, Store } from '../store.ts'

export type OpenStore = () => Promise<Store & { close(): void | Promise<void> }>

/** What every contract file gets: a fresh, empty store per test and helpers to fill it. */
export interface ContractContext {
  store(): Store
  /** A new user with a unique email; `access.all` is true for the owner role, as the server will set it. */
  user(role?: UserRole): Promise<{ user: User; access: Access }>
  /** A registered run owned by `access.userId`, started at `startedAt`. */
  run(access: Access, fields?: Partial<NewRun>): Promise<NewRun>
}

export function flowDocument(name: string, nodeCount = 1): Flow {
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({
    id: `n${i}`,
    type: 'trigger.manual',
    version: 1,
    name: '',
    position: { x: i * 200, y: 0 },
    config: {},
    settings: { onError: 'fail' as const },
  }))
  return { schemaVersion: 1, name, nodes, edges: [], settings: { concurrency: 8 } }
}

export function useContractContext(open: OpenStore): ContractContext {
  let current: Awaited<ReturnType<OpenStore>> | undefined
  let seq = 0
  beforeEach(async () => {
    current = await open()
  })
  afterEach(async () => {
    await current?.close()
    current = undefined
  })
  const store = () => {
    if (!current) throw new Error('the contract store is only open inside a test')
    return current
  }
  return {
    store,
    async user(role = 'editor') {
      seq += 1
      const user = await store().createUser({
        email: `User${seq}@Example.com`,
        passwordHash: `hash-${seq}`,
        role,
      })
      return { user, access: { userId: user.id, all: role === 'owner' } }
    },
    async run(access, fields = {}) {
      seq += 1
      const base: RunRecord = {
        id: `run-${seq}`,
        event: { body: { n: seq } },
        status: 'queued',
        startedAt: 1_000 + seq,
      }
      const run: NewRun = { ...base, ownerId: access.userId, trigger: 'manual', ...fields }
      await store().createRunRecord(run)
      return run
    },
  }
}
