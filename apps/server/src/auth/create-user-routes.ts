import { createRoute, z } from '@hono/zod-openapi'
import { StoreError } from '@zhiliu/db'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json, jsonBody } from '../http/openapi-helpers.ts'
import { hashPassword } from '../security/password.ts'
import { requireRole } from './require-role.ts'
import { Email, Password, Role, toUserView, UserView } from './user-view.ts'

const NewUser = z.object({ email: Email, password: Password, role: Role }).openapi('NewUser')

const listUsers = createRoute({
  method: 'get',
  path: '/users',
  tags: ['users'],
  summary: 'Every account (owner only)',
  middleware: [requireRole('owner')] as const,
  responses: {
    200: json(z.object({ items: z.array(UserView) }), 'Users, oldest first'),
    ...errors(401, 403),
  },
})

const addUser = createRoute({
  method: 'post',
  path: '/users',
  tags: ['users'],
  summary: 'Add an account with a role (owner only)',
  middleware: [requireRole('owner')] as const,
  request: { body: jsonBody(NewUser) },
  responses: { 201: json(z.object({ user: UserView }), 'Created'), ...errors(400, 401, 403, 409) },
})

export function createUserRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listUsers, async (c) => c.json({ items: (await deps.store.listUsers()).map(toUserView) }, 200))
    .openapi(addUser, async (c) => {
      const { email, password, role } = c.req.valid('json')
      const passwordHash = await hashPassword(password)
      try {
        const user = await deps.store.createUser({ email, passwordHash, role })
        return c.json({ user: toUserView(user) }, 201)
      } catch (err) {
        if (err instanceof StoreError && err.code === 'CONFLICT') {
          throw new ApiError(409, 'EMAIL_TAKEN', 'An account with this email already exists')
        }
        throw err
      }
    })
}
