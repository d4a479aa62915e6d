import { request } from './request.ts'

/** The signed-in person as `/api/auth/me` shows them. */
export interface UserView {
  id: string
  email: string
  role: 'owner' | 'editor' | 'viewer'
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
