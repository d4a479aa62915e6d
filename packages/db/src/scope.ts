import { type Column, eq, type SQL } from 'drizzle-orm'
import type { Access } from './store.ts'

/** The row filter for `access`: none for the owner role, else the row's owner must be the caller. */
export function ownedBy(ownerColumn: Column, access: Access): SQL | undefined {
  return access.all ? undefined : eq(ownerColumn, access.userId)
}
