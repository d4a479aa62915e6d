import { create } from 'zustand'
import { getSetupState, logout, me, type UserView } from '../api/auth-api.ts'
import { ApiError } from '../api/request.ts'

type SessionState =
  | { status: 'checking' }
  | { status: 'needs-setup' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: UserView }
  | { status: 'offline'; error: ApiError }

interface SessionStore {
  session: SessionState
  check(): Promise<void>
  signedIn(user: UserView): void
  signOut(): Promise<void>
}

/** Who is using the editor: decided once at start, then changed by signing in or out (or the session expiring). */
export const useSession = create<SessionStore>()((set) => ({
  session: { status: 'checking' },
  async check() {
    try {
      const { needed } = await getSetupState()
      if (needed) return set({ session: { status: 'needs-setup' } })
      const { user } = await me()
      set({ session: { status: 'signed-in', user } })
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) set({ session: { status: 'signed-out' } })
      else
        set({
          session: {
            status: 'offline',
            error: err instanceof ApiError ? err : new ApiError(0, 'NETWORK', String(err)),
          },
        })
    }
  },
  signedIn: (user) => set({ session: { status: 'signed-in', user } }),
  async signOut() {
    await logout().catch(() => undefined)
    set({ session: { status: 'signed-out' } })
  },
}))

/** Whether the signed-in person is the owner: only they change server-wide settings (prices, run retention). */
export function useIsOwner(): boolean {
  return useSession((s) => s.session.status === 'signed-in' && s.session.user.role === 'owner')
}
