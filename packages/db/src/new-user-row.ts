import { randomUUID } from 'node:crypto'
import type { NewUser, User } from './rows.ts'

/** The row both stores insert for a new user (email lowercased, not disabled), and the user it shows. */
export function newUserRow(user: NewUser) {
  const row = {
    ...user,
    name: user.name ?? null,
    id: randomUUID(),
    email: user.email.toLowerCase(),
    createdAt: Date.now(),
    disabledAt: null,
  }
  const { passwordHash: _, ...shown } = row
  return { row, shown: shown satisfies User }
}
