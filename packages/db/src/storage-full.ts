// SQLite's SQLITE_FULL (disk full, or the max_page_count limit); PostgreSQL's disk_full (53100), which it gives
// when extending a file fails with ENOSPC or EDQUOT (a file system quota).
const FULL_CODES = new Set(['SQLITE_FULL', '53100'])

/**
 * True when `error` (or an error it wraps, as drizzle wraps the driver's) says the database has no room to write.
 * The server answers such a write 503 STORAGE_FULL and stops starting runs until a write fits again.
 */
export function isStorageFull(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && FULL_CODES.has(code)) return true
    e = e.cause
  }
  return false
}
