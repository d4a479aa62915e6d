// No look-alikes (0/O, 1/l/I): the owner often reads the password out or copies it by hand.
const READABLE = 'abcdefghijkmnpqrstuvwxyz23456789'

/** Three groups of four, e.g. `k7mp-x2qa-9rte`: 60 bits from the browser's CSPRNG, easy to pass on. */
export function readablePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  const chars = Array.from(bytes, (b) => READABLE[b % READABLE.length])
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-')
}
