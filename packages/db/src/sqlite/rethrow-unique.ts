import { StoreError } from '../store-error.ts'

/**
 * Turns a UNIQUE violation of one of `columns` (as `table.column`) into StoreError CONFLICT; anything else is
 * rethrown unchanged. drizzle wraps driver errors, so the SqliteError is found along the `cause` chain.
 */
export function rethrowUnique(error: unknown, columns: Record<string, string>): never {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ('code' in e && e.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      for (const [column, field] of Object.entries(columns)) {
        if (e.message.includes(column))
          throw new StoreError('CONFLICT', `${field} is already taken`, { field })
      }
    }
  }
  throw error
}
