import type { UserView } from './auth-api.ts'
import { request } from './request.ts'

export type Role = UserView['role']

export const listUsers = () => request<{ items: UserView[] }>('GET', '/api/users')
export const addUser = (email: string, password: string, role: Role) =>
  request<{ user: UserView }>('POST', '/api/users', { email, password, role })
export const changeUser = (id: string, change: { role?: Role; disabled?: boolean }) =>
  request<{ user: UserView }>('PATCH', `/api/users/${encodeURIComponent(id)}`, change)
/** Without a password the server makes up a readable one; either way the answer is the only time it is shown. */
export const resetPassword = (id: string, password?: string) =>
  request<{ password: string }>(
    'POST',
    `/api/users/${encodeURIComponent(id)}/password`,
    password ? { password } : {},
  )
export const deleteUser = (id: string) => request<void>('DELETE', `/api/users/${encodeURIComponent(id)}`)
