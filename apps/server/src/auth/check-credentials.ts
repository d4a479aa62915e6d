import { randomBytes } from 'node:crypto'
import type { User } from '@zhiliu/db'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { hashPassword, verifyPassword } from '../security/password.ts'

let dummyHash: Promise<string> | undefined

/** Computes the throwaway hash ahead of the first login, so that login is not the one slower answer. */
export function prepareDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(18).toString('base64url'))
  return dummyHash
}

/**
 * The user for this email and password, or 401 `INVALID_CREDENTIALS` with one message for both an unknown email
 * and a wrong password; 403 `ACCOUNT_DISABLED` for the right password of a disabled account. An unknown email
 * still pays for one scrypt verification against a throwaway hash, so the response time does not tell which
 * emails have accounts.
 */
export async function checkCredentials(deps: AppDeps, email: string, password: string): Promise<User> {
  const found = await deps.store.findUserByEmail(email)
  const ok = await verifyPassword(password, found?.passwordHash ?? (await prepareDummyHash()))
  if (!found || !ok) throw new ApiError(401, 'INVALID_CREDENTIALS', 'The email or password is wrong')
  // Only after the password matched: a wrong guess learns nothing about whether the account is disabled.
  if (found.disabledAt !== null) {
    throw new ApiError(403, 'ACCOUNT_DISABLED', 'This account has been disabled by an owner')
  }
  const { passwordHash: _, ...user } = found
  return user
}
