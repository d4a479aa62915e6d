/** The statuses that mean "go there": only with one of these did the flow's author choose to redirect. */
export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

// Printable ASCII only: a tab, newline or space inside a URL is dropped by browsers (`/\t/evil.com` becomes
// `//evil.com`), and a backslash counts as a slash (`/\evil.com`), so either could turn a path into another host.
const PLAIN = /^[\x21-\x5b\x5d-\x7e]+$/
const ABSOLUTE = /^https?:\/\/[^/?#]/i

/**
 * Whether a Respond node's `Location` may go out: an http(s) URL, or a path on this site (`/…` but not `//…`, which
 * browsers read as another host). Anything else — `javascript:`, `data:`, `vbscript:`, other schemes, relative
 * paths, protocol-relative or backslash tricks — is refused.
 */
export function isSafeRedirectTarget(value: string): boolean {
  if (!PLAIN.test(value)) return false
  if (value.startsWith('/')) return !value.startsWith('//')
  if (!ABSOLUTE.test(value)) return false
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}
