import { type Column, inArray, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm'
import { containsPattern } from './contains-pattern.ts'
import type { Access } from './store.ts'

/** A column matched against the search, ignoring case as far as the database's operator does. */
export type LikeSearch = (column: Column) => SQL

/**
 * The flow list's search filter, for both stores: the flow's name, and for the owner role also its owner's display
 * name or sign-in, since a class's copies of one lesson share its name and only the owner tells them apart.
 * `operator`: PostgreSQL's `ilike` ignores case; SQLite's `like` ignores the case of ASCII letters (Chinese has none).
 * `ownersMatching` selects the ids of the users a `like` finds, built with the store's own tables.
 */
export function flowSearch(
  q: string | undefined,
  access: Access,
  flows: { name: Column; ownerId: Column },
  operator: 'like' | 'ilike',
  ownersMatching: (like: LikeSearch) => SQLWrapper,
): SQL | undefined {
  if (!q) return undefined
  const pattern = containsPattern(q)
  const like: LikeSearch = (column) => sql`${column} ${sql.raw(operator)} ${pattern} escape '\\'`
  if (!access.all) return like(flows.name)
  return or(like(flows.name), inArray(flows.ownerId, ownersMatching(like)))
}
