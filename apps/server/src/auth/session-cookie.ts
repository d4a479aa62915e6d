import type { User } from '@zhiliu/db'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppDeps } from '../app-deps.ts'
import { createOpaqueToken, hashToken } from '../security/tokens.ts'

export const SESSION_COOKIE = 'zl_session'
/** Fixed lifetime: signing in again every two weeks is cheap, a stolen cookie that never expires is not. */
export const SESSION_TTL_MS = 14 * 24 * 3600_000

/** Creates a session (the store keeps only the token's sha256) and sets the cookie holding the token. */
export async function startSession(c: Context, deps: AppDeps, user: User): Promise<void> {
  const token = createOpaqueToken('zl_sess')
  await deps.store.createSession({
    id: hashToken(token),
    userId: user.id,
    expiresAt: deps.now() + SESSION_TTL_MS,
  })
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c, deps),
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  })
}

export async function endSession(c: Context, deps: AppDeps): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE)
  if (token) await deps.store.deleteSession(hashToken(token))
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c, deps) })
}

// Behind a TLS-terminating proxy the request URL says http; the forwarded header or the configured public URL
// tells the truth. Trusting the header is safe here: a forged one only adds `Secure` to the sender's own cookie.
function isHttps(c: Context, deps: AppDeps): boolean {
  return (
    new URL(c.req.url).protocol === 'https:' ||
    c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ||
    deps.config.publicUrl?.startsWith('https:') === true
  )
}
