import { createRoute, z } from '@hono/zod-openapi'
import type { User, UserPatch } from '@zhiliu/db'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, IdParam, json, jsonBody } from '../http/openapi-helpers.ts'
import { hashPassword } from '../security/password.ts'
import { readablePassword } from '../security/readable-password.ts'
import { requireRole } from './require-role.ts'
import { Password, Role, toUserView, UserView } from './user-view.ts'

const changeUser = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags: ['users'],
  summary: 'Change a role, or disable/enable an account (owner only); disabling ends its sessions',
  middleware: [requireRole('owner')] as const,
  request: {
    params: IdParam,
    body: jsonBody(
      z.object({ role: Role.optional(), disabled: z.boolean().optional() }).openapi('UserChange'),
    ),
  },
  responses: { 200: json(z.object({ user: UserView }), 'Changed'), ...errors(400, 401, 403, 404, 409) },
})

const resetPassword = createRoute({
  method: 'post',
  path: '/users/{id}/password',
  tags: ['users'],
  summary: 'Set a new password (owner only): the one given, or a generated one answered this once',
  middleware: [requireRole('owner')] as const,
  request: {
    params: IdParam,
    body: jsonBody(z.object({ password: Password.optional() }).openapi('PasswordReset')),
  },
  responses: {
    200: json(z.object({ password: z.string() }), 'The new password, shown this once'),
    ...errors(400, 401, 403, 404),
  },
})

const deleteUser = createRoute({
  method: 'delete',
  path: '/users/{id}',
  tags: ['users'],
  summary: 'Delete an account (owner only); its flows and credentials pass to the owner who deletes it',
  middleware: [requireRole('owner')] as const,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404, 409) },
})

/** Refuses a change after which no enabled owner would be left: nobody could manage the server any more. */
async function keepAnOwner(
  deps: AppDeps,
  target: User,
  after: Pick<User, 'role' | 'disabledAt'> | undefined,
) {
  const stillOwner = after?.role === 'owner' && after.disabledAt === null
  if (target.role !== 'owner' || target.disabledAt !== null || stillOwner) return
  const others = (await deps.store.listUsers()).filter(
    (u) => u.id !== target.id && u.role === 'owner' && u.disabledAt === null,
  )
  if (others.length === 0) {
    throw new ApiError(409, 'LAST_OWNER', 'The last enabled owner cannot be removed, disabled or demoted')
  }
}

export function createUserAdminRoutes(deps: AppDeps) {
  const target = async (id: string) => {
    const user = await deps.store.getUser(id)
    if (!user) throw ApiError.notFound('User', id)
    return user
  }
  const notSelf = (callerId: string, user: User) => {
    if (callerId === user.id) {
      throw new ApiError(409, 'CANNOT_REMOVE_SELF', 'You cannot disable or delete your own account')
    }
  }
  return createRouter()
    .openapi(changeUser, async (c) => {
      const user = await target(c.req.valid('param').id)
      const { role, disabled } = c.req.valid('json')
      const patch: UserPatch = {}
      if (role !== undefined) patch.role = role
      if (disabled !== undefined) {
        if (disabled) notSelf(c.get('user').id, user)
        patch.disabledAt = disabled ? (user.disabledAt ?? deps.now()) : null
      }
      await keepAnOwner(deps, user, { ...user, ...patch })
      const changed = await deps.store.updateUser(user.id, patch)
      if (!changed) throw ApiError.notFound('User', user.id)
      return c.json({ user: toUserView(changed) }, 200)
    })
    .openapi(resetPassword, async (c) => {
      const user = await target(c.req.valid('param').id)
      const password = c.req.valid('json').password ?? readablePassword()
      await deps.store.updateUser(user.id, { passwordHash: await hashPassword(password) })
      return c.json({ password }, 200)
    })
    .openapi(deleteUser, async (c) => {
      const user = await target(c.req.valid('param').id)
      const caller = c.get('user')
      notSelf(caller.id, user)
      await keepAnOwner(deps, user, undefined)
      if (!(await deps.store.deleteUser(user.id, caller.id))) throw ApiError.notFound('User', user.id)
      return c.body(null, 204)
    })
}
