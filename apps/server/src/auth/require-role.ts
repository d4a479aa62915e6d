import type { UserRole } from '@zhiliu/db'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env.ts'
import { ApiError } from '../http/api-error.ts'

const RANK: Record<UserRole, number> = { viewer: 0, student: 1, editor: 2, owner: 3 }

/**
 * Allows the given role and every role above it (owner ≥ editor ≥ student ≥ viewer); others get 403 `FORBIDDEN`.
 * A student builds and runs flows of their own (routes that allow `student`); everything that reaches beyond them
 * (credentials, model providers, publishing, webhook secrets, sharing) needs `editor`.
 */
export function requireRole(minimum: UserRole) {
  return createMiddleware<AppEnv>(async (c, next) => {
    // Mounted by mistake before `authenticate`, it refuses rather than crashes.
    const role = c.get('user')?.role
    if (!role) throw new ApiError(401, 'UNAUTHORIZED', 'Sign in first')
    if (RANK[role] < RANK[minimum]) {
      throw new ApiError(403, 'FORBIDDEN', `This needs the ${minimum} role or higher; you are ${role}`)
    }
    await next()
  })
}
