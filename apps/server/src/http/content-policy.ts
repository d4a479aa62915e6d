import type { Context, MiddlewareHandler } from 'hono'
import type { AppDeps } from '../app-deps.ts'
import type { AppEnv } from '../app-env.ts'

/**
 * What every answer gets unless a route marks it as one of the server's own pages: `sandbox` gives the document an
 * opaque origin with no script, forms, popups or plugins, so even HTML a flow echoed from a webhook caller cannot
 * read the editor's cookies or call its API with them. The rest is for a page a person may open (a published page,
 * a Respond node's HTML): it loads nothing but https/inline images and its own inline style.
 */
export const SANDBOX_CSP =
  "sandbox; default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

/**
 * The editor and the API docs: script only from this server, never inline or eval'd; no plugins, no <base>, no
 * framing by other sites (clickjacking). `style-src 'unsafe-inline'` because Swagger UI and the editor's canvas
 * library write inline `style` attributes and <style> elements; style cannot run script, so the cost is small.
 * `mediaOrigin` is ZHILIU_PUBLIC_URL's origin when set, where the run view's images and audio live.
 */
export function appCsp(mediaOrigin = ''): string {
  const media = mediaOrigin ? ` ${mediaOrigin}` : ''
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data:${media}`,
    `media-src 'self'${media}`,
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/**
 * Called by the routes that answer the server's own pages (the editor, the API docs, the chat page); nothing a flow
 * writes. `framable`: other sites may show the page in a frame (the chat page, which the chat widget embeds).
 */
export function markOwnDocument(c: Context<AppEnv>, options: { framable?: boolean } = {}): void {
  c.set('ownDocument', options.framable ? 'framable' : true)
}

/** Whether some policy in the header has a bare `sandbox` directive (one with `allow-…` tokens does not count). */
function isSandboxed(header: string | null): boolean {
  if (!header) return false
  return header.split(/[,;]/).some((directive) => directive.trim().toLowerCase() === 'sandbox')
}

function originOf(url: string | undefined): string {
  try {
    return url ? new URL(url).origin : ''
  } catch {
    return ''
  }
}

/**
 * The one place that decides the Content-Security-Policy of every answer, so a new route cannot forget it: sandboxed
 * by default (webhook answers incl. a Respond node's headers, streams, published pages, feeds, media, errors and
 * the API), the app policy only where a route called `markOwnDocument`. A route may send a stricter policy of its
 * own if it contains a bare `sandbox`; anything else — such as a policy a Respond node set — is replaced.
 * Mounted inside `secureHeaders`, which is told to leave Cross-Origin-Resource-Policy and X-Frame-Options to this
 * middleware.
 */
export function contentPolicy(deps: Pick<AppDeps, 'config'>): MiddlewareHandler<AppEnv> {
  const own = appCsp(originOf(deps.config.publicUrl))
  const framable = own.replace("frame-ancestors 'none'", 'frame-ancestors *')
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    headers.set('x-content-type-options', 'nosniff')
    // Same-origin unless a route opens its files to others (media: a sandboxed page has an opaque origin, so even
    // this server's own published pages count as another origin when they show its images).
    if (!headers.has('cross-origin-resource-policy'))
      headers.set('cross-origin-resource-policy', 'same-origin')
    const ownDocument = c.get('ownDocument')
    // X-Frame-Options is for browsers without frame-ancestors; secureHeaders leaves it to this middleware.
    if (ownDocument !== 'framable') headers.set('x-frame-options', 'SAMEORIGIN')
    if (ownDocument === 'framable') headers.set('content-security-policy', framable)
    else if (ownDocument) headers.set('content-security-policy', own)
    else if (!isSandboxed(headers.get('content-security-policy')))
      headers.set('content-security-policy', SANDBOX_CSP)
  }
}
