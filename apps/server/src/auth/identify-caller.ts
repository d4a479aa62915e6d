import type { User } from '@zhiliu/db'
import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppDeps } from '../app-deps.ts'
import { hashToken, tokenPrefix } from '../security/tokens.ts'
import { SESSION_COOKIE } from './session-cookie.ts'

export interface Caller {
  user: User
  /** Cookies are sent by browsers on their own, so only they need the CSRF check. */
  via: 'cookie' | 'bearer'
}

/**
 * Who sent the request, from `Authorization: Bearer zl_pat_…` or the session cookie. An Authorization header that
 * is present but wrong fails the request rather than falling back to the cookie, so a script never silently acts
 * as whoever is signed in in the browser. A disabled user's tokens and sessions identify nobody. Malformed tokens are refused before any lookup.
 */
export async function identifyCaller(c: Context, deps: AppDeps): Promise<Caller | undefined> {
  const authorization = c.req.header('authorization')
  if (authorization !== undefined) {
    const [scheme, token] = authorization.trim().split(/\s+/, 2)
    if (scheme?.toLowerCase() !== 'bearer' || !token || tokenPrefix(token) !== 'zl_pat') return undefined
    const found = await deps.store.findTokenByHash(hashToken(token), deps.now())
    return found && found.user.disabledAt === null ? { user: found.user, via: 'bearer' } : undefined
  }
  const session = getCookie(c, SESSION_COOKIE)
  if (!session || tokenPrefix(session) !== 'zl_sess') return undefined
  const found = await deps.store.findSession(hashToken(session), deps.now())
  // Disabling ends sessions already; checking here too covers one created in the same moment.
  return found && found.user.disabledAt === null ? { user: found.user, via: 'cookie' } : undefined
}
