import { getTableColumns } from 'drizzle-orm'
import { users } from '../schema/pg/index.ts'

/** Every user column but the password hash: what sessions, tokens and lists return. */
const { passwordHash: _neverSelected, ...columns } = getTableColumns(users)
export const userColumns = columns
