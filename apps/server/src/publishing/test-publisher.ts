import { createSqliteStore, type Store } from '@zhiliu/db'
import type { Publisher } from '@zhiliu/nodes'
import { loadConfig, type ServerConfig } from '../config.ts'
import { createPublisher } from './create-publisher.ts'

export interface TestPublishing {
  store: Store & { close(): void }
  config: ServerConfig
  ownerId: string
  /** A publisher for a run of `ownerId` (or of another user). */
  publisher(ownerId?: string): Publisher
  /** A second user, for ownership tests. */
  otherUser(): Promise<string>
}

let seq = 0

/** Test support: the real publisher over a real SQLite file in `dataDir`, for a real user, at a pinned clock. */
export async function createTestPublishing(
  dataDir: string,
  config: Partial<ServerConfig> = {},
  now: () => number = () => Date.parse('2025-06-01T08:00:00Z'),
): Promise<TestPublishing> {
  const store = createSqliteStore({ file: `${dataDir}/zhiliu.db` })
  const full = { ...loadConfig({ DATA_DIR: dataDir }), ...config }
  const user = async () => {
    seq += 1
    return (await store.createUser({ email: `p${seq}@example.com`, passwordHash: 'x', role: 'editor' })).id
  }
  const ownerId = await user()
  return {
    store,
    config: full,
    ownerId,
    publisher: (owner = ownerId) => createPublisher({ store, config: full, now }, { ownerId: owner }),
    otherUser: user,
  }
}
