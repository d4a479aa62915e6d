import { z } from '@hono/zod-openapi'
import type { User, UserRole } from '@zhiliu/db'
import type { SameShape } from '../http/same-shape.ts'

export const Role = z.enum(['owner', 'editor', 'student', 'viewer']).openapi('Role')

export const UserView = z
  .object({
    id: z.string(),
    email: z.string().openapi({ description: "The sign-in name: an e-mail, or a class account's login" }),
    name: z.string().nullable().openapi({ description: 'A display name (class accounts have one)' }),
    role: Role,
    createdAt: z.number(),
    disabledAt: z.number().nullable().openapi({ description: 'Set while the account is disabled' }),
  })
  .openapi('User')

const roleMatchesStore: SameShape<z.infer<typeof Role>, UserRole> = true
const userMatchesStore: SameShape<z.infer<typeof UserView>, User> = true
void roleMatchesStore
void userMatchesStore

/** Strips anything a user row might carry beyond what the API shows (never a password hash). */
export function toUserView(user: User): UserView {
  return UserView.parse(user)
}
export type UserView = z.infer<typeof UserView>

export const Email = z.email().max(254).openapi({ example: 'owner@example.com' })
/** A class account's login, made up by the server for a student without an e-mail: `li.lei`, `student12`. */
export const LoginName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i)
  .openapi({ example: 'student12' })
/** What signs in: an e-mail or a class account's login. */
export const Login = z.union([Email, LoginName]).openapi({ example: 'owner@example.com' })
/** Only bounded here; the policy (length after NFKC) lives in `passwordProblem`, which answers `PASSWORD_WEAK`. */
export const Password = z.string().min(1).max(1024).openapi({ example: 'correct horse battery staple' })
