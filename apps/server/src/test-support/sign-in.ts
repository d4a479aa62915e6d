import type { UserRole } from '@zhiliu/db'
import { callApi, type RequestTarget } from './call-api.ts'

/** Headers that authenticate a request; they include `content-type: application/json` so cookie writes pass CSRF. */
export type AuthHeaders = Record<string, string>

export const OWNER_EMAIL = 'owner@example.com'
export const TEST_PASSWORD = 'test-password-1'

let seq = 0

/** Runs the one-time setup and returns the owner's session headers. */
export async function setupOwner(app: RequestTarget, email = OWNER_EMAIL): Promise<AuthHeaders> {
  const res = await callApi(app, 'POST', '/api/setup', { body: { email, password: TEST_PASSWORD } })
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`)
  return sessionHeaders(res.res)
}

/** Signs in and returns the session headers. */
export async function signIn(
  app: RequestTarget,
  email: string,
  password = TEST_PASSWORD,
): Promise<AuthHeaders> {
  const res = await callApi(app, 'POST', '/api/auth/login', { body: { email, password } })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`)
  return sessionHeaders(res.res)
}

/**
 * Adds a user with `role` (as the owner) and returns both ways to act as them: a session cookie and an API token.
 */
export async function createUserWithRole(
  app: RequestTarget,
  owner: AuthHeaders,
  role: UserRole,
): Promise<{ userId: string; email: string; cookie: AuthHeaders; bearer: AuthHeaders }> {
  seq += 1
  const email = `${role}-${seq}-${Math.random().toString(36).slice(2, 8)}@example.com`
  const created = await callApi(app, 'POST', '/api/users', {
    headers: owner,
    body: { email, password: TEST_PASSWORD, role },
  })
  if (created.status !== 201)
    throw new Error(`adding a user failed: ${created.status} ${JSON.stringify(created.body)}`)
  const userId = (created.body as { user: { id: string } }).user.id
  const cookie = await signIn(app, email)
  const token = await callApi(app, 'POST', '/api/tokens', { headers: cookie, body: { name: 'test' } })
  if (token.status !== 201) throw new Error(`creating a token failed: ${token.status}`)
  const bearer = {
    authorization: `Bearer ${(token.body as { token: string }).token}`,
    'content-type': 'application/json',
  }
  return { userId, email, cookie, bearer }
}

function sessionHeaders(res: Response): AuthHeaders {
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  if (!cookie?.startsWith('zl_session=')) throw new Error('no session cookie was set')
  return { cookie, 'content-type': 'application/json' }
}
