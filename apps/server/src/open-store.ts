import { join } from 'node:path'
import { createPgStore, createSqliteStore, type Store } from '@zhiliu/db'
import type { Logger } from 'pino'
import type { ServerConfig } from './config.ts'

export type OpenedStore = Store & { close(): void | Promise<void> }

/**
 * The store `config` names: PostgreSQL when DATABASE_URL is set (shared by every process pointed at it), else the
 * SQLite file in DATA_DIR. Either applies its pending migrations before it answers.
 */
export async function openStore(config: ServerConfig, logger: Logger): Promise<OpenedStore> {
  if (!config.databaseUrl) return createSqliteStore({ file: join(config.dataDir, 'zhiliu.db') })
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
