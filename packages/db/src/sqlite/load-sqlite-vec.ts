import type Database from 'better-sqlite3'
import { getLoadablePath } from 'sqlite-vec'

/**
 * Loads sqlite-vec into the connection: the prebuilt `vec0` library of the npm package for this platform (Linux,
 * macOS x64/arm64, Windows x64), or `path` when given (a test names a missing file to play a platform without one).
 * Returns the reason when it cannot: the store then searches vectors by an exact scan.
 */
export function loadSqliteVec(client: Database.Database, path?: string): { error?: unknown } {
  try {
    client.loadExtension(path ?? getLoadablePath())
    return {}
  } catch (error) {
    return { error }
  }
}
