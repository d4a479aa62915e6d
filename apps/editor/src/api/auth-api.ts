import { request } from './request.ts'

/** The signed-in person as `/api/auth/me` shows them. */
export interface UserView {
  id: string
  /** The sign-in name: an e-mail, or a class account's login. */
  email: string
  /** A display name (class accounts have one). */
  name: string | null
  role: 'owner' | 'editor' | 'student' | 'viewer'
  createdAt: number
  /** Set while an owner has disabled the account. */
  disabledAt: number | null
}

export const getSetupState = () => request<{ needed: boolean }>('GET', '/api/setup')
export const setup = (email: string, password: string) =>
  request<{ user: UserView }>('POST', '/api/setup', { email, password })
export const login = (email: string, password: string) =>
  request<{ user: UserView }>('POST', '/api/auth/login', { email, password })
export const me = () => request<{ user: UserView }>('GET', '/api/auth/me')
export const logout = () => request<void>('POST', '/api/auth/logout')
