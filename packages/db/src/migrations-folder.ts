import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const packageRoot = dirname(createRequire(import.meta.url).resolve('@zhiliu/db/package.json'))

/**
 * The migrations of one dialect, found through the package rather than this file's place: the server runs this code
 * bundled into apps/server/dist, tests and tsx run it from src/, and both open the same migrations.
 */
export function migrationsFolder(dialect: 'sqlite' | 'pg'): string {
  return join(packageRoot, 'migrations', dialect)
}
