import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { clientAddress } from '../http/incoming.ts'
import { errors, json, jsonBody, PUBLIC } from '../http/openapi-helpers.ts'
import { hashPassword } from '../security/password.ts'
import { checkCredentials, prepareDummyHash } from './check-credentials.ts'
import { createLoginLimits } from './login-limits.ts'
import { startSession } from './session-cookie.ts'
import { Email, Login, Password, toUserView, UserView } from './user-view.ts'

const Setup = z.object({ email: Email, password: Password }).openapi('Setup')
const SignIn = z.object({ email: Login, password: Password }).openapi('SignIn')
const SignedIn = z.object({ user: UserView })

const getSetup = createRoute({
  method: 'get',
  path: '/setup',
  tags: ['auth'],
  summary: 'Whether the one-time owner setup is still needed (no user exists yet)',
  security: PUBLIC,
  responses: { 200: json(z.object({ needed: z.boolean() }), 'Setup state') },
})

const postSetup = createRoute({
  method: 'post',
  path: '/setup',
  tags: ['auth'],
  summary: 'Create the owner account on first start; signs it in',
  security: PUBLIC,
  request: { body: jsonBody(Setup) },
  responses: {
    201: json(SignedIn, 'The owner, signed in (session cookie set)'),
    ...errors(400, 409),
  },
})

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary:
    'Sign in; sets the httpOnly session cookie `zl_session`. After 10 wrong passwords for one account (or 100 failed sign-ins from one address) within 15 minutes: 429 `TOO_MANY_ATTEMPTS` until the window ends',
  security: PUBLIC,
  request: { body: jsonBody(SignIn) },
  responses: { 200: json(SignedIn, 'Signed in'), ...errors(400, 401, 429) },
})

/** The routes that work before anyone is signed in. Mounted before `authenticate`. */
export function createSetupRoutes(deps: AppDeps) {
  void prepareDummyHash()
  const limits = createLoginLimits(deps.cluster?.redis)
  return createRouter()
    .openapi(getSetup, async (c) => c.json({ needed: (await deps.store.countUsers()) === 0 }, 200))
    .openapi(postSetup, async (c) => {
      const { email, password } = c.req.valid('json')
      if ((await deps.store.countUsers()) > 0) throw setupDone()
      const passwordHash = await hashPassword(password)
      // Two setup requests at once, on one process or two, must not create two owners: the store decides.
      const user = await deps.store.createFirstUser({ email, passwordHash, role: 'owner' })
      if (!user) throw setupDone()
      deps.logger.info({ userId: user.id }, 'owner account created')
      await startSession(c, deps, user)
      return c.json({ user: toUserView(user) }, 201)
    })
    .openapi(login, async (c) => {
      const { email, password } = c.req.valid('json')
      const address = clientAddress(c.env)
      await limits.check(email, address)
      const user = await checkCredentials(deps, email, password).catch(async (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) await limits.failed(email, address)
        throw err
      })
      await limits.succeeded(email)
      await startSession(c, deps, user)
      return c.json({ user: toUserView(user) }, 200)
    })
}

function setupDone(): ApiError {
  return new ApiError(409, 'SETUP_DONE', 'Setup is already done; sign in instead')
}
