import type { Context, MiddlewareHandler } from 'hono'
import type { AppDeps } from '../app-deps.ts'
import type { AppEnv } from '../app-env.ts'
import { ApiError } from '../http/api-error.ts'
import { identifyCaller } from './identify-caller.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const JSON_TYPE = /^application\/json\s*(;|$)/i
// An uploaded file (POST /api/media) goes as itself; these types, like JSON, need a preflight from another site.
const FILE_TYPE =
  /^(?:(?:image|audio)\/[\w.+-]+|application\/(?:octet-stream|pdf|vnd\.openxmlformats-officedocument\.wordprocessingml\.document)|text\/(?:markdown|html))\s*(;|$)/i

/**
 * Requires a signed-in caller and sets `user` and `access` (owners see everyone's data; everyone else only their
 * own) for every route mounted after it.
 *
 * CSRF: a request authenticated by the cookie with an unsafe method must say `Content-Type: application/json`.
 * A page on another site can only make a browser send that type after a CORS preflight, which this server never
 * approves; plain forms and `no-cors` fetches are limited to form and text types. SameSite=Lax already keeps the
 * cookie off cross-site POSTs in current browsers; this check does not depend on it, and unlike an Origin check it
 * keeps working behind proxies that rewrite the host. Bearer tokens are never sent by a browser on its own. An
 * `image/…` or `audio/…` body (a file upload) is held to the same rule: it is not a type a form can send either, nor
 * are the document types a knowledge base takes (octet-stream, PDF, .docx, Markdown, HTML); text/plain and multipart
 * are, so a cookie upload of a .txt file is sent as application/octet-stream.
 */
export function authenticate(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = await identifyCaller(c, deps)
    if (!caller)
      throw new ApiError(401, 'UNAUTHORIZED', 'Sign in, or send an API token as "Authorization: Bearer …"')
    if (caller.via === 'cookie' && !SAFE_METHODS.has(c.req.method)) requirePreflightedContentType(c)
    c.set('user', caller.user)
    c.set('access', { userId: caller.user.id, all: caller.user.role === 'owner' })
    await next()
  }
}

function requirePreflightedContentType(c: Context): void {
  const type = c.req.header('content-type') ?? ''
  if (JSON_TYPE.test(type) || FILE_TYPE.test(type)) return
  throw new ApiError(
    403,
    'CSRF_REJECTED',
    'Requests signed in with the session cookie must send "Content-Type: application/json" (or a file\'s image/ or audio/ type)',
  )
}
