import { StoreError } from '../store-error.ts'

/** PostgreSQL's SQLSTATE for a unique violation. */
const UNIQUE_VIOLATION = '23505'

/**
 * Turns a unique violation of one of `constraints` (by name, as drizzle-kit names them) into StoreError CONFLICT;
 * anything else is rethrown unchanged. drizzle wraps driver errors, so the pg error is found along the `cause`
 * chain.
 */
export function rethrowUnique(error: unknown, constraints: Record<string, string>): never {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ('code' in e && e.code === UNIQUE_VIOLATION && 'constraint' in e && typeof e.constraint === 'string') {
      const field = constraints[e.constraint]
      if (field) throw new StoreError('CONFLICT', `${field} is already taken`, { field })
    }
  }
  throw error
}
