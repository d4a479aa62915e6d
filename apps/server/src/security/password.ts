import { randomBytes, timingSafeEqual } from 'node:crypto'
import { ZhiliuError } from '@zhiliu/nodes'
import { scryptAsync } from './scrypt-async.ts'

/** NIST SP 800-63B: at least 8 characters, and accept long passphrases. Counted in code points after NFKC. */
export const MIN_PASSWORD_LENGTH = 8
export const MAX_PASSWORD_LENGTH = 256

// OWASP lists N=2^15, r=8, p=3 as equivalent to N=2^17, r=8, p=1 while needing 32 MB instead of 128 MB per hash,
// which matters when several logins arrive at once on a small server.
const PRODUCTION = { logN: 15, r: 8, p: 3 }

// Test hook: the test suite hashes about a thousand passwords (most server tests set up an owner before each test),
// ≈ 0.3 s of CPU each at the production cost: minutes of CI's two cores spent on nothing the tests check. Under the
// test runner (vitest sets VITEST in its workers; `npm start` never does) and only when the suite asks for it
// (vitest.config.ts), new hashes cost 1/16 of that. Still one step above GENERATED, so a generated password is
// re-hashed at its first sign-in in tests as in production; password.test.ts checks the production parameters.
const TEST = { logN: 11, r: 8, p: 3 }
const CURRENT =
  process.env.VITEST === 'true' && process.env.ZHILIU_TEST_CHEAP_PASSWORD_HASH === '1' ? TEST : PRODUCTION
const SALT_BYTES = 16
const HASH_BYTES = 32
const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/

/** Why a new password is unacceptable, or undefined when it is fine. */
export function passwordProblem(password: string): string | undefined {
  const length = [...password.normalize('NFKC')].length
  if (length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters`
  if (length > MAX_PASSWORD_LENGTH) return `Password must be at most ${MAX_PASSWORD_LENGTH} characters`
  return undefined
}

/** `$scrypt$ln=15,r=8,p=3$<salt>$<hash>` (base64url): the parameters travel with the hash, so they can be raised. */
export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password)
  if (problem) throw new ZhiliuError('PASSWORD_WEAK', problem)
  return hashWith(password, CURRENT)
}

// ≈ 1/32 of the work of PRODUCTION (≈ 10 ms instead of ≈ 300 ms on a busy 2-core machine).
const GENERATED = { logN: 10, r: 8, p: 3 }

/**
 * For a password the server generated (`readablePassword`: 60 random bits), where the work factor adds nothing
 * that matters against 2^59 guesses, so that a class of 500 accounts is made in seconds, not minutes. The first
 * sign-in re-hashes it with today's parameters (`needsRehash`).
 */
export function hashGeneratedPassword(password: string): Promise<string> {
  return hashWith(password, GENERATED)
}

async function hashWith(password: string, params: typeof CURRENT): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const hash = await derive(password, salt, params.logN, params.r, params.p, HASH_BYTES)
  const text = `ln=${params.logN},r=${params.r},p=${params.p}`
  return `$scrypt$${text}$${salt.toString('base64url')}$${hash.toString('base64url')}`
}

/** Constant-time check. Throws `PASSWORD_HASH_INVALID` for a stored value that is not one of ours. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { logN, r, p, salt, hash } = parseHash(stored)
  if (password.length > MAX_PASSWORD_LENGTH * 4) return false
  const candidate = await derive(password, salt, logN, r, p, hash.length)
  return timingSafeEqual(candidate, hash)
}

/** True when a stored hash uses weaker parameters than today's, so the caller re-hashes after a good login. */
export function needsRehash(stored: string): boolean {
  const { logN, r, p } = parseHash(stored)
  return logN < CURRENT.logN || r < CURRENT.r || p < CURRENT.p
}

function parseHash(stored: string) {
  const m = FORMAT.exec(stored)
  const [logN, r, p] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])]
  const salt = Buffer.from(m?.[4] ?? '', 'base64url')
  const hash = Buffer.from(m?.[5] ?? '', 'base64url')
  // Bounds keep a corrupted row from asking scrypt for gigabytes.
  if (
    !m ||
    logN < 10 ||
    logN > 20 ||
    r < 1 ||
    r > 32 ||
    p < 1 ||
    p > 16 ||
    salt.length < 8 ||
    hash.length < 16
  ) {
    throw new ZhiliuError(
      'PASSWORD_HASH_INVALID',
      'The stored password hash is not in a format this server reads',
    )
  }
  return { logN, r, p, salt, hash }
}

function derive(password: string, salt: Buffer, logN: number, r: number, p: number, length: number) {
  const N = 2 ** logN
  return scryptAsync(password.normalize('NFKC'), salt, length, { N, r, p, maxmem: 256 * N * r })
}
