import { randomFillSync } from 'node:crypto'

/**
 * A new run's id: 128 random bits as 26 characters of lowercase base32 (`0-9a-v`) instead of a 36-character uuid
 * (issue 19: store less per run). A run id is stored in its row and in four indexes, so ten characters less is
 * ≈ 50 B per run. Lowercase digits and letters only: safe in URLs, file names on case-insensitive disks and command
 * lines (never a leading `-`). Ids issued before (uuids) stay valid: every route, store and client takes a run id as
 * an opaque string.
 */
export function newRunId(): string {
  if (taken + 16 > pool.length) {
    randomFillSync(pool)
    taken = 0
  }
  // 2 zero bits then the 128 random ones: 130 bits, 26 digits of 5 bits, the first one 0–7.
  let bits = 2
  let acc = 0
  let id = ''
  for (let i = taken; i < taken + 16; i++) {
    acc = (acc << 8) | (pool[i] ?? 0)
    bits += 8
    while (bits >= 5) {
      bits -= 5
      id += DIGITS[(acc >>> bits) & 31]
    }
    acc &= (1 << bits) - 1
  }
  taken += 16
  return id
}

export const RUN_ID_LENGTH = 26

const DIGITS = '0123456789abcdefghijklmnopqrstuv'
// Random bytes drawn 4 KB at a time, as node's randomUUID does: a call into the CSPRNG per run cost ≈ 2 % of a
// `hook` request's CPU (a profile under the peer harness). Each byte is used for one id only.
const pool = Buffer.alloc(4096)
let taken = pool.length
