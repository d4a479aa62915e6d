import { join } from 'node:path'
import { createPgStore, createSqliteStore, type FileStore, type Store } from '@zhiliu/db'
import type { Logger } from 'pino'
import type { ServerConfig } from './config.ts'
import { createDiskFileStore, mediaRoot } from './media/disk-file-store.ts'

export type OpenedStore = Store & { files: FileStore; close(): void | Promise<void> }

/**
 * The store `config` names: PostgreSQL when DATABASE_URL is set (shared by every process pointed at it), else the
 * SQLite file in DATA_DIR. Either applies its pending migrations before it answers. Media goes with it: into the same
 * PostgreSQL database, where every process reads what any wrote, or into DATA_DIR/media beside the SQLite file.
 */
export async function openStore(config: ServerConfig, logger: Logger): Promise<OpenedStore> {
  const file = sqliteFileOf(config)
  if (file !== undefined) {
    const store = createSqliteStore({
      file,
      maxPageCount: config.sqliteMaxPages,
      onVectorIndexUnavailable: (err) =>
        logger.warn(
          { err },
          'sqlite-vec could not be loaded on this platform: knowledge-base vector search scans every vector instead',
        ),
    })
    return Object.assign(store, {
      files: createDiskFileStore(mediaRoot(config.dataDir)),
    })
  }
  if (!config.databaseUrl) throw new Error('unreachable: no SQLite file means a DATABASE_URL')
  const url = new URL(config.databaseUrl)
  // Host and database only: the URL may carry a password.
  const where = { host: url.host, database: url.pathname.slice(1) }
  const store = await createPgStore({
    url: config.databaseUrl,
    onIdleError: (err) =>
      logger.warn({ err, ...where }, 'a pooled PostgreSQL connection failed; reconnecting'),
  })
  logger.info(where, 'storing in PostgreSQL')
  return store
}

/** The SQLite file the server stores in, or undefined when DATABASE_URL puts everything in PostgreSQL. */
export function sqliteFileOf(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): string | undefined {
  return config.databaseUrl ? undefined : join(config.dataDir, 'zhiliu.db')
}
