import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json } from '../http/openapi-helpers.ts'
import { endSession } from './session-cookie.ts'
import { toUserView, UserView } from './user-view.ts'

const me = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'The signed-in user',
  responses: { 200: json(z.object({ user: UserView }), 'The caller'), ...errors(401) },
})

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End the session and clear its cookie',
  responses: { 204: { description: 'Signed out' }, ...errors(401) },
})

export function createSessionRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(me, (c) => c.json({ user: toUserView(c.get('user')) }, 200))
    .openapi(logout, async (c) => {
      await endSession(c, deps)
      return c.body(null, 204)
    })
}
