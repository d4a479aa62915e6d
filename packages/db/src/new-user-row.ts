import { randomUUID } from 'node:crypto'
import type { NewUser, User } from './rows.ts'

/**
 * The row both stores insert for a new user (email lowercased, not disabled), and the user it shows. A batch passes
 * `createdAt` one millisecond apart, so lists ordered by it show the batch in its order.
 */
export function newUserRow(user: NewUser, createdAt = Date.now()) {
  const row = {
    ...user,
    name: user.name ?? null,
    id: randomUUID(),
    email: user.email.toLowerCase(),
    createdAt,
    disabledAt: null,
  }
  const { passwordHash: _, ...shown } = row
  return { row, shown: shown satisfies User }
}
