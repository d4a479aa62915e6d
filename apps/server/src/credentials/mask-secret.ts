/** Below this length no character is shown: four of eleven would be too large a share of the secret. */
const MIN_SHOWN_LENGTH = 12
// Vendor prefixes (`sk-`, `ghp_`, `xoxb-`) say which kind of key it is and carry no secret.
const VENDOR_PREFIX = /^[A-Za-z]{1,4}[-_]/

/**
 * Enough to recognise a secret among others, never enough to use it: the vendor prefix and the last four
 * characters of a long secret (`sk-…a1b2`), only `…` for a short one.
 */
export function maskSecret(secret: string): string {
  if (secret.length < MIN_SHOWN_LENGTH) return '…'
  const prefix = VENDOR_PREFIX.exec(secret)?.[0] ?? ''
  return `${prefix}…${secret.slice(-4)}`
}

/** A non-secret value (a user name, a host) shortened for a hint. */
export function shorten(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
