import { NodeError } from '../errors.ts'

// Deliberately loose: the SMTP server is the judge of what it delivers. This catches what is clearly not one
// address (a blank, a missing @, two addresses in one entry) before anything connects.
const BARE = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;".]+$/u
const NAMED = /^[^<>@\r\n]*<([^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;".]+)>$/u

/** `news@example.com` or `新闻部 <news@example.com>`. */
export function isMailAddress(text: string): boolean {
  return BARE.test(text) || NAMED.test(text)
}

/** Every entry must be an address, and together at most `max`; the error names the field and the bad entry. */
export function checkMailAddresses(list: readonly string[], field: string, max: number): string[] {
  const bad = list.find((entry) => !isMailAddress(entry))
  if (bad !== undefined) {
    throw new NodeError(
      'PUBLISH_CONTENT_INVALID',
      `"${field}" holds "${bad}", which is not an e-mail address`,
      {
        details: { field, value: bad },
      },
    )
  }
  if (list.length > max) {
    throw new NodeError(
      'PUBLISH_CONTENT_INVALID',
      `"${field}" lists ${list.length} addresses; at most ${max}`,
      {
        details: { field, count: list.length, limit: max },
      },
    )
  }
  return [...list]
}
