import { randomInt } from 'node:crypto'

// No look-alikes (0/O, 1/l/I), so a password read aloud or copied by hand works the first time.
const READABLE = 'abcdefghijkmnpqrstuvwxyz23456789'

/** Three groups of four from 32 characters: 60 random bits, e.g. `k7mq-x3rd-p9wa`. */
export function readablePassword(): string {
  const group = () => Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join('')
  return [group(), group(), group()].join('-')
}
